"""``duban export --xlsx FILE [filters]``: the 督办台账 as a printable Excel sheet."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from duban.ledger.filters import LedgerFilters, select
from duban.ledger.models import Item, Unit
from duban.reports.excel import write_ledger

STATUS_NAMES = {**{v: v for v in Item.Status.values}, **{str(label): v for v, label in Item.Status.choices}}
LIGHT_NAMES = {**{v: v for v in Item.Light.values}, **{str(label): v for v, label in Item.Light.choices}}


class Command(BaseCommand):
    help = "导出督办台账 Excel（可按状态、单位、亮灯、领域、来源筛选）"

    def add_arguments(self, parser):
        parser.add_argument("--xlsx", required=True, type=Path, metavar="FILE")
        parser.add_argument("--status", action="append", default=[], help="状态 (repeatable): assigned / 已交办 …")
        parser.add_argument("--unit", help="责任单位或配合单位 (its sub-units included), name or alias")
        parser.add_argument("--light", choices=sorted(LIGHT_NAMES), help="red / yellow / green / 红灯 …")
        parser.add_argument("--topic", help="领域, e.g. 民生服务")
        parser.add_argument("--source", type=int, help="only items from this imported report (id)")
        parser.add_argument("--title", default="督办事项台账")

    def handle(self, *args, xlsx, status, unit, light, topic, source, title, **options):
        items = filtered(status=status, unit=unit, light=light, topic=topic, source=source)
        target = xlsx.expanduser()
        if not target.parent.is_dir():
            raise CommandError(f"目录不存在：{target.parent}")
        # Write beside the target and rename, so a failure never leaves half a spreadsheet.
        fd, temp = tempfile.mkstemp(suffix=".xlsx", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                count = write_ledger(items, handle, title=title)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.stdout.write(f"已导出 {count} 条事项到 {target}")


def filtered(*, status=(), unit=None, light=None, topic=None, source=None):
    """The items these options select, by the ledger's one filter definition (``ledger.filters``):
    the ledger unless statuses are named; a unit with the units below it, leading or co-operating."""
    unknown = [s for s in status if s not in STATUS_NAMES]
    if unknown:
        raise CommandError(f"未知状态：{'、'.join(unknown)}")
    found = None
    if unit:
        found = Unit.objects.filter(Q(name=unit) | Q(aliases__alias=unit)).first()
        if found is None:
            raise CommandError(f"没有名为“{unit}”的单位。")
    filters = LedgerFilters.of({"status": [STATUS_NAMES[s] for s in status], "in_ledger": None if status else True,
                                "unit": found, "light": LIGHT_NAMES.get(light), "topic": topic, "source": source})
    return select(filters).queryset()
