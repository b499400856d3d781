import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban import clock
from duban.errors import InputError
from duban.ledger import services, workflow
from duban.ledger.models import Item, Journal, Source, Subject
from duban.ledger.units import UnitResolver, resolve_unit

pytestmark = pytest.mark.django_db


def test_seed_import_creates_proposals_once(pipeline, units, people, seed_bytes):
    source, created = services.import_report(seed_bytes, origin="file", location="seed.txt",
                                             user=people["officer"])
    assert created and source.raw == seed_bytes and source.imported_by == people["officer"]
    assert source.article["body"] and source.analysis["directives"]
    assert source.event_date == dt.date.fromisoformat(source.analysis["event"]["date"])
    items = list(source.items.order_by("directive_index"))
    assert len(items) == len(source.analysis["directives"]) > 0
    assert all(i.status == Item.Status.PROPOSED for i in items)
    for item in items:  # the span points at the directive's text in the stored article
        assert item.source_sentence()[1] == item.text
    again, created_again = services.import_report(seed_bytes, origin="file", user=people["officer"])
    assert not created_again and again.pk == source.pk
    assert Source.objects.count() == 1 and Item.objects.count() == len(items)


def test_same_text_pasted_with_other_whitespace_is_the_same_report(pipeline, units, seed_text):
    services.import_report(seed_text, origin="text")
    _, created = services.import_report(seed_text.replace("\n", "\n\n  "), origin="text")
    assert not created


def test_proposals_get_subjects_units_parents_and_deadlines(pipeline, units, seed_bytes):
    source, _ = services.import_report(seed_bytes, origin="file")
    today = clock.today()
    community = source.items.get(text__startswith="要对标群众需求")
    # The subject is named as the report names the place; its unit is the most specific one inside.
    assert "漓江路社区" in community.subject.name and community.subject.unit == units["community"]
    assert community.suggested_unit == units["community"] and community.subject_name == community.subject.name
    assert community.deadline == today + dt.timedelta(days=30)
    district_items = source.items.filter(subject_name="召陵区")
    assert district_items and all(i.suggested_unit == units["district"] for i in district_items)
    urgent = source.items.get(text__contains="事不过夜")
    assert urgent.deadline == today + dt.timedelta(days=1)
    theme = source.items.get(level="theme", text__startswith="要解放思想")
    assert source.items.filter(parent=theme).exists()
    assert Subject.objects.filter(name="召陵区").count() == 1


def test_stated_deadline_is_read_from_the_event_date(units, settings):
    source = Source.objects.create(origin="text", content_hash="x", raw=b"", event_date=dt.date(2023, 10, 18))
    item = Item(source=source, text="加快建设", deadline_text="年底前")
    assert services.default_deadline(item) == dt.date(2023, 12, 31)
    settings.DUBAN_DEFAULT_DEADLINE_DAYS = 10
    plain = Item(source=source, text="加快建设")
    assert services.default_deadline(plain, start=dt.date(2026, 1, 1)) == dt.date(2026, 1, 11)
    settings.DUBAN_URGENT_DEADLINE_DAYS = 2
    urgent = Item(source=source, text="问题要马上整改")
    assert services.default_deadline(urgent, start=dt.date(2026, 1, 1)) == dt.date(2026, 1, 3)


def test_failing_analysis_leaves_nothing(pipeline, units, seed_bytes, monkeypatch):
    def broken(article):
        raise InputError("分析失败")

    monkeypatch.setattr(pipeline, "analyze", broken)
    with pytest.raises(InputError):
        services.import_report(seed_bytes, origin="file")
    assert not Source.objects.exists() and not Item.objects.exists() and not Journal.objects.exists()


def test_failure_while_storing_rolls_back_the_source(pipeline, units, seed_bytes, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "default_deadline", explode)
    with pytest.raises(RuntimeError):
        services.import_report(seed_bytes, origin="file")
    assert not Source.objects.exists() and not Item.objects.exists() and not Subject.objects.exists()


def test_only_the_office_imports(pipeline, people, seed_bytes):
    for name in ("liaison", "leader"):
        with pytest.raises(workflow.NotAllowed):
            services.import_report(seed_bytes, origin="file", user=people[name])
    assert not Source.objects.exists()


def test_empty_input_is_an_input_error(pipeline, units):
    with pytest.raises(InputError):
        services.import_report(b"", origin="text")


def test_resolve_unit(units):
    assert resolve_unit("天桥街道") == units["town"]
    assert resolve_unit("区民政局") == units["civil"]  # alias
    assert resolve_unit("天桥街道漓江路社区") == units["community"]  # most specific contained
    assert resolve_unit("翟庄") == units["other"]  # the one unit carrying the name
    assert resolve_unit("市交通局") is None
    assert resolve_unit("") is None


def test_unit_resolution_runs_few_queries(units):
    resolver = UnitResolver()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(20):
            resolver.resolve("天桥街道漓江路社区")
    assert len(queries) <= 1


@pytest.fixture
def local_site(seed_bytes):
    """A web server on 127.0.0.1 serving the seed report as a GBK page, like county sites do."""
    import http.server
    import threading

    text = seed_bytes.decode("utf-8")
    title, body = text.splitlines()[0], "".join(f"<p>{line}</p>" for line in text.splitlines()[1:] if line.strip())
    page = (f'<html><head><meta charset="gbk"><title>{title}</title></head>'
            f"<body><h1>{title}</h1>{body}</body></html>").encode("gbk", errors="replace")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=gbk")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/news/1.html"
    server.shutdown()


def test_import_url(pipeline, units, people, local_site):
    with pytest.raises(InputError, match="DUBAN_ALLOW_PRIVATE_URLS=1") as refused:  # unless allowed
        services.import_url(local_site, user=people["officer"])
    assert "--allow-private" not in str(refused.value)  # a flag that import and the web form do not have
    source, created = services.import_url(local_site, user=people["officer"], allow_private=True)
    assert created and source.origin == Source.Origin.URL and source.location == local_site
    assert source.items.filter(status=Item.Status.PROPOSED).count() > 5
    assert not services.import_url(local_site, allow_private=True)[1]


def test_a_phrase_that_names_no_date_is_left_for_the_officer(units):
    """汛期后 / 限期整改: no date and no quiet default in its place."""
    source = Source.objects.create(origin="text", content_hash="y", raw=b"", event_date=dt.date(2023, 10, 18))
    for phrase in ("汛期后", "限期整改"):
        item = Item(source=source, text="加快建设", deadline_text=phrase)
        assert services.default_deadline(item, start=dt.date(2026, 1, 1)) is None
        assert item.deadline_unresolved
    urgent = Item(source=source, text="立行立改", deadline_text="立行立改")
    assert services.default_deadline(urgent, start=dt.date(2026, 1, 1)) == dt.date(2026, 1, 2)


def test_import_url_joins_the_articles_further_pages(pipeline, units, people):
    import threading
    from http.server import ThreadingHTTPServer

    from tests.reader.test_multipage import PARAGRAPHS as ALL_PARAGRAPHS
    from tests.reader.test_multipage import ROUTES, Handler

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/2023/11/t20231105_123.html"
        source, created = services.import_url(url, user=people["officer"], allow_private=True)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert created and source.article["body"] == ALL_PARAGRAPHS and not source.article["continued"]
    assert bytes(source.raw) == ROUTES["/2023/11/t20231105_123.html"].encode("utf-8")  # the first page
