"""Importing reports over the API, sources, reference lists and the dashboard."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT

from duban import clock
from duban.ledger.models import Item, Source, Subject
from tests.api.conftest import snapshot

pytestmark = pytest.mark.django_db
S = Item.Status


def test_text_import_is_idempotent(clients, seed_text):
    first = clients["officer"].post("/api/sources/import/text", {"text": seed_text})
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["created"] is True and body["proposals"] > 0
    assert body["source"]["origin"] == "text" and body["source"]["imported_by"] == "officer"
    before = snapshot()
    again = clients["admin"].post("/api/sources/import/text", {"text": seed_text})
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["source"]["id"] == body["source"]["id"]
    assert snapshot() == before


def test_file_import_and_source_detail(clients, seed_bytes):
    upload = SimpleUploadedFile("zhaoling.txt", seed_bytes, content_type="text/plain")
    response = clients["officer"].post("/api/sources/import/file", {"file": upload}, content_type=MULTIPART_CONTENT)
    assert response.status_code == 201, response.content
    source_id = response.json()["source"]["id"]
    assert Source.objects.get(pk=source_id).location == "zhaoling.txt"
    detail = clients["officer"].get(f"/api/sources/{source_id}").json()
    assert detail["article"]["body"] and detail["analysis"]["directives"]
    assert {i["status"] for i in detail["items"]} == {"proposed"}
    listed = clients["leader"].get("/api/sources").json()
    assert [s["id"] for s in listed["items"]] == [source_id]


def test_unreadable_file_is_a_clear_400(clients):
    before = snapshot()
    upload = SimpleUploadedFile("empty.txt", b"   \n ", content_type="text/plain")
    response = clients["officer"].post("/api/sources/import/file", {"file": upload}, content_type=MULTIPART_CONTENT)
    assert response.status_code == 400 and response.json()["detail"]
    assert snapshot() == before


def test_oversized_file_is_413(clients, settings):
    settings.DUBAN_FETCH_MAX_BYTES = 10
    upload = SimpleUploadedFile("big.txt", b"x" * 11, content_type="text/plain")
    response = clients["officer"].post("/api/sources/import/file", {"file": upload}, content_type=MULTIPART_CONTENT)
    assert response.status_code == 413


def test_url_import_passes_the_private_address_rule(clients, monkeypatch, settings):
    from duban.ledger import services

    seen = {}

    def fake(url, *, user=None, allow_private=False):
        seen.update(url=url, user=user, allow_private=allow_private)
        from duban.errors import FetchError

        raise FetchError("拒绝访问内网地址：127.0.0.1")

    monkeypatch.setattr(services, "import_url", fake)
    response = clients["officer"].post("/api/sources/import/url", {"url": "http://127.0.0.1/"})
    assert response.status_code == 400 and "内网" in response.json()["detail"]
    assert seen["allow_private"] is False and seen["user"].username == "officer"


def test_liaison_sees_only_sources_of_their_items_without_analysis(clients, make_item):
    mine = Source.objects.create(title="甲", origin="text", content_hash="1", raw=b"", analysis={"directives": [1]})
    theirs = Source.objects.create(title="乙", origin="text", content_hash="2", raw=b"")
    make_item(source=mine)
    make_item(source=theirs, unit="b")
    make_item(source=mine, unit="b", text="乙单位的事项")
    listed = clients["liaison_a"].get("/api/sources").json()["items"]
    assert [s["id"] for s in listed] == [mine.pk]
    detail = clients["liaison_a"].get(f"/api/sources/{mine.pk}").json()
    assert detail["analysis"] == {} and len(detail["items"]) == 1
    assert clients["liaison_a"].get(f"/api/sources/{theirs.pk}").status_code == 404
    assert clients["officer"].get(f"/api/sources/{mine.pk}").json()["analysis"] == {"directives": [1]}


def test_units_and_subjects(clients, units):
    Subject.objects.create(name="双汇第三工业园", kind=Subject.Kind.ENTERPRISE)
    Subject.objects.create(name="漓江路社区", kind=Subject.Kind.COMMUNITY, unit=units["community"])
    names = [u["name"] for u in clients["liaison_b"].get("/api/units").json()]
    assert set(names) == {"召陵区委区政府", "天桥街道", "漓江路社区", "翟庄街道"}
    children = clients["officer"].get("/api/units", {"parent": units["a"].pk}).json()
    assert [u["name"] for u in children] == ["漓江路社区"]
    subjects = clients["leader"].get("/api/subjects", {"q": "双汇"}).json()["items"]
    assert [s["name"] for s in subjects] == ["双汇第三工业园"]


def test_dashboard_counts_what_the_caller_sees(clients, make_item):
    today = clock.today()
    make_item(deadline=today - dt.timedelta(days=1), topic="民生服务")
    make_item(status=S.IN_PROGRESS, deadline=today + dt.timedelta(days=90), topic="民生服务")
    make_item(status=S.SIGNED, unit="b", deadline=today + dt.timedelta(days=2), topic="科技创新")
    make_item(status=S.PROPOSED, unit=None)

    def counts(rows):
        return {row["key"]: row["count"] for row in rows}

    office = clients["officer"].get("/api/dashboard").json()
    assert office["total"] == 4 and office["in_ledger"] == 3
    assert counts(office["by_status"]) == {"assigned": 1, "in_progress": 1, "signed": 1, "proposed": 1}
    assert counts(office["by_light"]) == {"red": 1, "green": 1, "yellow": 1}
    assert counts(office["by_topic"]) == {"民生服务": 2, "科技创新": 1}
    assert sorted(row["label"] for row in office["by_unit"]) == ["天桥街道", "翟庄街道"]
    mine = clients["liaison_a"].get("/api/dashboard").json()
    assert mine["total"] == 2 and counts(mine["by_light"]) == {"red": 1, "green": 1}


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/report.html", "http://10.0.0.1/", "http://169.254.169.254/"])
def test_url_import_refuses_private_addresses_for_real(clients, url):
    before = snapshot()
    response = clients["officer"].post("/api/sources/import/url", {"url": url})
    assert response.status_code == 400, response.content
    assert response.json()["detail"]
    assert snapshot() == before
