"""Every API route × every role: the allowed status, and refused requests change nothing.

The rules are keyed by the routes in the OpenAPI schema, so a new route without a rule here
fails ``test_every_route_has_a_rule``.
"""

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT

from duban import clock
from duban.api.api import api
from duban.ledger.models import ClosingReport, Evidence, Extension, Item, Progress, Source
from tests.api.conftest import ROLES, snapshot

pytestmark = pytest.mark.django_db
S = Item.Status


def statuses(anonymous=401, liaison_a=200, liaison_b=404, leader=200, officer=200, admin=200):
    return dict(anonymous=anonymous, liaison_a=liaison_a, liaison_b=liaison_b, leader=leader,
                officer=officer, admin=admin)


READ_ANY = statuses(liaison_b=200)
READ_ITEM = statuses()
OFFICE_WRITE = statuses(liaison_a=403, leader=403)
OFFICE_READ = statuses(liaison_a=403, liaison_b=403, leader=403)
LEAD_WRITE = statuses(leader=403, officer=403, admin=403)
MEMBER_OR_OFFICE_CREATE = statuses(liaison_a=201, leader=403, officer=201, admin=201)
OFFICE_CREATE = statuses(liaison_a=403, leader=403, officer=201, admin=201)
LEADER_OR_OFFICE_CREATE = statuses(liaison_a=403, leader=201, officer=201, admin=201)  # 批示 (the office types paper ones)
LEADER_WRITE = statuses(liaison_a=403, officer=403, admin=403)  # 圈阅 is the leader's own
IMPORT = statuses(liaison_a=403, liaison_b=403, leader=403, officer=201, admin=201)
PUBLIC = {role: 200 for role in ROLES}


# Each setup gets the world and answers (path, body); body None means no body.
def item_in(status, **fields):
    def setup(w):
        item = w.make_item(status=status, **fields)
        return {"item_id": item.pk}
    return setup


def reported(status):
    """An item in ``status`` with a progress report (申请销号 needs one) and its evidence file."""
    def setup(w):
        return {"item_id": Evidence.objects.get(pk=with_evidence(w, status)["evidence_id"]).progress.item_id}
    return setup


def with_evidence(w, status=S.IN_PROGRESS):
    item = w.make_item(status=status)
    progress = Progress.objects.create(item=item, author=w.people["liaison_a"], text="已完成摸底")
    evidence = Evidence(progress=progress, original_name="摸底.txt", content_type="text/plain", size=5, sha256="x")
    evidence.file.save("e.txt", ContentFile(b"hello"), save=True)
    return {"evidence_id": evidence.pk}


def with_pdf_evidence(w):
    """A one-page PDF report: the one kind of evidence besides images that has a preview and a thumbnail."""
    from reportlab.pdfgen import canvas

    page = io.BytesIO()
    sheet = canvas.Canvas(page)
    sheet.drawString(72, 720, "report")
    sheet.save()
    item = w.make_item(status=S.IN_PROGRESS)
    progress = Progress.objects.create(item=item, author=w.people["liaison_a"], text="整改报告")
    evidence = Evidence(progress=progress, original_name="整改报告.pdf", content_type="application/pdf",
                        size=len(page.getvalue()), sha256="x")
    evidence.file.save("e.pdf", ContentFile(page.getvalue()), save=True)
    return {"evidence_id": evidence.pk}


def with_closing_report(w):
    item = w.make_item(status=S.SUBMITTED, assigned_at=clock.now())
    ClosingReport.objects.create(item=item, author=w.people["liaison_a"], unit=w.units["a"], completion="已完成",
                                 item_version=item.version)
    return {"item_id": item.pk}


def unit_a(w):
    return {"unit_id": w.units["a"].pk}


def with_extension(w):
    item = w.make_item(status=S.IN_PROGRESS)
    extension = Extension.objects.create(item=item, requested_by=w.people["liaison_a"], old_deadline=item.deadline,
                                         new_deadline=item.deadline + dt.timedelta(days=30), reason="雨季停工")
    return {"extension_id": extension.pk}


def with_source(w):
    source = Source.objects.create(title="秦保强到召陵区调研", origin=Source.Origin.TEXT, content_hash="h1",
                                   raw=b"x", article={"title": "t", "body": ["p"]})
    w.make_item(status=S.ASSIGNED, source=source)
    return {"source_id": source.pk}


def two_proposals(w):
    into = w.make_item(status=S.PROPOSED)
    other = w.make_item(status=S.PROPOSED, text="加快研发中心建设")
    return {"_body": {"ids": [other.pk], "into": into.pk}}


def asking_the_leader(body):
    """An item in progress, and ``body`` with the leader's id (the office must name the leader)."""
    def setup(w):
        return {"item_id": w.make_item(status=S.IN_PROGRESS).pk, "_body": {**body, "leader_id": w.people["leader"].pk}}
    return setup


def nothing(w):
    return {}


def progress_form(w, ids):
    return {"text": "已完成 60%", "percent": "60", "files": SimpleUploadedFile("进展.txt", "照片说明".encode())}


RULES = {
    ("get", "/api/health"): (nothing, None, PUBLIC),
    ("get", "/api/csrf"): (nothing, None, PUBLIC),
    ("get", "/api/me"): (nothing, None, READ_ANY),
    ("get", "/api/units"): (nothing, None, READ_ANY),
    ("get", "/api/subjects"): (nothing, None, READ_ANY),
    ("get", "/api/dashboard"): (nothing, None, READ_ANY),
    ("get", "/api/assessment"): (nothing, None, statuses(liaison_a=403, liaison_b=403)),  # office and leaders
    ("get", "/api/items"): (nothing, None, READ_ANY),
    ("get", "/api/items/{item_id}"): (item_in(S.ASSIGNED), None, READ_ITEM),
    ("patch", "/api/items/{item_id}"): (item_in(S.ASSIGNED), {"version": 1, "text": "改过的文字"}, OFFICE_WRITE),
    ("post", "/api/items/{item_id}/accept"): (item_in(S.PROPOSED), {}, OFFICE_WRITE),
    ("post", "/api/items/{item_id}/reject"): (item_in(S.PROPOSED), {"reason": "重复"}, OFFICE_WRITE),
    ("post", "/api/items/{item_id}/assign"): (item_in(S.PROPOSED), {"leader_in_charge": "张三"}, OFFICE_WRITE),
    ("post", "/api/items/{item_id}/sign"): (item_in(S.ASSIGNED), {}, LEAD_WRITE),
    ("post", "/api/items/{item_id}/start"): (item_in(S.SIGNED), {}, LEAD_WRITE),
    ("post", "/api/items/{item_id}/submit"): (reported(S.IN_PROGRESS), {"completion": "已完成"}, LEAD_WRITE),
    ("post", "/api/items/{item_id}/close"): (reported(S.SUBMITTED), {"rating": "good"}, OFFICE_WRITE),
    ("post", "/api/items/{item_id}/return"): (item_in(S.SUBMITTED), {"reason": "佐证不足"}, OFFICE_WRITE),
    ("post", "/api/items/{item_id}/reopen"): (item_in(S.CLOSED), {"reason": "群众反映未落实"}, OFFICE_WRITE),
    ("post", "/api/items/{item_id}/withdraw"): (item_in(S.PROPOSED), {"reason": "录入有误"}, OFFICE_WRITE),
    ("post", "/api/items/{item_id}/restore"): (item_in(S.WITHDRAWN), {}, OFFICE_WRITE),
    ("post", "/api/items/{item_id}/decline"): (item_in(S.ASSIGNED), {"reason": "属其他街道辖区"}, LEAD_WRITE),
    ("post", "/api/items/{item_id}/urge"): (item_in(S.IN_PROGRESS), {"note": "请今天内报送进展"}, OFFICE_WRITE),
    ("post", "/api/items/{item_id}/instructions"): (
        asking_the_leader({"text": "请抓紧推进", "priority": "urgent"}), None, LEADER_OR_OFFICE_CREATE),
    ("post", "/api/items/{item_id}/submit-to-leader"): (asking_the_leader({"note": "请阅示"}), None, OFFICE_CREATE),
    ("post", "/api/items/{item_id}/read"): (item_in(S.IN_PROGRESS), None, LEADER_WRITE),
    ("get", "/api/leaders"): (nothing, None, READ_ANY),
    ("post", "/api/items/{item_id}/split"): (item_in(S.PROPOSED), {"parts": ["甲", "乙"]}, OFFICE_WRITE),
    ("post", "/api/items/merge"): (two_proposals, None, OFFICE_WRITE),
    ("get", "/api/items/{item_id}/journal"): (item_in(S.ASSIGNED), None, READ_ITEM),
    ("get", "/api/items/{item_id}/notice.docx"): (item_in(S.ASSIGNED, assigned_at=clock.now()), None, READ_ITEM),
    ("get", "/api/items/{item_id}/closing-reports"): (with_closing_report, None, READ_ITEM),
    ("get", "/api/items/{item_id}/closing-report.docx"): (with_closing_report, None, READ_ITEM),
    ("get", "/api/units/{unit_id}/notice.docx"): (unit_a, None, OFFICE_READ),
    ("get", "/api/items/{item_id}/progress"): (item_in(S.IN_PROGRESS), None, READ_ITEM),
    ("post", "/api/items/{item_id}/progress"): (item_in(S.IN_PROGRESS), progress_form, MEMBER_OR_OFFICE_CREATE),
    ("get", "/api/evidence/{evidence_id}"): (with_evidence, None, READ_ITEM),
    ("get", "/api/evidence/{evidence_id}/preview"): (with_pdf_evidence, None, READ_ITEM),
    ("get", "/api/evidence/{evidence_id}/thumbnail"): (with_pdf_evidence, None, READ_ITEM),
    ("get", "/api/items/{item_id}/extensions"): (item_in(S.IN_PROGRESS), None, READ_ITEM),
    ("post", "/api/items/{item_id}/extensions"): (
        item_in(S.IN_PROGRESS), {"new_deadline": "2099-12-31", "reason": "雨季停工"}, MEMBER_OR_OFFICE_CREATE),
    ("get", "/api/extensions"): (nothing, None, READ_ANY),
    ("post", "/api/extensions/{extension_id}/decide"): (with_extension, {"approve": True}, OFFICE_WRITE),
    ("get", "/api/sources"): (nothing, None, READ_ANY),
    ("get", "/api/sources/{source_id}"): (with_source, None, READ_ITEM),
    ("post", "/api/sources/import/file"): (nothing, "seed-file", IMPORT),
    ("post", "/api/sources/import/text"): (nothing, "seed-text", IMPORT),
    ("post", "/api/sources/import/url"): (nothing, {"url": "https://example.com/zhaoling.html"}, IMPORT),
}


def api_routes():
    schema = api.get_openapi_schema()
    return {(method, path) for path, ops in schema["paths"].items() for method in ops}


def test_every_route_has_a_rule():
    assert api_routes() == set(RULES), "a route was added or removed: give it a rule in RULES"


class World:
    def __init__(self, units, people, make_item):
        self.units, self.people, self.make_item = units, people, make_item


@pytest.fixture
def world(units, people, make_item, monkeypatch, seed_text):
    from duban.ledger import services

    def fake_import_url(url, *, user=None, allow_private=False):
        # No network in tests: the fetch is the reader's business (tested there).
        assert allow_private is False
        return services.import_report(seed_text, origin=Source.Origin.URL, location=url, user=user, url=url)

    monkeypatch.setattr(services, "import_url", fake_import_url)
    return World(units, people, make_item)


def send(client, method, path, body, seed_text, seed_bytes, w, ids):
    if callable(body):
        return client.post(path, body(w, ids), content_type=MULTIPART_CONTENT)
    if body == "seed-file":
        upload = SimpleUploadedFile("zhaoling.txt", seed_bytes, content_type="text/plain")
        return client.post(path, {"file": upload}, content_type=MULTIPART_CONTENT)
    if body == "seed-text":
        body = {"text": seed_text}
    return getattr(client, method)(path, body)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(RULES), ids=lambda r: f"{r[0]} {r[1]}")
@pytest.mark.parametrize("auth", ["token", "session"])
def test_route_by_role(auth, route, role, world, request, seed_text, seed_bytes):
    """Token and browser-session callers meet the same rules."""
    clients = request.getfixturevalue("clients" if auth == "token" else "session_clients")
    method, template = route
    setup, body, expected = RULES[route]
    ids = setup(world)
    if "_body" in ids:
        body = ids.pop("_body")
    path = template.format(**ids)
    before = snapshot()
    response = send(clients[role], method, path, body, seed_text, seed_bytes, world, ids)
    assert response.status_code == expected[role], response.content.decode()[:300]
    if response.status_code >= 400:
        assert set(response.json()) == {"detail"} and response.json()["detail"]
    if response.status_code >= 400 or method == "get":
        assert snapshot() == before
    else:
        assert snapshot() != before, "an allowed write changed nothing"
