"""``duban notice``: the papers to print, as Word files (``reports.notices``).

    duban notice --item 督〔2026〕17号 --out 交办单.docx           # an item's 交办单 (id or 督办编号)
    duban notice --item 12 --closing-report --out 办结报告.docx    # its latest 办结报告
    duban notice --unit 天桥街道 [--since … --until … | --source ID] --out 通知单.docx
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from duban.ledger import closing
from duban.ledger.models import Item, Source
from duban.ledger.units import unit_named
from duban.reports import notices


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("日期应为 YYYY-MM-DD：%(text)s") % {"text": text}) from None


class Command(BaseCommand):
    help = "打印文书：事项的交办单、办结报告，单位的督办通知单（Word）"

    def add_arguments(self, parser):
        chosen = parser.add_mutually_exclusive_group(required=True)
        chosen.add_argument("--item", metavar="ID", help="事项编号或督办编号：输出交办单")
        chosen.add_argument("--unit", help="单位名称或别名：输出该单位尚未办结事项的督办通知单")
        parser.add_argument("--closing-report", action="store_true", help="与 --item 同用：输出最近一份办结报告")
        parser.add_argument("--source", type=int, metavar="ID", help="与 --unit 同用：只列此来源报道的事项")
        parser.add_argument("--since", type=_day, metavar="DATE", help="与 --unit 同用：交办日期不早于")
        parser.add_argument("--until", type=_day, metavar="DATE", help="与 --unit 同用：交办日期不晚于")
        parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="写入的 Word 文件")

    def handle(self, *args, item, unit, closing_report, source, since, until, out, **options):
        if item:
            document = self._item_paper(item, closing_report)
        else:
            document = self._unit_notice(unit, source, since, until)
        target = out.expanduser()
        if not target.parent.is_dir():
            raise CommandError(_("目录不存在：%(folder)s") % {"folder": target.parent})
        document.save(target)
        self.stdout.write(_("已写入 %(file)s") % {"file": target})

    def _item_paper(self, key: str, closing_report: bool):
        found = Item.objects.filter(number=key).first() or (
            Item.objects.filter(pk=int(key)).first() if key.isdigit() else None)
        if found is None:
            raise CommandError(_("没有事项“%(key)s”。") % {"key": key})
        if closing_report:
            report = closing.latest(found)
            if report is None:
                raise CommandError(_("该事项尚无办结报告。"))
            return notices.build_closing_report(report)
        if found.assigned_at is None:
            raise CommandError(_("事项尚未交办，没有交办单。"))
        return notices.build_assignment(found)

    def _unit_notice(self, name: str, source_id: int | None, since, until):
        unit = unit_named(name)
        if unit is None:
            raise CommandError(_("没有名为“%(name)s”的单位。") % {"name": name})
        source = Source.objects.filter(pk=source_id).first() if source_id else None
        if source_id and source is None:
            raise CommandError(_("没有来源报道 %(id)s。") % {"id": source_id})
        items = notices.unit_items(unit, source=source_id, since=since, until=until)
        return notices.build_unit_notice(unit, items, scope=notices.unit_scope(source, since, until))
