"""Errors under /api/: the status the docs promise, and always a JSON ``{"detail": ...}`` body.

Each test here pins a defect an independent client (Schemathesis) found: a 500 on unit search,
500s on huge integers, HTML error pages, a CSRF page for unknown paths, and validation answering
before the role check.
"""

import pytest
from django.test import Client

from duban.ledger.models import Item, UnitAlias
from tests.api.conftest import snapshot

pytestmark = pytest.mark.django_db
S = Item.Status
HUGE = 2**68


def detail(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()["detail"]


def test_units_search_by_name_and_alias(clients, units):
    UnitAlias.objects.create(unit=units["b"], alias="翟庄办事处")
    found = clients["officer"].get("/api/units", {"q": "翟庄"})
    assert found.status_code == 200, found.content
    assert [u["name"] for u in found.json()] == ["翟庄街道"]  # name and alias both match: listed once
    by_alias = clients["officer"].get("/api/units", {"q": "办事处"})
    assert [u["name"] for u in by_alias.json()] == ["翟庄街道"]


@pytest.mark.parametrize("path, query", [
    ("/api/items", {"offset": 2**63}),
    ("/api/sources", {"offset": 2**63}),
    ("/api/extensions", {"offset": 2**63}),
    ("/api/subjects", {"offset": 2**63}),
    ("/api/items", {"limit": HUGE}),
    ("/api/items", {"unit": HUGE}),
    ("/api/items", {"source": HUGE}),
    ("/api/units", {"parent": HUGE}),
    ("/api/items", {"unit": 0}),
])
def test_out_of_range_integers_are_a_422(clients, path, query):
    assert detail(clients["officer"].get(path, query), 422)


def test_an_out_of_range_id_in_a_body_is_a_422(clients, make_item):
    item = make_item(status=S.PROPOSED)
    before = snapshot()
    response = clients["officer"].patch(f"/api/items/{item.pk}", {"version": item.version, "lead_unit_id": HUGE})
    assert detail(response, 422) and snapshot() == before


def test_a_server_error_answers_json(clients, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("duban.api.overview.LedgerCounts.of", broken)
    clients["officer"].client = Client(raise_request_exception=False)
    message = detail(clients["officer"].get("/api/dashboard"), 500)
    assert "boom" not in message  # no internals leak to the caller


def test_a_wrong_method_answers_json_with_allow(clients):
    response = clients["officer"].delete("/api/items")
    assert detail(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("path", ["/api/items/-1/sign", "/api/items/1/sign/", "/api/items/abc", "/api/nothing"])
@pytest.mark.parametrize("method", ["post", "patch"])
def test_a_write_to_an_unknown_path_is_the_json_404(session_clients, path, method):
    browser = session_clients["officer"]
    browser.headers.pop("X-CSRFToken")  # a mistyped path must not be reported as a CSRF failure
    assert path in detail(getattr(browser, method)(path, {}), 404)


def test_a_session_write_without_csrf_answers_json(session_clients, make_item):
    browser = session_clients["officer"]
    browser.headers.pop("X-CSRFToken")
    item = make_item(status=S.PROPOSED)
    assert "CSRF" in detail(browser.post(f"/api/items/{item.pk}/accept", {}), 403)


def test_a_liaisons_forbidden_edit_is_403_whatever_the_body(clients, make_item):
    item = make_item(status=S.ASSIGNED)  # unit a's item: liaison_a sees it but may not edit it
    before = snapshot()
    for body in ({"version": item.version, "lead_unit_id": 999999},  # unknown unit: was 400
                 {"version": item.version + 7, "text": "改写"}):     # stale version: was 409
        assert detail(clients["liaison_a"].patch(f"/api/items/{item.pk}", body), 403)
    assert snapshot() == before


def test_a_liaisons_forbidden_assign_is_403_whatever_the_body(clients, make_item):
    item = make_item(status=S.ACCEPTED)
    before = snapshot()
    for body in ({"lead_unit_id": 999999}, {"co_unit_ids": [999999]}, {"version": item.version + 7}):
        assert detail(clients["liaison_a"].post(f"/api/items/{item.pk}/assign", body), 403)
    assert snapshot() == before


def test_a_liaisons_forbidden_transition_with_a_stale_version_is_403(clients, make_item):
    item = make_item(status=S.SUBMITTED)
    response = clients["liaison_a"].post(f"/api/items/{item.pk}/close", {"version": item.version + 1})
    assert detail(response, 403)


@pytest.mark.parametrize("status, hint", [
    (S.ASSIGNED, "请先签收"),
    (S.SUBMITTED, "等待督查室"),
    (S.CLOSED, "重新打开"),
    (S.PROPOSED, "交办"),
])
def test_progress_on_an_item_in_the_wrong_state_says_what_to_do(clients, make_item, status, hint):
    item = make_item(status=status)
    # multipart, as browsers and curl -F send it
    response = clients["officer"].client.post(f"/api/items/{item.pk}/progress", {"text": "进展"},
                                              headers=clients["officer"].headers)
    message = detail(response, 409)
    assert hint in message
    if status != S.ASSIGNED:
        assert "请先签收" not in message


@pytest.mark.parametrize("value", ["0", "1700000000", "2027-3-1", "2027-03-31T00:00"])
def test_a_date_parameter_takes_only_yyyy_mm_dd(clients, value):
    # pydantic alone reads numbers as Unix timestamps: ?deadline_to=0 meant 1970-01-01.
    assert detail(clients["officer"].get("/api/items", {"deadline_to": value}), 422)


def test_a_date_in_a_body_takes_only_yyyy_mm_dd(clients, make_item):
    item = make_item(status=S.IN_PROGRESS)
    before = snapshot()
    response = clients["liaison_a"].post(f"/api/items/{item.pk}/extensions", {"new_deadline": 0, "reason": "雨季"})
    assert detail(response, 422) and snapshot() == before
    assert clients["officer"].get("/api/items", {"deadline_to": "2027-03-31"}).status_code == 200


def test_a_nul_character_in_any_input_is_a_422(clients, make_item):
    # PostgreSQL's text columns cannot hold U+0000: it was a 500 there.
    item = make_item(status=S.IN_PROGRESS)
    before = snapshot()
    assert detail(clients["officer"].get("/api/sources", {"q": "a\x00b"}), 422)
    assert detail(clients["liaison_a"].post(f"/api/items/{item.pk}/extensions",
                                            {"new_deadline": "2099-01-01", "reason": "雨\x00季"}), 422)
    form = clients["liaison_a"].client.post(f"/api/items/{item.pk}/progress", {"text": "进展", "milestone": "\x00"},
                                            headers=clients["liaison_a"].headers)
    assert detail(form, 422)
    assert snapshot() == before
