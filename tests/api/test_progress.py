"""Progress reports with evidence uploads, evidence download, and deadline extensions."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT

from duban.ledger.models import Evidence, Item, Journal
from tests.api.conftest import snapshot

pytestmark = pytest.mark.django_db
S = Item.Status
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(client, item, **form):
    return client.post(f"/api/items/{item.pk}/progress", form, content_type=MULTIPART_CONTENT)


def test_progress_with_evidence_then_download(clients, make_item):
    item = make_item(status=S.SIGNED)
    response = upload(clients["liaison_a"], item, text="已完成选址", percent="30", milestone="选址",
                      files=[SimpleUploadedFile("现场.png", PNG), SimpleUploadedFile("说明.txt", "说明".encode())])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["percent"] == 30 and body["unit"]["name"] == "天桥街道"
    assert sorted(e["name"] for e in body["evidence"]) == ["现场.png", "说明.txt"]
    item.refresh_from_db()
    assert item.status == S.IN_PROGRESS  # the first report starts the work

    png = next(e for e in body["evidence"] if e["name"] == "现场.png")
    download = clients["leader"].get(png["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_detail_lists_evidence(clients, make_item):
    item = make_item(status=S.IN_PROGRESS)
    upload(clients["liaison_a"], item, text="进展", files=SimpleUploadedFile("a.txt", b"abc"))
    progress = clients["officer"].get(f"/api/items/{item.pk}").json()["progress"]
    assert [e["size"] for e in progress[0]["evidence"]] == [3]


def test_other_unit_cannot_download_evidence(clients, make_item):
    item = make_item(status=S.IN_PROGRESS)
    body = upload(clients["liaison_a"], item, text="进展", files=SimpleUploadedFile("a.txt", b"abc")).json()
    url = body["evidence"][0]["url"]
    assert clients["liaison_b"].get(url).status_code == 404
    assert clients["anonymous"].get(url).status_code == 401


def test_stored_type_outside_the_allowed_list_is_served_as_bytes(clients, make_item, people):
    from django.core.files.base import ContentFile

    from duban.ledger.models import Progress

    item = make_item(status=S.IN_PROGRESS)
    progress = Progress.objects.create(item=item, author=people["liaison_a"], text="x")
    evidence = Evidence(progress=progress, original_name="x.html", content_type="text/html", size=6, sha256="-")
    evidence.file.save("x.html", ContentFile(b"<b>x</b>"), save=True)
    response = clients["officer"].get(f"/api/evidence/{evidence.pk}")
    assert response["Content-Type"] == "application/octet-stream"


def test_missing_evidence_file_is_a_clear_404(clients, make_item, people):
    from django.core.files.base import ContentFile

    from duban.ledger.models import Progress

    item = make_item(status=S.IN_PROGRESS)
    progress = Progress.objects.create(item=item, author=people["liaison_a"], text="x")
    evidence = Evidence(progress=progress, original_name="a.txt", content_type="text/plain", size=1, sha256="-")
    evidence.file.save("a.txt", ContentFile(b"a"), save=True)
    evidence.file.storage.delete(evidence.file.name)
    response = clients["officer"].get(f"/api/evidence/{evidence.pk}")
    assert response.status_code == 404 and "缺失" in response.json()["detail"]


@pytest.mark.parametrize("name, content", [("脚本.exe", b"MZ..."), ("伪装.pdf", b"not a pdf")])
def test_refused_evidence_saves_nothing(clients, make_item, name, content, settings):
    item = make_item(status=S.IN_PROGRESS)
    before = snapshot()
    response = upload(clients["liaison_a"], item, text="进展", files=SimpleUploadedFile(name, content))
    assert response.status_code == 400 and response.json()["detail"]
    assert snapshot() == before
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_progress_needs_text(clients, make_item):
    item = make_item(status=S.IN_PROGRESS)
    assert upload(clients["liaison_a"], item, percent="10").status_code == 422


def test_progress_on_unsigned_item_is_409(clients, make_item):
    item = make_item(status=S.ASSIGNED)
    before = snapshot()
    response = upload(clients["liaison_a"], item, text="进展")
    assert response.status_code == 409 and "签收" in response.json()["detail"]
    assert snapshot() == before


def test_extension_request_and_approval_moves_deadline(clients, make_item):
    item = make_item(status=S.IN_PROGRESS)
    new = item.deadline + dt.timedelta(days=30)
    response = clients["liaison_a"].post(f"/api/items/{item.pk}/extensions",
                                         {"new_deadline": str(new), "reason": "雨季停工"})
    assert response.status_code == 201, response.content
    extension = response.json()
    assert extension["status"] == "pending" and extension["requested_by"] == "liaison_a"
    pending = clients["officer"].get("/api/extensions", {"status": "pending"}).json()["items"]
    assert [e["id"] for e in pending] == [extension["id"]]
    assert clients["liaison_b"].get("/api/extensions").json()["count"] == 0
    decided = clients["officer"].post(f"/api/extensions/{extension['id']}/decide", {"approve": True,
                                                                                  "reason": "同意"})
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    item.refresh_from_db()
    assert item.deadline == new
    assert Journal.objects.filter(item=item, action="extension_approve", reason="同意").exists()


def test_extension_denial_needs_reason_and_keeps_deadline(clients, make_item):
    item = make_item(status=S.IN_PROGRESS)
    ext = clients["liaison_a"].post(f"/api/items/{item.pk}/extensions",
                                    {"new_deadline": "2099-01-01", "reason": "x"}).json()
    before = snapshot()
    for blank in ({"approve": False}, {"approve": False, "reason": " \u3000"}):  # the schema says it: 422
        response = clients["officer"].post(f"/api/extensions/{ext['id']}/decide", blank)
        assert response.status_code == 422 and "理由" in response.json()["detail"]
    assert snapshot() == before
    response = clients["officer"].post(f"/api/extensions/{ext['id']}/decide", {"approve": False, "reason": "不符合"})
    assert response.json()["status"] == "denied"
    again = clients["officer"].post(f"/api/extensions/{ext['id']}/decide", {"approve": True})
    assert again.status_code == 409
