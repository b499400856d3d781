"""``duban export --xlsx FILE [filters]``: the 督办台账 as a printable Excel sheet."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from duban.ledger.filters import LedgerFilters, select
from duban.ledger.models import Item
from duban.ledger.units import unit_named
from duban.reports.excel import write_ledger


def _names(choices) -> dict[str, str]:
    """Values and their Chinese labels, whatever language the command runs in."""
    with translation.override("zh-hans"):
        return {**{value: value for value, _label in choices}, **{str(label): value for value, label in choices}}


STATUS_NAMES = _names(Item.Status.choices)
LIGHT_NAMES = _names(Item.Light.choices)


class Command(BaseCommand):
    help = "导出督办台账 Excel（可按状态、单位、亮灯、领域、来源筛选）"

    def add_arguments(self, parser):
        parser.add_argument("--xlsx", required=True, type=Path, metavar="FILE", help="写入的 Excel 文件")
        parser.add_argument("--status", action="append", default=[], help="只导出此状态的事项（可重复），如 已交办、assigned")
        parser.add_argument("--unit", help="只导出此单位（责任单位或配合单位，含下级单位）的事项，名称或别名")
        parser.add_argument("--light", choices=sorted(LIGHT_NAMES), help="只导出此亮灯的事项：红灯、黄灯、绿灯（或 red、yellow、green）")
        parser.add_argument("--topic", help="只导出此领域的事项，如 民生服务")
        parser.add_argument("--source", type=int, metavar="ID", help="只导出此来源报道（编号）的事项")
        parser.add_argument("--title", default="督办事项台账", help="表格标题（默认 督办事项台账）")

    def handle(self, *args, xlsx, status, unit, light, topic, source, title, **options):
        items = filtered(status=status, unit=unit, light=light, topic=topic, source=source)
        target = xlsx.expanduser()
        if not target.parent.is_dir():
            raise CommandError(_("目录不存在：{folder}").format(folder=target.parent))
        # Write beside the target and rename, so a failure never leaves half a spreadsheet.
        fd, temp = tempfile.mkstemp(suffix=".xlsx", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                count = write_ledger(items, handle, title=title)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.stdout.write(_("已导出 {count} 条事项到 {target}").format(count=count, target=target))


def filtered(*, status=(), unit=None, light=None, topic=None, source=None):
    """The items these options select, by the ledger's one filter definition (``ledger.filters``):
    the ledger unless statuses are named; a unit with the units below it, leading or co-operating."""
    unknown = [s for s in status if s not in STATUS_NAMES]
    if unknown:
        raise CommandError(_("未知状态：{statuses}").format(statuses="、".join(unknown)))
    found = None
    if unit:
        found = unit_named(unit)
        if found is None:
            raise CommandError(_("没有名为“{unit}”的单位。").format(unit=unit))
    filters = LedgerFilters.of({"status": [STATUS_NAMES[s] for s in status], "in_ledger": None if status else True,
                                "unit": found, "light": LIGHT_NAMES.get(light), "topic": topic, "source": source})
    return select(filters).queryset()
