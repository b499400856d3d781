import pytest
from django.urls import reverse

from duban.ledger.models import Item, Journal, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(client_for, people, units, pipeline, seed_bytes):
    client = client_for(people["officer"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("import"), {"file": SimpleUploadedFile("zhaoling.txt", seed_bytes)})
    assert response.status_code == 302
    source = Source.objects.get()
    assert response["Location"] == reverse("review", args=[source.pk])
    return client, source


def proposals(source):
    return list(source.items.order_by("directive_index", "id"))


def test_paste_and_htmx_import(client_for, people, units, pipeline, seed_text):
    client = client_for(people["officer"])
    response = client.post(reverse("import"), {"text": seed_text}, HTTP_HX_REQUEST="true")
    source = Source.objects.get()
    assert response["HX-Redirect"] == reverse("review", args=[source.pk])
    again = client.post(reverse("import"), {"text": seed_text})
    assert again["Location"] == reverse("review", args=[source.pk]) and Source.objects.count() == 1


def test_import_form_needs_exactly_one_input(client_for, people):
    response = client_for(people["officer"]).post(reverse("import"), {"text": "", "url": ""})
    assert response.status_code == 400 and "三选一" in response.content.decode()


def test_review_highlights_every_directive_in_place(imported):
    client, source = imported
    page = client.get(reverse("review", args=[source.pk])).content.decode()
    for item in proposals(source):
        assert f'id="m-{item.pk}" data-item="{item.pk}">{item.text}</mark>' in page
        assert 'aria-label="第' in page
    assert "<kbd>j</kbd>" in page


def test_accept_reject_assign_one_each(imported, units):
    client, source = imported
    first, second, third = proposals(source)[:3]
    url = reverse("review-act", args=[source.pk])
    client.post(url, {"action": "accept", "ids": [first.pk], "version": first.version})
    response = client.post(url, {"action": "reject", "ids": [second.pk]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400  # a rejection needs a reason
    client.post(url, {"action": "reject", "ids": [second.pk], "reason": "非具体任务"})
    client.post(url, {"action": "assign", "ids": [third.pk], "lead_unit": units["town"].pk,
                      "deadline": "2030-01-31"})
    statuses = {i.pk: i.status for i in source.items.all()}
    assert statuses[first.pk] == Item.Status.ACCEPTED and statuses[second.pk] == Item.Status.REJECTED
    third.refresh_from_db()
    assert third.status == Item.Status.ASSIGNED and third.lead_unit == units["town"]
    assert str(third.deadline) == "2030-01-31"


def test_bulk_assign_is_all_or_nothing(imported, units):
    client, source = imported
    items = proposals(source)
    orphan = items[0]
    orphan.suggested_unit = None
    orphan.save()
    response = client.post(reverse("review-act", args=[source.pk]),
                           {"action": "assign", "ids": [i.pk for i in items]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert not source.items.filter(status=Item.Status.ASSIGNED).exists()
    client.post(reverse("review-act", args=[source.pk]),
                {"action": "assign", "ids": [i.pk for i in items], "lead_unit": units["district"].pk})
    assert source.items.filter(status=Item.Status.ASSIGNED).count() == len(items)


def test_split_merge_and_edit(imported):
    client, source = imported
    first, second, third = proposals(source)[:3]
    url = reverse("review-act", args=[source.pk])
    client.post(url, {"action": "split", "ids": [first.pk], "parts": "第一部分\n第二部分", "version": first.version})
    assert source.items.filter(text__in=["第一部分", "第二部分"]).count() == 2
    client.post(url, {"action": "merge", "ids": [second.pk, third.pk]})
    third.refresh_from_db()
    assert third.status == Item.Status.MERGED
    second.refresh_from_db()
    client.post(url, {"action": "edit", "ids": [second.pk], "version": second.version,
                      f"i{second.pk}-text": "改写", f"i{second.pk}-topic": "综合"})
    second.refresh_from_db()
    assert second.text == "改写" and Journal.objects.filter(item=second, field="text").exists()


def test_review_is_office_only(imported, client_for, people):
    _, source = imported
    for who in ("liaison", "leader"):
        client = client_for(people[who])
        assert client.get(reverse("review", args=[source.pk])).status_code == 403
        item = proposals(source)[0]
        assert client.post(reverse("review-act", args=[source.pk]),
                           {"action": "accept", "ids": [item.pk]}).status_code == 403
        item.refresh_from_db()
        assert item.status == Item.Status.PROPOSED


def test_url_import_from_a_local_page(client_for, people, units, pipeline, seed_bytes, settings):
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            self.wfile.write(seed_bytes)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.DUBAN_ALLOW_PRIVATE_URLS = True
        url = f"http://127.0.0.1:{server.server_port}/report.txt"
        response = client_for(people["officer"]).post(reverse("import"), {"url": url})
    finally:
        server.shutdown()
    source = Source.objects.get()
    assert response["Location"] == reverse("review", args=[source.pk]) and source.location == url


def test_unreadable_input_is_a_one_line_message(client_for, people, units, pipeline):
    from django.core.files.uploadedfile import SimpleUploadedFile

    picture = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200))
    response = client_for(people["officer"]).post(reverse("import"), {"file": picture})
    assert response.status_code == 400 and Source.objects.count() == 0
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1 and "\n" not in errors[0] and "Traceback" not in response.content.decode()


def test_stale_card_answers_409_in_place(imported):
    client, source = imported
    item = proposals(source)[0]
    stale = item.version
    client.post(reverse("review-act", args=[source.pk]), {"action": "edit", "ids": [item.pk], "version": stale,
                                                           f"i{item.pk}-text": "先改一次", f"i{item.pk}-topic": "综合"})
    response = client.post(reverse("review-act", args=[source.pk]),
                           {"action": "accept", "ids": [item.pk], "version": stale}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409 and response["HX-Retarget"] == "#flash"
    assert "刷新" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Item.Status.PROPOSED and item.text == "先改一次"


def test_an_unresolved_deadline_is_shown_and_must_be_set_before_assigning(client_for, people, units):
    source = Source.objects.create(title="汛期检查", origin="text", content_hash="h", raw=b"")
    item = Item.objects.create(source=source, text="加固堤防", deadline_text="汛期后", suggested_unit=units["town"])
    client = client_for(people["officer"])
    page = client.get(reverse("review", args=[source.pk])).content.decode()
    assert "时限未能识别：“汛期后”，请核定" in page
    url = reverse("review-act", args=[source.pk])
    response = client.post(url, {"action": "assign", "ids": [item.pk]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and "请先核定完成时限" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Item.Status.PROPOSED
    client.post(url, {"action": "assign", "ids": [item.pk], "deadline": "2030-05-31"})
    item.refresh_from_db()
    assert item.status == Item.Status.ASSIGNED and not item.deadline_unresolved
    assert "时限未能识别" not in client.get(reverse("item", args=[item.pk])).content.decode()
