"""``duban backup FILE``: every row + evidence files + manifest, in one zip."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from duban.ledger.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库与佐证材料到一个文件（含清单与校验值）"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE", help="写入的备份文件（zip）")

    def handle(self, *args, file, **options):
        target = file.expanduser()
        if not target.parent.is_dir():
            raise CommandError(_("目录不存在：{folder}").format(folder=target.parent))
        try:
            manifest = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["counts"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(_("已备份 {rows} 条记录、{files} 个佐证材料到 {target}").format(rows=rows, files=files, target=target))
