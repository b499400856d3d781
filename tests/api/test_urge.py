"""POST /api/items/{id}/urge: the office's 催办 through the API (the matrix in
test_permissions covers every role; here what the answer and the journal say)."""

import datetime as dt

import pytest

from duban import clock
from duban.ledger.models import Item, Journal
from duban.notify.models import Delivery

pytestmark = pytest.mark.django_db


def test_officer_urges_and_the_item_counts_it(clients, make_item, django_capture_on_commit_callbacks):
    item = make_item(status=Item.Status.IN_PROGRESS, deadline=clock.today() - dt.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["officer"].post(f"/api/items/{item.pk}/urge", {"note": "请本周内办结"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["urges"] == 1 and body["escalation"] == 1 and body["light"] == "red"
    assert body["journal"][-1]["action"] == "urge" and body["journal"][-1]["reason"] == "请本周内办结"
    assert Delivery.objects.filter(event="urge", item=item).exists()


def test_urging_a_closed_item_is_a_json_conflict(clients, make_item):
    item = make_item(status=Item.Status.CLOSED)
    response = clients["officer"].post(f"/api/items/{item.pk}/urge", {})
    assert response.status_code == 409 and "不能催办" in response.json()["detail"]
    assert not Journal.objects.filter(action="urge").exists()


def test_liaison_is_refused_and_another_units_item_is_not_found(clients, make_item):
    item = make_item(status=Item.Status.IN_PROGRESS)
    assert clients["liaison_a"].post(f"/api/items/{item.pk}/urge", {}).status_code == 403
    assert clients["liaison_b"].post(f"/api/items/{item.pk}/urge", {}).status_code == 404
    assert clients["officer"].post("/api/items/999999/urge", {}).status_code == 404
