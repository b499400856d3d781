"""``duban import FILE|-|URL...``: read, analyse and store reports as proposals (idempotent)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from duban.errors import InputError
from duban.ledger import services
from duban.ledger.management.commands._common import office_user
from duban.ledger.models import Source
from duban.ledger.workflow import WorkflowError
from duban.reader.documents import check_name


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


class Command(BaseCommand):
    help = "导入报道（文件、- 表示标准输入、网址），生成待审核事项；同一报道不会重复导入"

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="FILE|-|URL", help="报道文件、- （标准输入）或网址")
        parser.add_argument("--text", action="store_true", help="输入是粘贴的纯文本，不是网页")
        parser.add_argument("--user", metavar="USER", help="以此督查室用户的身份导入（记入留痕）")

    def handle(self, *args, inputs, text, user, **options):
        importer = office_user(user)
        failures = 0
        for name in tqdm(inputs, desc=_("导入"), unit=_("篇"), disable=len(inputs) < 3, file=sys.stderr):
            try:
                source, created = self.import_one(name, text=text, user=importer)
            except (InputError, WorkflowError, OSError) as error:
                failures += 1
                self.stderr.write(_("{name}：失败：{error}").format(name=name, error=one_line(error)))
                continue
            count = source.items.count()
            if created:
                self.stdout.write(_("{name}：已导入《{title}》，{count} 条待审核事项（来源 #{id}）").format(
                    name=name, title=source.title, count=count, id=source.pk))
            else:
                self.stdout.write(_("{name}：此前已导入（来源 #{id}，{count} 条事项），未重复创建").format(
                    name=name, id=source.pk, count=count))
        if failures:
            raise CommandError(_("{count} 个输入导入失败。").format(count=failures))

    def import_one(self, name: str, *, text: bool, user):
        origin = Source.Origin.TEXT if text else Source.Origin.FILE
        if is_url(name):
            return services.import_url(name, user=user)
        if name == "-":
            data = sys.stdin.buffer.read()
            return services.import_report(data, origin=Source.Origin.TEXT if text else origin, location="-",
                                          user=user)
        path = Path(name)
        if not path.is_file():
            raise InputError(_("文件不存在"))
        data = path.read_bytes()
        check_name(path.name, data)  # a .docx renamed .pdf: say so rather than guess
        return services.import_report(data, origin=origin, location=path.name, user=user)


def one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__
