from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from duban.ops import fsck


class Command(BaseCommand):
    help = "检查数据库与佐证材料目录是否一致（孤立文件、缺失文件、导入不完整的报道）；--fix 清理"

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="删除孤立文件与导入不完整的报道")
        parser.add_argument("--verify", action="store_true", help="同时核对每个文件的大小与 SHA-256（较慢）")
        parser.add_argument("--min-age", type=float, default=fsck.DEFAULT_MIN_AGE_SECONDS,
                            help="只把早于这么多秒的无主文件视为孤立（默认 3600，避免误删正在上传的文件）")

    def handle(self, *args, fix=False, verify=False, min_age=fsck.DEFAULT_MIN_AGE_SECONDS, **options):
        report = fsck.check(verify=verify, min_age=min_age)
        sections = [
            (_("孤立文件（没有对应的佐证记录）"), report.orphan_files),
            (_("缺失文件（记录存在但文件不见了）"), report.missing_files),
            (_("文件内容与记录的校验和不符"), report.corrupt_files),
            (_("导入不完整的报道（来源编号）"), [str(pk) for pk in report.half_imported]),
        ]
        for title, entries in sections:
            if entries:
                self.stdout.write(_("{title}：{count}").format(title=title, count=len(entries)))
                for entry in entries:
                    self.stdout.write(f"  {entry}")
        if report.young_files:
            self.stdout.write(_("另有 {count} 个新近的无主文件（可能正在上传），未计入。").format(count=len(report.young_files)))
        if fix and (report.orphan_files or report.half_imported):
            fsck.fix(report)
            self.stdout.write(_("已删除孤立文件 {files} 个、不完整报道 {reports} 条。").format(
                files=len(report.orphan_files), reports=len(report.half_imported)))
            remaining = len(report.missing_files) + len(report.corrupt_files)
        else:
            remaining = report.problems
        if remaining:
            raise CommandError(_("发现 {count} 个需要处理的问题。").format(count=remaining), returncode=1)
        self.stdout.write(self.style.SUCCESS(_("数据库与佐证材料目录一致。")))
