"""Evidence previews: images as thumbnails, PDFs inline, everything else download-only.

The preview route serves the same files as the download with the same permission, but
inline, and only when the stored bytes really are an image or a PDF.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.ledger.evidence_files import sniffed_type
from duban.ledger.models import Evidence, Progress

pytestmark = pytest.mark.django_db



def picture(kind: str, size=(1200, 800)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "#3a7bd5").save(out, kind)
    return out.getvalue()


def one_page_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    sheet = canvas.Canvas(out)  # A4 portrait
    sheet.drawString(72, 720, "report")
    sheet.save()
    return out.getvalue()


PNG, JPEG, PDF = picture("PNG"), picture("JPEG"), one_page_pdf()
FILES = {"现场.png": PNG, "照片.jpg": JPEG, "整改报告.pdf": PDF, "说明.txt": "已完成".encode()}


@pytest.fixture
def reported(client_for, people, assigned):
    """The liaison signs and reports progress with one file of each kind; answers {name: Evidence}."""
    client = client_for(people["liaison"])
    client.post(reverse("item-action", args=[assigned.pk, "sign"]))
    uploads = [SimpleUploadedFile(name, data) for name, data in FILES.items()]
    response = client.post(reverse("item-progress", args=[assigned.pk]), {"text": "现场照片与报告", "files": uploads})
    assert response.status_code == 302
    return {e.original_name: e for e in Evidence.objects.all()}


def preview(client, evidence):
    return client.get(reverse("evidence-preview", args=[evidence.pk]))


def thumbnail(client, evidence):
    return client.get(reverse("evidence-thumbnail", args=[evidence.pk]))


@pytest.mark.parametrize(("head", "expected"), [
    (PNG, "image/png"), (JPEG, "image/jpeg"), (PDF, "application/pdf"),
    (b"PK\x03\x04word/", None), (b"<html><script>", None), (b"", None), (b"%PDF", None),
])
def test_sniffed_type_reads_the_magic_bytes(head, expected):
    assert sniffed_type(head[:16]) == expected


@pytest.mark.parametrize(("name", "content_type"), [
    ("现场.png", "image/png"), ("照片.jpg", "image/jpeg"), ("整改报告.pdf", "application/pdf")])
def test_images_and_pdfs_preview_inline_in_a_sandbox(client_for, people, reported, name, content_type):
    response = preview(client_for(people["liaison"]), reported[name])
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # the site's DENY would blank the PDF viewer
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == FILES[name]


def test_other_types_have_no_preview(client_for, people, reported):
    assert preview(client_for(people["liaison"]), reported["说明.txt"]).status_code == 404


def test_a_file_whose_bytes_are_not_its_recorded_type_is_not_previewed(client_for, people, assigned):
    """A file recorded as PNG (say, swapped on disk after upload) must not reach the browser inline."""
    progress = Progress.objects.create(item=assigned, text="进展", unit=assigned.lead_unit)
    evidence = Evidence(progress=progress, original_name="a.png", content_type="image/png", size=20, sha256="0")
    evidence.file.save("a.png", ContentFile(b"<html><script>alert(1)</script>"), save=True)
    assert preview(client_for(people["officer"]), evidence).status_code == 404
    assert client_for(people["officer"]).get(reverse("evidence", args=[evidence.pk]))["Content-Disposition"] \
        .startswith("attachment")


def test_preview_has_the_download_s_permission(client, client_for, people, reported):
    pdf = reported["整改报告.pdf"]
    for who in ("officer", "leader", "liaison"):
        assert preview(client_for(people[who]), pdf).status_code == 200, who
    assert preview(client_for(people["stranger"]), pdf).status_code == 404
    client.logout()
    response = preview(client, pdf)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_missing_file_answers_404(client_for, people, reported):
    pdf = reported["整改报告.pdf"]
    pdf.file.delete(save=False)
    assert preview(client_for(people["officer"]), pdf).status_code == 404


def test_item_page_shows_thumbnails_a_pdf_viewer_and_download_links(client_for, people, assigned, reported):
    page = client_for(people["officer"]).get(reverse("item", args=[assigned.pk])).content.decode()
    for name in ("现场.png", "照片.jpg"):
        url = reverse("evidence-preview", args=[reported[name].pk])
        thumbnail = reverse("evidence-thumbnail", args=[reported[name].pk])
        assert f'<a class="thumb" href="{url}" data-opens="evidence-{reported[name].pk}"><img src="{thumbnail}"' in page
        assert f'<dialog class="lightbox" id="evidence-{reported[name].pk}"' in page
    pdf_url = reverse("evidence-preview", args=[reported["整改报告.pdf"].pk])
    assert f'<iframe src="{pdf_url}#navpanes=0&amp;view=FitH" title="整改报告.pdf"' in page
    assert reverse("evidence-preview", args=[reported["说明.txt"].pk]) not in page
    for evidence in reported.values():  # every file keeps its download link
        assert f'<a href="{reverse("evidence", args=[evidence.pk])}">{evidence.original_name}</a>' in page
    assert "web/evidence.js" in page


def test_api_lists_a_preview_url_for_images_and_pdfs_only(client_for, people, assigned, reported):
    rows = client_for(people["liaison"]).get(f"/api/items/{assigned.pk}/progress").json()
    urls = {e["name"]: e["preview_url"] for row in rows for e in row["evidence"]}
    assert urls["说明.txt"] is None
    for name in ("现场.png", "照片.jpg", "整改报告.pdf"):
        assert urls[name] == f"/api/evidence/{reported[name].pk}/preview"


def test_api_preview_sends_the_page_s_headers(client_for, people, reported):
    client = client_for(people["liaison"])
    pdf = reported["整改报告.pdf"]
    web, api = preview(client, pdf), client.get(f"/api/evidence/{pdf.pk}/preview")
    for header in ("Content-Type", "Content-Disposition", "X-Content-Type-Options", "Content-Security-Policy",
                   "X-Frame-Options", "Cache-Control"):
        assert api[header] == web[header], header
    assert client.get(f"/api/evidence/{reported['说明.txt'].pk}/preview").status_code == 404
    assert client_for(people["stranger"]).get(f"/api/evidence/{pdf.pk}/preview").status_code == 404


@pytest.mark.parametrize(("name", "size"), [("现场.png", (320, 213)), ("照片.jpg", (320, 213)),
                                            ("整改报告.pdf", (227, 320))])
def test_thumbnails_are_small_jpegs_of_images_and_a_pdf_s_first_page(client_for, people, reported, name, size):
    from PIL import Image

    response = thumbnail(client_for(people["liaison"]), reported[name])
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"
    assert Image.open(io.BytesIO(response.content)).size == size


def test_thumbnail_has_the_download_s_permission_and_types(client, client_for, people, reported):
    pdf = reported["整改报告.pdf"]
    for who in ("officer", "leader", "liaison"):
        assert thumbnail(client_for(people[who]), pdf).status_code == 200, who
    assert thumbnail(client_for(people["stranger"]), pdf).status_code == 404
    assert thumbnail(client_for(people["officer"]), reported["说明.txt"]).status_code == 404
    client.logout()
    assert thumbnail(client, pdf).status_code == 302


def test_a_damaged_pdf_or_disguised_file_draws_no_thumbnail(client_for, people, assigned):
    progress = Progress.objects.create(item=assigned, text="进展", unit=assigned.lead_unit)
    client = client_for(people["officer"])
    for name, content_type, data in (("坏.pdf", "application/pdf", b"%PDF-1.4 not really a pdf"),
                                     ("a.png", "image/png", b"<html><script>alert(1)</script>")):
        evidence = Evidence(progress=progress, original_name=name, content_type=content_type, size=len(data),
                            sha256=name)
        evidence.file.save(name, ContentFile(data), save=True)
        assert thumbnail(client, evidence).status_code == 404, name


def test_a_thumbnail_is_drawn_once(client_for, people, reported, monkeypatch):
    from duban.ledger import evidence_files

    client, pdf = client_for(people["officer"]), reported["整改报告.pdf"]
    first = thumbnail(client, pdf).content
    monkeypatch.setitem(evidence_files.RENDERERS, "pdf", lambda data: pytest.fail("drawn again"))
    assert thumbnail(client, pdf).content == first


def test_api_lists_a_thumbnail_url_and_serves_it_like_the_page(client_for, people, assigned, reported):
    client = client_for(people["liaison"])
    rows = client.get(f"/api/items/{assigned.pk}/progress").json()
    urls = {e["name"]: e["thumbnail_url"] for row in rows for e in row["evidence"]}
    assert urls["说明.txt"] is None
    assert urls["整改报告.pdf"] == f"/api/evidence/{reported['整改报告.pdf'].pk}/thumbnail"
    api, web = client.get(urls["整改报告.pdf"]), thumbnail(client, reported["整改报告.pdf"])
    assert api.status_code == 200 and api.content == web.content
    assert api["Content-Security-Policy"] == web["Content-Security-Policy"]


def test_the_closing_report_lists_the_files_again_with_their_previews(client_for, people, assigned, reported):
    """申请销号's 办结报告 shows the evidence too; each listing has its own ids for the dialog and viewer."""
    import re

    liaison = client_for(people["liaison"])
    assert liaison.post(reverse("item-action", args=[assigned.pk, "submit"]),
                        {"completion": "已完成"}).status_code == 302
    page = client_for(people["officer"]).get(reverse("item", args=[assigned.pk])).content.decode()
    closing = page[page.index('id="closing-report"'):]
    photo = reported["现场.png"].pk
    assert f'data-opens="evidence-closing-{photo}"' in closing and f'id="evidence-closing-{photo}"' in closing
    assert f'<iframe src="{reverse("evidence-preview", args=[reported["整改报告.pdf"].pk])}' in closing
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
