"""催办 on the item page and in bulk on the ledger; the countdown every item list shows."""

import datetime as dt

import pytest
from django.template import Context, Template

from duban import clock
from duban.ledger.models import Item, Journal
from duban.notify.models import Delivery
from duban.web.templatetags.duban import countdown_words

pytestmark = pytest.mark.django_db
S = Item.Status


def test_officer_urges_from_the_item_page(client_for, people, assigned, django_capture_on_commit_callbacks):
    client = client_for(people["officer"])
    page = client.get(f"/items/{assigned.pk}/").content.decode()
    assert f'action="/items/{assigned.pk}/urge/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/items/{assigned.pk}/urge/", {"note": "请周五前报送"}, follow=True)
    page = response.content.decode()
    assert "已催办" in page and "已催办 1 次" in page and "请周五前报送" in page
    assert Delivery.objects.filter(event="urge", item=assigned, user=people["liaison"]).exists()


def test_liaison_has_no_urge_button_and_is_refused(client_for, people, assigned):
    client = client_for(people["liaison"])
    assert "/urge/" not in client.get(f"/items/{assigned.pk}/").content.decode()
    assert client.post(f"/items/{assigned.pk}/urge/").status_code == 403
    assert client_for(people["stranger"]).post(f"/items/{assigned.pk}/urge/").status_code == 404
    assert not Journal.objects.filter(action="urge").exists()


def test_bulk_urge_from_the_ledger(client_for, people, units, assigned):
    second = Item.objects.create(text="要做好秋粮收储", status=S.IN_PROGRESS, lead_unit=units["other"],
                                 deadline=clock.today())
    client = client_for(people["officer"])
    assert 'id="urge-form"' in client.get("/ledger/").content.decode()
    response = client.post("/ledger/urge/", {"ids": [assigned.pk, second.pk], "note": "加快", "back": "light=red"})
    assert response.status_code == 302 and response["Location"] == "/ledger/?light=red"
    assert Journal.objects.filter(action="urge", reason="加快").count() == 2


def test_bulk_urge_refuses_all_when_one_cannot_be_urged(client_for, people, units, assigned):
    closed = Item.objects.create(text="已办结", status=S.CLOSED, lead_unit=units["town"])
    response = client_for(people["officer"]).post("/ledger/urge/", {"ids": [assigned.pk, closed.pk]}, follow=True)
    assert "不能催办" in response.content.decode()
    assert not Journal.objects.filter(action="urge").exists()


def test_bulk_urge_is_for_the_office(client_for, people, assigned):
    client = client_for(people["liaison"])
    assert 'id="urge-form"' not in client.get("/ledger/").content.decode()
    assert client.post("/ledger/urge/", {"ids": [assigned.pk]}).status_code == 403


@pytest.mark.parametrize("days, kind, words", [
    (30, "left", "剩余 30 天"), (1, "left", "剩余 1 天"), (0, "today", "今天到期"),
    (-1, "overdue", "超期 1 天"), (-12, "overdue", "超期 12 天")])
def test_countdown_words(days, kind, words):
    today = dt.date(2026, 12, 31)
    assert countdown_words(today + dt.timedelta(days=days), today) == (kind, words)


def render_countdown(item):
    return Template("{% load duban %}{% countdown item %}").render(Context({"item": item}))


@pytest.mark.parametrize("now, words", [
    (dt.datetime(2026, 3, 9, 23, 59), "剩余 1 天"), (dt.datetime(2026, 3, 10, 0, 0), "今天到期"),
    (dt.datetime(2026, 3, 10, 23, 59), "今天到期"), (dt.datetime(2026, 3, 11, 0, 1), "超期 1 天")])
def test_countdown_turns_at_midnight(frozen_clock, now, words):
    frozen_clock(now)
    item = Item(text="x", status=S.IN_PROGRESS, deadline=dt.date(2026, 3, 10))
    assert words in render_countdown(item)


@pytest.mark.parametrize("status, deadline", [(S.CLOSED, dt.date(2026, 3, 1)), (S.ACCEPTED, dt.date(2026, 3, 1)),
                                              (S.IN_PROGRESS, None)])
def test_no_countdown_for_finished_waiting_or_undated_items(frozen_clock, status, deadline):
    frozen_clock(dt.date(2026, 3, 10))
    assert render_countdown(Item(text="x", status=status, deadline=deadline)) == ""


def test_every_list_shows_the_countdown(client_for, people, units, assigned, frozen_clock):
    frozen_clock(clock.today())
    expected = "剩余 30 天"
    client = client_for(people["officer"])
    for url in ("/ledger/", f"/units/{units['town'].pk}/", "/leaders/秦保强/"):
        assert expected in client.get(url).content.decode(), url


def test_escalation_is_shown_on_the_item_and_in_lists(client_for, people, units, settings):
    settings.DUBAN_ESCALATE_DAYS = 7
    item = Item.objects.create(text="要加快老旧小区改造", status=S.IN_PROGRESS, lead_unit=units["town"],
                               deadline=clock.today() - dt.timedelta(days=15))
    client = client_for(people["officer"])
    assert "3级督办" in client.get(f"/items/{item.pk}/").content.decode()
    assert "3级督办" in client.get("/ledger/").content.decode()


def test_english_pages_say_it_in_english(client_for, people, assigned, frozen_clock):
    frozen_clock(clock.today())
    client = client_for(people["officer"])
    client.cookies["django_language"] = "en"
    page = client.get(f"/items/{assigned.pk}/").content.decode()
    assert "30 days left" in page and "Chase" in page
    assert "Close-out requests to verify" in client.get("/dashboard/").content.decode()
