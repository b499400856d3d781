"""``duban import-xlsx FILE``: the 台账 sheet back in, validated row by row, each row through
the workflow (``reports.excel.save_rows``).

Nothing is written if any row fails, unless ``--partial`` (then the good rows are).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from duban.ledger.management.commands._common import office_user
from duban.reports.excel import read_ledger, save_rows


class Command(BaseCommand):
    help = "从台账 Excel 导入（逐行校验；有错误时不写入，除非 --partial）"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE", help="台账 Excel 文件")
        parser.add_argument("--partial", action="store_true", help="有错误的行跳过，其余照常写入")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")
        parser.add_argument("--user", metavar="USER", help="以此督查室用户的身份导入（记入留痕）")

    def handle(self, *args, file, partial, dry_run, user, **options):
        importer = office_user(user)
        if not file.is_file():
            raise CommandError(_("文件不存在：{file}").format(file=file))
        with file.open("rb") as handle:
            rows, errors = read_ledger(handle)
        # The rows go through the workflow inside one transaction: what it refuses is known only
        # then, so a dry run and a failed import roll back what they tried.
        with transaction.atomic():
            summary = save_rows(rows, importer, filename=file.name)
            errors += summary.errors
            if dry_run or (errors and not partial):
                transaction.set_rollback(True)
        for message in errors:
            self.stderr.write(message)
        if errors and not partial:
            raise CommandError(_("{count} 处错误，未导入任何事项（改正后重试，或用 --partial 只导入正确的行）。").format(
                count=len(errors)))
        if dry_run:
            self.stdout.write(_("校验完成：{rows} 行可导入，{errors} 处错误。").format(
                rows=summary.created + summary.updated + summary.unchanged, errors=len(errors)))
            return
        done = _("新增 {created} 条，更新 {updated} 条，未变 {unchanged} 条；{errors} 处错误的行已跳过。") if errors else \
            _("新增 {created} 条，更新 {updated} 条，未变 {unchanged} 条。")
        self.stdout.write(done.format(created=summary.created, updated=summary.updated, unchanged=summary.unchanged,
                                      errors=len(errors)))
