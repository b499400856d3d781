"""POST /api/items/{id}/decline (非本单位职责), reassignment with co-units, and the filters of
the queues (declined, lead_only) through the API. The matrix in test_permissions covers
every role; here what the answers and the journal say."""

import pytest

from duban.ledger.models import Item, Journal

pytestmark = pytest.mark.django_db
S = Item.Status


def test_the_lead_liaison_declines_and_the_office_reassigns(clients, make_item, units):
    item = make_item(status=S.ASSIGNED, number="督〔2026〕3号")
    response = clients["liaison_a"].post(f"/api/items/{item.pk}/decline",
                                         {"reason": "属翟庄街道辖区", "version": item.version})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "accepted" and body["lead_unit"] is None and body["number"] == "督〔2026〕3号"
    assert Journal.objects.get(item=item, action="decline", field="lead_unit").old == "天桥街道"
    # Gone from the unit: its liaison no longer sees it.
    assert clients["liaison_a"].get(f"/api/items/{item.pk}").status_code == 404
    waiting = clients["officer"].get("/api/items", {"declined": "true"}).json()["items"]
    assert [i["id"] for i in waiting] == [item.pk]
    response = clients["officer"].post(f"/api/items/{item.pk}/assign", {
        "lead_unit_id": units["b"].pk, "co_unit_ids": [units["a"].pk], "version": body["version"]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "assigned" and body["lead_unit"]["name"] == "翟庄街道"
    assert [u["name"] for u in body["co_units"]] == ["天桥街道"]
    assert clients["officer"].get("/api/items", {"declined": "true"}).json()["items"] == []


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_declining_without_a_reason_is_refused(clients, make_item, reason):
    item = make_item(status=S.ASSIGNED)
    body = {} if reason is None else {"reason": reason}
    response = clients["liaison_a"].post(f"/api/items/{item.pk}/decline", body)
    assert response.status_code in (400, 422)
    item.refresh_from_db()
    assert item.status == S.ASSIGNED and item.lead_unit is not None


def test_a_co_unit_cannot_decline(clients, make_item, units):
    item = make_item(status=S.ASSIGNED)
    item.co_units.add(units["b"])
    response = clients["liaison_b"].post(f"/api/items/{item.pk}/decline", {"reason": "不归我们"})
    assert response.status_code == 403 and response.json()["detail"]


def test_work_started_cannot_be_declined(clients, make_item):
    item = make_item(status=S.IN_PROGRESS)
    response = clients["liaison_a"].post(f"/api/items/{item.pk}/decline", {"reason": "不归我们"})
    assert response.status_code == 409


def test_lead_only_lists_what_the_unit_signs(clients, make_item, units):
    led = make_item(status=S.ASSIGNED, text="天桥街道牵头")
    helped = make_item(status=S.ASSIGNED, unit="b", text="翟庄街道牵头，天桥街道配合")
    helped.co_units.add(units["a"])
    client = clients["liaison_a"]
    every = {i["id"] for i in client.get("/api/items", {"status": "assigned"}).json()["items"]}
    assert every == {led.pk, helped.pk}
    only = client.get("/api/items", {"status": "assigned", "lead_only": "true"}).json()
    assert [i["id"] for i in only["items"]] == [led.pk] and only["count"] == 1


def test_items_show_their_suggested_co_units(clients, make_item, units):
    item = make_item(status=S.PROPOSED, unit=None, suggested_unit=units["a"])
    item.suggested_co_units.add(units["b"])
    body = clients["officer"].get(f"/api/items/{item.pk}").json()
    assert [u["name"] for u in body["suggested_co_units"]] == ["翟庄街道"] and body["co_units"] == []
