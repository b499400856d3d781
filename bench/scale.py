"""Ledger pages, search, dashboard and Excel export on a big generated ledger.

    python3 bench/scale.py                       # 100k items on a fresh SQLite file
    python3 bench/scale.py --items 20000         # smaller, quicker
    python3 bench/scale.py --items 1000000 --database-url postgres://duban:duban@127.0.0.1:5432/duban_scale

Also times the 考核 page (this quarter and this year) and ``GET /api/assessment``; closed items
get a 评价 and one in ten worked items a 退回, so every measure has something to count.

Generates units, reports, items (realistic directive text, units, deadlines, statuses),
co-operating units, progress and journal rows with ``bulk_create``, then times each page
through Django's test client (server time, no network) ``--repeat`` times and prints
p50/p95/max against the targets (p95 < 100 ms at 100k on SQLite, < 200 ms at 1M on
PostgreSQL; an Excel export of 100k rows < 30 s, taken as the newest reports' items when
the ledger is bigger; ``--whole-export`` adds the whole ledger), plus the export's peak
memory growth for a small and a big export (flat memory: the two stay close). The
dashboard is timed as users get it (its counts cached until the ledger changes) and with
the cache emptied before each request (what the first visitor after a change waits).
A PostgreSQL database that already holds at least ``--items`` items is reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOWNS = ["天桥街道", "翟庄街道", "老窝镇", "召陵镇", "万金镇", "邓襄镇", "姬石镇", "青年镇", "后谢乡",
         "东城街道", "西城街道", "南关街道", "北关街道", "新区街道", "湖滨街道"]
DEPARTMENTS = ["发展改革委", "财政局", "住建局", "交通运输局", "水利局", "农业农村局", "生态环境分局", "应急管理局",
               "教育局", "卫生健康委", "民政局", "人社局", "自然资源分局", "市场监管局", "商务局", "工信局", "文广旅局",
               "城管局", "公安分局", "科技局", "统计局", "审计局", "司法局", "退役军人事务局", "医保分局",
               "信访局", "行政审批局", "乡村振兴局", "林业局", "粮食局", "供销社", "税务局", "消防救援大队",
               "融媒体中心", "投资促进中心", "产业集聚区管委会", "城投公司", "环卫中心", "征收办", "大数据局"]
VILLAGE_SUFFIX = ["村", "社区"]
LEADERS = ["王书记", "李区长", "张副区长", "刘常务副区长", "陈副书记", "赵常委", "杨副区长"]
VERBS = ["加快推进", "全力抓好", "持续加强", "扎实做好", "切实抓好", "统筹推进", "进一步完善", "着力解决",
         "压紧压实", "认真落实", "高标准谋划", "全面排查"]
OBJECTS = ["项目建设进度", "安全生产责任", "人居环境整治", "老旧小区改造", "污水管网建设", "招商引资工作",
           "秋粮收购", "校园安全隐患", "养老服务设施", "黑臭水体治理", "营商环境优化", "信访积案化解",
           "道路交通安全", "高标准农田建设", "燃气管道改造", "企业纾困解难", "防汛物资储备", "文旅项目策划",
           "城市精细化管理", "基层党组织建设"]
OUTCOMES = ["确保年底前完工投用", "确保按期完成目标任务", "切实让群众得实惠", "形成长效机制", "坚决守住安全底线",
            "以实际成效取信于民", "推动工作提质增效", "做到事不过夜"]
DEADLINE_TEXTS = ["", "", "", "年底前", "月底前", "一周内", "三个月内", "事不过夜"]
TOPICS_WEIGHTED = ["项目建设", "民生服务", "安全稳定", "城乡建设", "生态环保", "产业发展", "招商引资", "党的建设",
                   "文化旅游", "综合", "科技创新", "改革开放"]
STATUSES = [("proposed", 5), ("accepted", 3), ("assigned", 15), ("signed", 10), ("in_progress", 35),
            ("submitted", 7), ("closed", 22), ("rejected", 2), ("merged", 1)]
ITEMS_PER_SOURCE = 15
CHUNK = 5000


def create_database(url: str) -> None:
    """Create the PostgreSQL database if it does not exist (an existing one is reused)."""
    import psycopg
    from dj_database_url import parse

    name = parse(url)["NAME"]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def configure(database_url: str | None) -> str:
    if database_url:
        create_database(database_url)
    home = tempfile.mkdtemp(prefix="duban-scale-")
    os.environ["DUBAN_HOME"] = home
    os.environ["DUBAN_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "duban.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return home


def make_units():
    from duban.ledger.models import Unit

    top = Unit.objects.create(name="区委区政府", kind=Unit.Kind.LEADERSHIP)
    departments = Unit.objects.bulk_create([Unit(name=n, kind=Unit.Kind.DEPARTMENT, parent=top) for n in DEPARTMENTS])
    towns = Unit.objects.bulk_create([Unit(name=n, kind=Unit.Kind.TOWN, parent=top) for n in TOWNS])
    villages = Unit.objects.bulk_create([
        Unit(name=f"{town.name[:2]}{i:02d}{VILLAGE_SUFFIX[i % 2]}", parent=town,
             kind=Unit.Kind.VILLAGE if i % 2 == 0 else Unit.Kind.COMMUNITY)
        for town in towns for i in range(10)])
    return departments + towns + villages, towns


def generate(n_items: int, seed: int = 7) -> None:
    """Write ``n_items`` items with their sources, co-units, progress and journal rows."""
    from django.db import transaction
    from django.utils import timezone
    from tqdm import tqdm

    from duban.ledger.models import Item, Journal, Progress, Source, User

    rng = random.Random(seed)
    units, towns = make_units()
    User.objects.create_user("officer", password="x", role=User.Role.OFFICER)
    User.objects.create_user("liaison", password="x", role=User.Role.LIAISON, unit=towns[0])
    User.objects.create_user("leader", password="x", role=User.Role.LEADER)
    statuses = [s for s, w in STATUSES for _ in range(w)]
    today = timezone.localdate()
    now = timezone.now()
    co_through = Item.co_units.through

    with tqdm(total=n_items, unit="items", desc="generate", file=sys.stderr) as bar:
        done = sources_made = 0
        while done < n_items:
            size = min(CHUNK, n_items - done)
            n_sources = (size + ITEMS_PER_SOURCE - 1) // ITEMS_PER_SOURCE
            with transaction.atomic():
                sources = Source.objects.bulk_create([
                    make_source(rng, today, sources_made + k) for k in range(n_sources)])
                sources_made += n_sources
                items = Item.objects.bulk_create([
                    make_item(rng, sources[k // ITEMS_PER_SOURCE], k % ITEMS_PER_SOURCE, units, statuses, now)
                    for k in range(size)])
                co_through.objects.bulk_create([
                    co_through(item_id=item.pk, unit_id=rng.choice(units).pk)
                    for item in items if rng.random() < 0.2], ignore_conflicts=True)
                active = [i for i in items if i.status in ("signed", "in_progress", "submitted", "closed")]
                Progress.objects.bulk_create([
                    Progress(item=item, unit=item.lead_unit, text=f"已{rng.choice(VERBS)}{item.text[3:15]}，完成{p}%",
                             percent=p, created_at=now - dt.timedelta(days=rng.randint(0, 90)))
                    for item in active for p in sorted(rng.sample(range(10, 101, 10), rng.randint(1, 3)))])
                Journal.objects.bulk_create([
                    Journal(item=item, username="officer", action=action, field="status", new=item.status, at=now)
                    for item in items for action in ("import", "assign")])
                # 退回 (the 考核 page counts them): one in ten items sent back once in the last 120 days.
                Journal.objects.bulk_create([
                    Journal(item=item, username="officer", action="return", field="status", old="submitted",
                            new="in_progress", at=now - dt.timedelta(days=rng.randint(0, 120)), reason="佐证不足")
                    for item in active if rng.random() < 0.1])
            done += size
            bar.update(size)


def make_source(rng, today, number):
    from duban.ledger.models import Source

    event = today - dt.timedelta(days=rng.randint(0, 3 * 365))
    town = rng.choice(TOWNS)
    title = f"{rng.choice(LEADERS)}到{town}调研{rng.choice(OBJECTS)}工作"
    return Source(title=title, origin=Source.Origin.URL, location=f"https://www.example.gov.cn/news/{number}.html",
                  content_hash=f"{number:064x}", raw=title.encode(), event_date=event, published=event,
                  article={"title": title, "body": [title]}, analysis={})


def make_item(rng, source, index, units, statuses, now):
    from duban.ledger.models import Item

    status = rng.choice(statuses)
    deadline = source.event_date + dt.timedelta(days=rng.randint(7, 240))
    return Item(
        source=source, directive_index=index,
        text=f"要{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(OUTCOMES)}。",
        speaker=rng.choice(LEADERS), stop_name=rng.choice(TOWNS), subject_name=rng.choice(OBJECTS)[:4],
        topic=rng.choice(TOPICS_WEIGHTED), lead_unit=rng.choice(units), deadline=deadline,
        deadline_text=rng.choice(DEADLINE_TEXTS), status=status, leader_in_charge=rng.choice(LEADERS),
        created_at=now - dt.timedelta(days=rng.randint(0, 3 * 365)),
        assigned_at=now - dt.timedelta(days=rng.randint(0, 120)) if status not in ("proposed", "accepted") else None,
        closed_at=now - dt.timedelta(days=rng.randint(0, 120)) if status == "closed" else None,
        rating=rng.choice(["good", "good", "fair", "average", "poor", ""]) if status == "closed" else "",
    )


def peak_rss_kib() -> int:
    with open("/proc/self/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith("VmHWM"))


def reset_peak_rss() -> None:
    with open("/proc/self/clear_refs", "w") as handle:  # Linux: "5" resets the peak RSS
        handle.write("5")


def time_get(client, url: str, repeat: int, cold: bool = False) -> list[float]:
    """Server times in ms; ``cold`` empties Django's cache first (the dashboard's counts)."""
    from django.core.cache import cache

    client.get(url)  # warm caches
    timings = []
    for _ in range(repeat):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return timings


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def measure(repeat: int, target_ms: float, export_rows: int = 100_000, whole_export: bool = False) -> Iterator[str]:
    from django.conf import settings
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from duban import clock
    from duban.ledger.models import Item, Unit, User

    officer, liaison = User.objects.get(username="officer"), User.objects.get(username="liaison")
    town = Unit.objects.get(name=TOWNS[1])
    try:
        ledger, dashboard, export = reverse("ledger"), reverse("dashboard"), reverse("ledger-export")
    except NoReverseMatch:
        yield "web pages not installed (duban.web has no ledger/dashboard URLs yet)"
        return
    cases = [
        ("ledger page 1 (officer)", officer, ledger),
        ("ledger page 50 (officer)", officer, ledger + "?page=50"),
        ("ledger newest first (officer)", officer, ledger + "?sort=-created"),
        ("ledger page 1 (liaison, own town)", liaison, ledger),
        ("ledger page 50 (liaison, own town)", liaison, ledger + "?page=50"),
        ("filter one town (officer)", officer, ledger + f"?unit={town.pk}"),
        ("search 安全生产 + status", officer, ledger + "?q=安全生产&status=in_progress"),
        ("filter light+topic+unit", officer, ledger + f"?light=red&topic=项目建设&unit={town.pk}"),
        ("unit page (liaison's home)", liaison, reverse("unit", args=[liaison.unit_id])),
        ("leader page (a leader of 1/7 of items)", officer, reverse("leader", args=[LEADERS[0]])),
        ("reports list", officer, reverse("sources")),
        ("API items (liaison)", liaison, "/api/items"),
        ("API dashboard (officer, not cached)", officer, "/api/dashboard"),
        ("考核 page, this quarter (officer)", officer, reverse("assessment")),
        ("考核 page, this year (officer)", officer, reverse("assessment") + f"?since={clock.today():%Y}-01-01"),
        ("API 考核 (officer)", officer, "/api/assessment"),
        ("dashboard", officer, dashboard),
        ("dashboard, cache emptied each time", officer, dashboard),
    ]
    yield f"{'case':40} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  target p95 < {target_ms:.0f} ms"
    clients = {}
    for name, user, url in cases:
        client = clients.get(user.pk)
        if client is None:
            client = clients[user.pk] = Client()
            client.force_login(user)
        timings = time_get(client, url, repeat, cold="emptied" in name)
        p95 = percentile(timings, 95)
        yield (f"{name:40} {statistics.median(timings):8.1f} {p95:8.1f} {max(timings):8.1f}  "
                     f"{'ok' if p95 < target_ms else 'SLOW'}")
    # The smaller export first: peak RSS only resets down to the current RSS, so after a big
    # export a small one would show no growth at all.
    exports = [("Excel export, one topic (~1/12)", export + "?topic=项目建设",
                Item.objects.in_ledger().filter(topic="项目建设").count())]
    ledger_rows = Item.objects.in_ledger().count()
    if ledger_rows > export_rows:
        # The target is for about 100k rows: the newest reports' items, by report date, up to
        # the web export's limit (the day after the one the limit falls on).
        since = (Item.objects.in_ledger().order_by("-source__event_date")
                 .values_list("source__event_date", flat=True)[export_rows - 1]) + dt.timedelta(days=1)
        exports.append((f"Excel export, reports since {since}", export + f"?since={since}",
                        Item.objects.in_ledger().filter(source__event_date__gte=since).count()))
    if ledger_rows <= export_rows or whole_export:
        exports.append(("Excel export, whole ledger", export, ledger_rows))
        settings.DUBAN_WEB_EXPORT_LIMIT = max(settings.DUBAN_WEB_EXPORT_LIMIT, ledger_rows)
    for label, url, rows in exports:
        client = clients[officer.pk]
        reset_peak_rss()
        before = peak_rss_kib()
        started = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        size = len(response.content) if not response.streaming else sum(len(c) for c in response.streaming_content)
        growth = (peak_rss_kib() - before) / 1024
        yield (f"{label:40} {rows} rows in {seconds:.1f} s ({'ok' if seconds < 30 else 'SLOW'} < 30 s), "
                     f"{size / 1e6:.1f} MB file, peak RSS +{growth:.0f} MiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite data folder (printed) for profiling")
    parser.add_argument("--target-ms", type=float, help="p95 target (default 100 on SQLite, 200 on PostgreSQL)")
    parser.add_argument("--export-rows", type=int, default=100_000,
                        help="rows of the export held to the 30 s target (default 100000)")
    parser.add_argument("--whole-export", action="store_true",
                        help="also export the whole ledger when it has more rows than that (minutes at 1M)")
    args = parser.parse_args()

    home = configure(args.database_url)
    from django.db import connection

    from duban.ledger.models import Item

    engine = connection.vendor
    existing = Item.objects.count()
    if existing >= args.items and engine == "postgresql":
        print(f"reusing {existing} items in {connection.settings_dict['NAME']}")
    else:
        if existing:
            from django.core.management import call_command

            call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        generate(args.items)
        print(f"generated {args.items} items in {time.perf_counter() - started:.0f} s ({engine}, {home})")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a long-running database would have
    target = args.target_ms or (100 if engine == "sqlite" else 200)
    for line in measure(args.repeat, target, args.export_rows, args.whole_export):
        print(line, flush=True)
    connection.close()
    if args.keep:
        print(f"kept: DUBAN_HOME={home}")
    else:
        shutil.rmtree(home, ignore_errors=True)  # the SQLite file (PostgreSQL data stays for reuse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
