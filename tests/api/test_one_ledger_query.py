"""The ledger page and the API's item list select items by one definition (duban.ledger.filters)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from duban import clock
from duban.ledger.models import Item, Source, Subject

pytestmark = pytest.mark.django_db
S = Item.Status
TODAY = clock.today()


@pytest.fixture
def ledger(make_item, units):
    """Items that tell the filters apart: what the page and the API once read differently."""
    early = Source.objects.create(title="汛期防汛调研", origin="text", content_hash="a", raw=b"x",
                                  event_date=dt.date(2024, 5, 10))
    late = Source.objects.create(title="食品产业督导", origin="text", content_hash="b", raw=b"x",
                                 event_date=dt.date(2024, 9, 2))
    undated = Source.objects.create(title="无日期的报道", origin="text", content_hash="c", raw=b"x")
    park = Subject.objects.create(name="双汇第三工业园", kind=Subject.Kind.PROJECT)
    old_name = Subject.objects.create(name="第三工业园区", merged_into=park)
    rows = [
        make_item(source=early, speaker="秦保强", text="加固堤防", topic="安全稳定",
                  deadline=TODAY - dt.timedelta(days=3)),
        make_item(source=early, leader_in_charge="秦保强", unit="b", text="排查隐患", subject=park),
        make_item(source=late, speaker="王建国", unit="community", text="提升园区形象", subject=old_name,
                  stop_name="烟厂生活区", deadline=TODAY + dt.timedelta(days=1)),
        make_item(source=late, status=S.IN_PROGRESS, unit="b", text="扩大产能", topic="民生服务"),
        make_item(source=undated, status=S.SIGNED, text="社区食堂建设", leader_in_charge="李副区长"),
        make_item(source=late, status=S.PROPOSED, unit=None, text="待审核的建议"),
        make_item(source=early, status=S.CLOSED, unit="b", text="已销号事项"),
    ]
    rows[3].co_units.add(units["a"])
    return rows


def page_ids(user, query: dict) -> list[int]:
    browser = Client()
    browser.force_login(user)
    response = browser.get(reverse("ledger"), query)
    assert response.status_code == 200
    return sorted(item.pk for item in response.context["page"].object_list)


def api_ids(client, query: dict) -> list[int]:
    # The page lists the ledger unless a status is chosen; the API lists every item unless told.
    query = {**query, **({} if "status" in query else {"in_ledger": "true"}), "limit": 500}
    response = client.get("/api/items", query)
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["items"])


FILTERS = [
    {},
    {"leader": "秦保强"},  # speaker or leader in charge, on both
    {"q": "防汛"},  # the report's title, on both
    {"q": "食品 园区"},  # every word
    {"q": "烟厂"},  # the stop
    {"q": "翟庄"},  # the lead unit's name
    {"since": "2024-09-01"},  # the report's date, on both
    {"until": "2024-06-30"},
    {"topic": "安全稳定"},
    {"light": "red"},
    {"light": "yellow"},
    {"status": "proposed"},
    {"status": "closed"},
    {"unit": "a"},  # with its community, and what it co-operates on
    {"unit": "b", "leader": "秦保强"},
    {"subject": "park"},  # with the subject merged into it
    {"source": "late"},
    {"deadline_to": str(TODAY)},
]


def resolve(query: dict, units, ledger) -> dict:
    values = dict(query)
    if "unit" in values:
        values["unit"] = units[values["unit"]].pk
    if values.get("subject") == "park":
        values["subject"] = ledger[1].subject_id
    if values.get("source") == "late":
        values["source"] = ledger[2].source_id
    return values


@pytest.mark.parametrize("query", FILTERS, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()) or "all")
@pytest.mark.parametrize("who", ["officer", "liaison_a"])
def test_page_and_api_select_the_same_items(clients, people, units, ledger, query, who):
    query = resolve(query, units, ledger)
    on_page = page_ids(people[who], query)
    assert on_page == api_ids(clients[who], query)


def test_the_filters_do_select(clients, people, units, ledger):
    """The comparison above would pass if both ignored a filter: check what some select."""
    officer = people["officer"]
    assert page_ids(officer, {"leader": "秦保强"}) == sorted([ledger[0].pk, ledger[1].pk])
    assert page_ids(officer, {"q": "防汛"}) == sorted([ledger[0].pk, ledger[1].pk, ledger[6].pk])
    # an undated report counts from the day it was imported (today, later than September 2024)
    assert page_ids(officer, {"since": "2024-09-01"}) == sorted([ledger[2].pk, ledger[3].pk, ledger[4].pk])
    assert page_ids(officer, resolve({"subject": "park"}, units, ledger)) == sorted([ledger[1].pk, ledger[2].pk])
    assert page_ids(people["liaison_a"], resolve({"unit": "b"}, units, ledger)) == [ledger[3].pk]
