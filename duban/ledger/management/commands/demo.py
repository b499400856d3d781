"""``duban demo``: the 召陵区 ledger, filled from the bundled report, then served.

It fills the database every other command uses by default (``DATABASE_URL``, else
``DUBAN_HOME/duban.sqlite3``), so ``duban export`` and ``duban backup`` work on it next.
A database that holds data is never touched: ``--reset`` deletes the default SQLite file
first, ``--db FILE`` uses a file of its own.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "在默认数据库（DATABASE_URL，或 DUBAN_HOME/duban.sqlite3）中建立演示台账：召陵区单位、演示用户、导入召陵区报道并交办，然后启动服务"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="只建立演示数据库，不启动服务")
        parser.add_argument("--reset", action="store_true", help="先删除默认 SQLite 数据库中的全部数据再建立演示")
        parser.add_argument("--db", type=Path, metavar="FILE", help="改用这个 SQLite 文件（每次重新建立）")
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        parser.add_argument("--password", help="所有演示用户共用的密码（默认随机生成并显示）")

    def handle(self, *args, db, no_serve, reset, host, port, password, **options):
        from duban.ledger import demo
        from duban.ledger.backup import database_is_empty

        if db is not None:
            use_fresh_sqlite(db.expanduser().resolve())
        elif reset:
            reset_default_sqlite()
        call_command("migrate", interactive=False, verbosity=0)
        if db is None and not database_is_empty():
            raise CommandError(_("数据库 {where} 已有数据，演示只写入空数据库。打开它：duban serve；"
                                 "清空并重建演示：duban demo --reset；或用 --db 指定新的 SQLite 文件。").format(where=where()))
        result = demo.build(password)
        self.report(db, result)
        if not no_serve:
            # By name: serve lives above the ledger (duban.schedule), with the worker it runs.
            call_command("serve", host=host, port=port, no_migrate=True, stdout=self.stdout)

    def report(self, db: Path | None, result) -> None:
        out = self.stdout
        out.write(_("演示数据库：{where}").format(where=where()))
        statuses = _("，").join(f"{label} {n}" for label, n in result.statuses.items())
        out.write(_("台账事项 {count} 条（{statuses}）").format(count=result.items, statuses=statuses))
        out.write("\n" + _("演示账号（用户名 / 密码 / 角色 / 单位）："))
        width = max(len(u) for u, *_ in result.logins)
        for username, password, role, unit in result.logins:
            out.write(f"  {username:<{width}}  {password}  {role}  {unit}")
        prefix = f"DATABASE_URL=sqlite:///{db.expanduser().resolve()} " if db is not None else ""
        out.write("\n" + _("以后再次打开：{prefix}duban serve；导出台账：{prefix}duban export --xlsx 台账.xlsx")
                  .format(prefix=prefix) + "\n")


def where() -> str:
    """The database in words: the SQLite file, or DATABASE_URL."""
    database = settings.DATABASES["default"]
    return database["NAME"] if database["ENGINE"].endswith("sqlite3") else "DATABASE_URL"


def reset_default_sqlite() -> None:
    """--reset: only the default SQLite file is ever deleted; a DATABASE_URL server is left to its owner."""
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3"):
        raise CommandError(_("--reset 只清空 SQLite 数据库；DATABASE_URL 指向的数据库请由管理员清空，或用 --db 指定新的 SQLite 文件。"))
    use_fresh_sqlite(Path(database["NAME"]))


def use_fresh_sqlite(path: Path) -> None:
    """Point the default connection at a new, empty SQLite file (the demo never touches DATABASE_URL's)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        target = path.with_name(path.name + suffix)
        try:
            target.unlink(missing_ok=True)
        except OSError as error:
            raise CommandError(_("无法删除旧的演示数据库 {target}：{error}").format(target=target, error=error.strerror)) from None
    connections["default"].close()
    # Connections of every thread read this same dict, so the server threads follow too.
    database = settings.DATABASES["default"]
    database.update({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "HOST": "", "PORT": "",
                     "USER": "", "PASSWORD": "", "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False})
    database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
