"""POST /api/items/{id}/close takes the 评价 (rating, rating_note) under the workflow's rule."""

import pytest

from duban.ledger.models import Item, Journal

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(make_item):
    item = make_item(status=Item.Status.SUBMITTED)
    item.progress.create(text="已完成")
    return item


def test_close_needs_a_rating(clients, submitted):
    refused = clients["officer"].post(f"/api/items/{submitted.pk}/close", {"reason": "现场核实"})
    assert refused.status_code == 400 and "销号须评价" in refused.json()["detail"]
    assert Item.objects.get(pk=submitted.pk).status == Item.Status.SUBMITTED


def test_an_unknown_grade_is_a_422(clients, submitted):
    response = clients["officer"].post(f"/api/items/{submitted.pk}/close", {"reason": "x", "rating": "excellent"})
    assert response.status_code == 422


def test_close_with_a_rating_then_reopen(clients, submitted):
    officer = clients["officer"]
    body = officer.post(f"/api/items/{submitted.pk}/close",
                        {"reason": "现场核实", "rating": "average", "rating_note": "进度偏慢"}).json()
    assert (body["status"], body["rating"], body["rating_note"]) == ("closed", "average", "进度偏慢")
    detail = officer.get(f"/api/items/{submitted.pk}").json()
    assert [a for a in detail["actions"] if a["name"] == "reopen"][0]["needs_rating"] is False
    body = officer.post(f"/api/items/{submitted.pk}/reopen", {"reason": "群众反映未落实"}).json()
    assert (body["rating"], body["rating_note"]) == ("", "")
    assert Journal.objects.filter(item_id=submitted.pk, action="reopen", field="rating", old="average").exists()


def test_the_close_action_says_it_needs_a_rating(clients, submitted):
    detail = clients["officer"].get(f"/api/items/{submitted.pk}").json()
    close = next(a for a in detail["actions"] if a["name"] == "close")
    assert close["needs_rating"] is True
