"""``duban number --backfill [--apply]``: 督办编号 for items given to units before numbering existed.

Without ``--apply`` it only says what it would do: a number once given is never given back
(the counters only count up), so a run is not undone by running again.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from duban.ledger import numbering


class Command(BaseCommand):
    help = "督办编号：为编号功能启用前已交办的事项补编（按交办时间先后）"

    def add_arguments(self, parser):
        parser.add_argument("--backfill", action="store_true", help="为已交办、已销号但没有督办编号的事项补编")
        parser.add_argument("--apply", action="store_true", help="真正写入（不加此项只列出将补编的数量和起始编号）")

    def handle(self, *args, backfill=False, apply=False, **options):
        if not backfill:
            raise CommandError(_("请指定 --backfill。"))
        items = list(numbering.unnumbered())
        if not items:
            self.stdout.write(_("没有需要补编督办编号的事项。"))
            return
        for year, count, first in numbering.backfill_plan(items):
            self.stdout.write(_("%(year)s年：%(count)s 条，自 %(first)s 起") % {"year": year, "count": count, "first": first})
        if not apply:
            self.stdout.write(_("共 %(count)s 条待补编；加 --apply 写入（编号一经给出不再收回）。") % {"count": len(items)})
            return
        bar = tqdm(items, desc=_("补编督办编号"), unit=_("条"), file=sys.stderr, disable=None)
        done = numbering.backfill(bar)
        self.stdout.write(_("已补编督办编号 %(count)s 条。") % {"count": done})
