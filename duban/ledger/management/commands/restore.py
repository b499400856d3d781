"""``duban restore FILE``: into an empty database, checked against the backup's manifest."""

from __future__ import annotations

from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from duban.ledger.backup import BackupError, restore


class Command(BaseCommand):
    help = "从备份文件恢复到空数据库（先校验清单中的每个校验值）"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE", help="duban backup 生成的备份文件")

    def handle(self, *args, file, **options):
        if not file.is_file():
            raise CommandError(_("文件不存在：{file}").format(file=file))
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except (serializers.base.DeserializationError, DatabaseError) as error:
            raise CommandError(_("恢复失败，数据库未改动：{error}").format(error=" ".join(str(error).split())[:300])) from None
        rows = sum(manifest["counts"].values())
        self.stdout.write(_("已恢复 {rows} 条记录、{files} 个佐证材料（备份于 {created}，来自 {database}）").format(
            rows=rows, files=len(manifest["files"]) - 1, created=manifest["created"][:19], database=manifest["database"]))
