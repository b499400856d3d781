"""Excel 台账 export: time and peak memory for growing ledgers.

    python3 bench/ledger_export.py [--sizes 5000 20000]

Runs in a throwaway SQLite database. Prints, per size, the seconds and the peak Python
memory of ``write_ledger``, next to an anchor measured in the same run: openpyxl writing the
same number of plain rows without touching the database. Flat memory shows as a peak that
does not grow with the row count; the time ratio says what the ledger adds over openpyxl.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(work) -> tuple[float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def plain_rows(count: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("台账")
    row = [1, "要加快设备调试等准备工作，做好周边环境整治，确保全产业链基地如期投产达效", "市委书记到召陵区调研", "王副区长",
           "天桥街道", "区民政局、区卫健委", dt.date(2030, 1, 1), "已完成选址（完成40%）", "办理中", "绿灯"]
    for _ in range(count):
        ws.append(row)
    workbook.save(io.BytesIO())


def fill(count: int) -> None:
    from duban.ledger.models import Item, Progress, Unit

    town, civil = Unit.objects.get_or_create(name="天桥街道")[0], Unit.objects.get_or_create(name="区民政局")[0]
    have = Item.objects.count()
    Item.objects.bulk_create([
        Item(text=f"要加快设备调试等准备工作，做好周边环境整治，确保全产业链基地如期投产达效（{n}）", lead_unit=town,
             deadline=dt.date(2030, 1, 1) + dt.timedelta(days=n % 300), status="in_progress", leader_in_charge="王副区长")
        for n in range(have, count)], batch_size=2000)
    new = Item.objects.filter(pk__gt=have) if have else Item.objects.all()
    Item.co_units.through.objects.bulk_create(
        [Item.co_units.through(item_id=pk, unit_id=civil.pk) for pk in new.values_list("pk", flat=True)],
        batch_size=2000)
    Progress.objects.bulk_create([Progress(item_id=pk, text="已完成选址", percent=40)
                                  for pk in new.values_list("pk", flat=True)], batch_size=2000)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    args = parser.parse_args(argv)
    home = tempfile.mkdtemp()
    os.environ.update(DUBAN_HOME=home, DJANGO_SETTINGS_MODULE="duban.settings")
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from duban.ledger.models import Item
    from duban.reports.excel import write_ledger

    call_command("migrate", verbosity=0)
    print(f"{'rows':>7} {'ledger s':>9} {'anchor s':>9} {'ratio':>6} {'ledger MiB':>11} {'anchor MiB':>11}")
    for size in sorted(args.sizes):
        fill(size)
        ledger_s, ledger_mb = measure(lambda: write_ledger(Item.objects.in_ledger(), io.BytesIO()))
        anchor_s, anchor_mb = measure(lambda size=size: plain_rows(size))
        print(f"{size:>7} {ledger_s:>9.2f} {anchor_s:>9.2f} {ledger_s / anchor_s:>6.2f} {ledger_mb:>11.1f} "
              f"{anchor_mb:>11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
