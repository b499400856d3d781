"""GET /api/assessment: the 考核 table for scripts, the same numbers as the page."""

import datetime as dt

import pytest
from django.utils import timezone

from duban.ledger.models import Item

pytestmark = pytest.mark.django_db
S = Item.Status


@pytest.fixture
def closed_items(units, frozen_clock):
    frozen_clock(dt.date(2026, 12, 5))
    at = timezone.make_aware(dt.datetime(2026, 11, 10, 23, 30))
    Item.objects.create(text="按期", status=S.CLOSED, lead_unit=units["a"], deadline=dt.date(2026, 11, 10),
                        closed_at=at, rating="fair")
    Item.objects.create(text="无时限", status=S.CLOSED, lead_unit=units["a"], closed_at=at)
    Item.objects.create(text="超期", status=S.SIGNED, lead_unit=units["b"], deadline=dt.date(2026, 12, 4))


def test_the_quarter_by_default(clients, units, closed_items):
    body = clients["leader"].get("/api/assessment").json()
    assert (body["since"], body["until"]) == ("2026-10-01", "2026-12-31")
    first, second = body["units"]
    assert first == {"unit_id": units["a"].pk, "unit": "天桥街道", "closed": 2, "with_deadline": 1, "on_time": 1,
                     "on_time_rate": 1.0, "overdue_now": 0, "closed_late": 0, "overdue": 0, "returns": 0,
                     "ratings": {"good": 0, "fair": 1, "average": 0, "poor": 0}, "unrated": 1, "mean_score": 80.0}
    assert (second["unit"], second["overdue_now"], second["on_time_rate"]) == ("翟庄街道", 1, None)
    assert body["total"]["unit_id"] is None and body["total"]["closed"] == 2


def test_a_chosen_period_and_sort(clients, closed_items):
    body = clients["officer"].get("/api/assessment", {"since": "2026-11-11", "until": "2026-12-31",
                                                      "sort": "overdue"}).json()
    assert [u["unit"] for u in body["units"]] == ["翟庄街道"]  # nothing closed from 11-11; red now


def test_a_reversed_period_is_a_400(clients, closed_items):
    response = clients["officer"].get("/api/assessment", {"since": "2026-12-01", "until": "2026-11-01"})
    assert response.status_code == 400 and "起始日期" in response.json()["detail"]


def test_liaisons_are_refused(clients, closed_items):
    response = clients["liaison_a"].get("/api/assessment")
    assert response.status_code == 403 and "考核" in response.json()["detail"]


def test_the_item_list_takes_the_assessment_filters(clients, units, closed_items):
    officer = clients["officer"]
    query = {"lead_unit": units["a"].pk, "status": "closed", "closed_from": "2026-10-01", "closed_to": "2026-12-31"}
    assert officer.get("/api/items", {**query, "on_time": "true"}).json()["count"] == 1
    assert officer.get("/api/items", {**query, "on_time": "false"}).json()["count"] == 0
    assert [i["text"] for i in officer.get("/api/items", {**query, "rating": "none"}).json()["items"]] == ["无时限"]
    assert officer.get("/api/items", {**query, "rating": "fair"}).json()["items"][0]["rating"] == "fair"
