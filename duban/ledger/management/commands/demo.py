"""``duban demo``: a fresh SQLite ledger for 召陵区, filled from the bundled report, then served."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from duban.ledger.management.commands.serve import serve


class Command(BaseCommand):
    help = "新建演示数据库（召陵区单位、演示用户、导入召陵区报道并交办），然后启动服务"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--db", type=Path, help="SQLite file to (re)create (default DUBAN_HOME/demo.sqlite3)")
        parser.add_argument("--no-serve", action="store_true", help="prepare the database and exit")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--password", help="one password for every demo user (default: random, printed)")

    def handle(self, *args, db, no_serve, host, port, password, **options):
        from duban.ledger import demo
        from duban.ledger.backup import database_is_empty

        # DATABASE_URL is used as given, but never emptied: it must be empty already.
        # Otherwise the demo gets its own SQLite file, recreated on every run.
        path = None
        if db is not None or not os.environ.get("DATABASE_URL"):
            path = (db or settings.DATA_HOME / "demo.sqlite3").expanduser().resolve()
            use_fresh_sqlite(path)
        call_command("migrate", interactive=False, verbosity=0)
        if path is None and not database_is_empty():
            raise CommandError("DATABASE_URL 指向的数据库不是空的；演示只写入空数据库（或用 --db 指定新的 SQLite 文件）。")
        result = demo.build(password)
        self.report(path, result)
        if not no_serve:
            serve(host, port, stdout=self.stdout)

    def report(self, path: Path | None, result) -> None:
        out = self.stdout
        out.write(f"演示数据库：{path or 'DATABASE_URL'}")
        statuses = "，".join(f"{label} {n}" for label, n in result.statuses.items())
        out.write(f"台账事项 {result.items} 条（{statuses}）")
        out.write("\n演示账号（用户名 / 密码 / 角色 / 单位）：")
        width = max(len(u) for u, *_ in result.logins)
        for username, password, role, unit in result.logins:
            out.write(f"  {username:<{width}}  {password}  {role}  {unit}")
        again = f"DATABASE_URL=sqlite:///{path} duban serve" if path else "duban serve"
        out.write(f"\n以后再次打开：{again}\n")


def use_fresh_sqlite(path: Path) -> None:
    """Point the default connection at a new, empty SQLite file (the demo never touches DATABASE_URL's)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        target = path.with_name(path.name + suffix)
        try:
            target.unlink(missing_ok=True)
        except OSError as error:
            raise CommandError(f"无法删除旧的演示数据库 {target}：{error.strerror}") from None
    connections["default"].close()
    # Connections of every thread read this same dict, so the server threads follow too.
    database = settings.DATABASES["default"]
    database.update({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "HOST": "", "PORT": "",
                     "USER": "", "PASSWORD": "", "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False})
    database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
