"""The big pages stay a fixed number of queries however many items, reports and units there are.

Scale itself is measured by bench/scale.py; these tests catch what makes it regress: a
query per row (N+1), every report rendered into the filter form, a DISTINCT join that
counts an item twice, a stale or wrong dashboard count.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duban import clock
from duban.ledger.models import Evidence, Item, Journal, Progress, Source, Subject, Unit


def add_items(n: int, unit: Unit, co_unit: Unit | None = None, start: int = 0) -> list[Item]:
    """``n`` assigned items, each from its own report, with its own subject and a co-operating unit."""
    today = clock.today()
    items = []
    for k in range(start, start + n):
        source = Source.objects.create(title=f"报道{k}", origin=Source.Origin.TEXT, content_hash=f"{k:064x}",
                                       raw=b"x", article={"title": f"报道{k}", "body": ["x" * 1000]})
        subject = Subject.objects.create(name=f"对象{k}")
        item = Item.objects.create(text=f"事项{k}", source=source, subject=subject, lead_unit=unit,
                                   status=Item.Status.IN_PROGRESS, deadline=today + dt.timedelta(days=k - 5),
                                   assigned_at=clock.now() - dt.timedelta(days=k))
        if co_unit is not None:
            item.co_units.add(co_unit)
        items.append(item)
    return items


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["officer", "liaison"])
def test_ledger_queries_do_not_grow_with_items(client_for, people, units, who):
    client = client_for(people[who])
    urls = [reverse("ledger"), reverse("ledger") + f"?unit={units['town'].pk}&q=事项&page=2"]
    add_items(3, units["town"], units["community"])
    few = [queries_for(client, url) for url in urls]
    add_items(60, units["town"], units["community"], start=3)
    assert [queries_for(client, url) for url in urls] == few


def test_ledger_form_offers_only_the_chosen_report(client_for, people, units):
    items = add_items(5, units["town"])
    client = client_for(people["officer"])
    page = client.get(reverse("ledger")).content.decode()
    assert "报道3" not in page  # no drop-down of every report
    chosen = items[2].source
    page = client.get(reverse("ledger") + f"?source={chosen.pk}").content.decode()
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', page.split('name="source"')[1].split("</select>")[0])
    assert options == [(str(chosen.pk), "报道2")]
    assert "共 1 项" in page


def test_an_item_led_and_co_operated_by_a_unit_is_counted_once(client_for, people, units):
    add_items(4, units["town"], co_unit=units["community"])  # the liaison's town and its community
    add_items(2, units["other"], co_unit=units["community"], start=4)  # only co-operated
    add_items(3, units["other"], start=6)  # not theirs
    page = client_for(people["liaison"]).get(reverse("ledger")).content.decode()
    assert "共 6 项" in page
    for k in range(6):
        assert page.count(f">事项{k}<") == 1
    assert "事项7" not in page


def test_search_matches_report_titles_and_unit_names(client_for, people, units):
    add_items(3, units["town"])
    add_items(2, units["other"], start=3)
    client = client_for(people["officer"])
    assert "共 1 项" in client.get(reverse("ledger") + "?q=报道1").content.decode()
    assert "共 2 项" in client.get(reverse("ledger") + "?q=翟庄").content.decode()


def test_dashboard_queries_do_not_grow_and_are_cached(client_for, people, units, settings):
    settings.DUBAN_DASHBOARD_CACHE_SECONDS = 0
    client = client_for(people["officer"])
    add_items(3, units["town"], units["community"])
    few = queries_for(client, reverse("dashboard"))
    add_items(30, units["other"], units["community"], start=3)
    assert queries_for(client, reverse("dashboard")) == few

    settings.DUBAN_DASHBOARD_CACHE_SECONDS = 60
    first = queries_for(client, reverse("dashboard"))
    assert first == few + 2  # the newest journal line, which keys the cache (the counts', the queues')
    # Within the minute the counts come from the cache: no query reads the items.
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard")).context["total"] == 33
    assert not [q for q in captured.captured_queries if "ledger_item" in q["sql"]]


def test_dashboard_counts_match_the_items(client_for, people, units, settings):
    settings.DUBAN_DASHBOARD_CACHE_SECONDS = 0
    items = add_items(20, units["town"])  # deadlines from 5 days ago on: 5 red
    Item.objects.filter(pk=items[-1].pk).update(status=Item.Status.PROPOSED, assigned_at=None)
    Item.objects.filter(pk=items[0].pk).update(status=Item.Status.CLOSED, closed_at=clock.now())
    data = client_for(people["officer"]).get(reverse("dashboard")).context
    lights = {row["key"]: row["value"] for row in data["lights"]}
    assert lights == {"red": 4, "yellow": 4 if settings.DUBAN_YELLOW_DAYS >= 3 else lights["yellow"],
                      "green": 18 - 4 - lights["yellow"], "none": 0, "waiting": 0, "done": 1}
    assert data["total"] == 18  # 在办: the closed one is not counted
    assert {row["key"]: row["value"] for row in data["statuses"]}["proposed"] == 1
    assert [u["red"] for u in data["units"]] == [4]
    assert [i.text for i in data["overdue"]] == ["事项1", "事项2", "事项3", "事项4"]
    # Assigned 0..18 days ago: all within the 12-week trend, each in exactly one week.
    assert sum(data["trend"]["assigned"]) == 19
    assert sum(data["trend"]["closed"]) == 1 and data["trend"]["closed"][-1] == 1


def test_web_evidence_download_sends_the_api_s_headers(client_for, people, assigned, tmp_path):
    from django.core.files.base import ContentFile

    progress = Progress.objects.create(item=assigned, text="进展", unit=assigned.lead_unit)
    evidence = Evidence(progress=progress, original_name="a.pdf", content_type="application/pdf", size=4, sha256="0")
    evidence.file.save("a.pdf", ContentFile(b"%PDF"), save=True)
    client = client_for(people["liaison"])
    for url in (reverse("evidence", args=[evidence.pk]), f"/api/evidence/{evidence.pk}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].startswith("attachment"), url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox", url
        assert response["Cache-Control"] == "private, no-store", url


def test_a_broad_search_counts_up_to_the_limit(client_for, people, units, monkeypatch):
    from duban.web import paging
    from duban.web.views import ledger

    monkeypatch.setattr(paging, "SEARCH_COUNT_LIMIT", 10)
    monkeypatch.setattr(ledger, "PAGE_SIZE", 4)
    add_items(15, units["town"])
    client = client_for(people["officer"])
    page = client.get(reverse("ledger"), {"q": "事项"}).content.decode()
    assert "超过 10 项" in page and "第 1 / 3 页" in page
    exact = client.get(reverse("ledger"), {"q": "事项1"}).content.decode()  # 事项1, 事项10..14
    assert "共 6 项" in exact
    unfiltered = client.get(reverse("ledger")).content.decode()  # no search: the exact count
    assert "共 15 项" in unfiltered and "第 1 / 4 页" in unfiltered


def test_a_journaled_change_shows_on_the_cached_dashboard_at_once(client_for, people, units, settings):
    settings.DUBAN_DASHBOARD_CACHE_SECONDS = 60
    client = client_for(people["officer"])
    items = add_items(3, units["town"])
    before = client.get(reverse("dashboard")).context["total"]
    Item.objects.filter(pk=items[1].pk).update(status=Item.Status.PROPOSED)
    Journal.record(user=people["officer"], item=items[1], action="edit", field="status", new="proposed")
    assert client.get(reverse("dashboard")).context["total"] == before - 1


@pytest.mark.parametrize("sort", ["deadline", "-deadline", "unit", "status", "topic", "-created"])
def test_a_units_ledger_pages_through_each_item_once_in_order(client_for, people, units, monkeypatch, sort):
    """Counted and paged in two halves (led, only co-operated on; merged in SQL on
    PostgreSQL), a unit's ledger is the same list as the plain filter gives, for every
    sort and on every page."""
    from duban.web.filters import SORTS
    from duban.web.views import ledger

    monkeypatch.setattr(ledger, "PAGE_SIZE", 4)
    town, community, other = units["town"], units["community"], units["other"]
    add_items(5, town)
    add_items(4, community, co_unit=town, start=5)  # led and co-operated inside the scope: once
    add_items(3, other, co_unit=community, start=9)
    add_items(3, other, start=12)  # not the town's
    Item.objects.filter(text__in=["事项1", "事项2", "事项10"]).update(deadline=clock.today())  # ties
    Item.objects.filter(text="事项3").update(topic="民生服务", status=Item.Status.SIGNED)
    no_lead = add_items(2, town, start=15)
    Item.objects.filter(pk__in=[i.pk for i in no_lead]).update(lead_unit=None)
    for i in no_lead:
        i.co_units.add(community)

    def paged(client, params):
        listed, number = [], 1
        while True:
            response = client.get(reverse("ledger"), {**params, "sort": sort, "page": number})
            page = response.context["page"]
            listed += [item.text for item in page.object_list]
            if not page.has_next():
                return response.context["total"], listed
            number += 1

    scope = town.descendant_ids()
    expected = [i.text for i in Item.objects.in_ledger().filter(Item.involving(scope)).order_by(*SORTS[sort])]
    assert len(expected) == 14
    assert paged(client_for(people["liaison"]), {}) == (14, expected)
    assert paged(client_for(people["officer"]), {"unit": town.pk}) == (14, expected)
    # A liaison filtering on a unit outside their scope: both limits hold.
    both = [i.text for i in Item.objects.in_ledger().filter(Item.involving(scope))
            .filter(Item.involving({other.pk})).order_by(*SORTS[sort])]
    assert paged(client_for(people["liaison"]), {"unit": other.pk}) == (len(both), both) and len(both) == 3


@pytest.mark.parametrize("params", [{}, {"light": "yellow"}, {"page": 3}])
def test_a_units_empty_ledger_is_an_empty_page(client_for, people, units, params):
    """Nothing to show (no items, none of that light, past the last page) is a page, not an error."""
    add_items(2, units["other"])  # not the liaison's
    response = client_for(people["liaison"]).get(reverse("ledger"), params)
    assert response.status_code == 200
    assert response.context["total"] == 0 and list(response.context["page"].object_list) == []
    api = client_for(people["liaison"]).get("/api/items", {"offset": 5})
    assert api.status_code == 200 and api.json() == {"items": [], "count": 0}


def test_an_item_that_stops_matching_while_a_page_is_read_drops_out(people, units, monkeypatch):
    """Between the query for a page's ids and the one for its rows another user may change an
    item; the page then leaves it out instead of failing."""
    from django.db import connection

    from duban.ledger.scoping import UnitItems

    if not connection.features.supports_slicing_ordering_in_compound:
        pytest.skip("SQLite pages a unit's items in one query")
    items = add_items(3, units["town"])
    chosen = UnitItems(Item.objects.filter(status=Item.Status.IN_PROGRESS).order_by("deadline", "id"),
                       units["town"].descendant_ids())
    read_ids = chosen._window_pks

    def ids_then_a_change(start, stop):
        ids = read_ids(start, stop)
        Item.objects.filter(pk=items[0].pk).update(status=Item.Status.SUBMITTED)
        return ids

    monkeypatch.setattr(chosen, "_window_pks", ids_then_a_change)
    assert [i.pk for i in chosen[0:3]] == [items[1].pk, items[2].pk]
