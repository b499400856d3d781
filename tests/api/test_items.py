"""Listing, filtering, reading, editing and moving items through the workflow over the API."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT

from duban import clock
from duban.ledger.models import Item, Journal, Source
from tests.api.conftest import snapshot

pytestmark = pytest.mark.django_db
S = Item.Status
TODAY = clock.today()


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["items"])


@pytest.fixture
def ledger(make_item, units):
    source = Source.objects.create(title="调研报道", origin=Source.Origin.TEXT, content_hash="h", raw=b"x")
    rows = {
        "red": make_item(deadline=TODAY - dt.timedelta(days=2), topic="民生服务", leader_in_charge="王副区长",
                         text="养老服务中心要提升服务水平"),
        "yellow": make_item(status=S.SIGNED, deadline=TODAY + dt.timedelta(days=1), topic="科技创新",
                            source=source, text="推动规上企业研发活动全覆盖"),
        "green": make_item(status=S.IN_PROGRESS, unit="b", topic="民生服务", text="漓江路社区改造"),
        "village": make_item(unit="community", text="社区食堂建设", stop_name="烟厂生活区"),
        "proposal": make_item(status=S.PROPOSED, unit=None, text="待审核的建议"),
        "closed": make_item(status=S.CLOSED, unit="b", text="已销号事项"),
    }
    rows["green"].co_units.add(units["a"])
    return rows


def test_liaison_sees_own_unit_below_it_and_co_operated_items(clients, ledger):
    seen = ids(clients["liaison_a"].get("/api/items"))
    assert seen == sorted(ledger[k].pk for k in ("red", "yellow", "green", "village"))
    assert ids(clients["liaison_b"].get("/api/items")) == sorted([ledger["green"].pk, ledger["closed"].pk])
    assert len(ids(clients["leader"].get("/api/items"))) == len(ledger)


@pytest.mark.parametrize("query, expected", [
    ({"light": "red"}, ["red"]),
    ({"light": "yellow"}, ["yellow"]),
    ({"light": "done"}, ["closed"]),
    ({"status": ["signed", "in_progress"]}, ["yellow", "green"]),
    ({"topic": "民生服务"}, ["red", "green"]),
    ({"leader": "王副"}, ["red"]),
    ({"q": "社区"}, ["green", "village"]),
    ({"q": "烟厂"}, ["village"]),
    ({"in_ledger": "false"}, ["proposal"]),
    ({"deadline_to": str(TODAY)}, ["red"]),
])
def test_filters(clients, ledger, query, expected):
    assert ids(clients["officer"].get("/api/items", query)) == sorted(ledger[k].pk for k in expected)


def test_filter_by_unit_includes_units_below_and_co_operation(clients, ledger, units):
    got = ids(clients["officer"].get("/api/items", {"unit": units["a"].pk}))
    assert got == sorted(ledger[k].pk for k in ("red", "yellow", "green", "village"))


def test_filter_by_source(clients, ledger):
    source = ledger["yellow"].source
    assert ids(clients["officer"].get("/api/items", {"source": source.pk})) == [ledger["yellow"].pk]


def test_list_is_paginated_and_reports_light(clients, ledger):
    body = clients["officer"].get("/api/items", {"limit": 2, "ordering": "deadline"}).json()
    assert body["count"] == len(ledger) and len(body["items"]) == 2
    assert body["items"][0]["id"] == ledger["red"].pk and body["items"][0]["light"] == "red"
    assert body["items"][0]["escalation"] == 1


def test_bad_filter_value_is_a_readable_422(clients, ledger):
    response = clients["officer"].get("/api/items", {"light": "purple"})
    assert response.status_code == 422
    assert "light" in response.json()["detail"]


def test_detail_has_journal_progress_actions(clients, make_item, people):
    item = make_item(status=S.ASSIGNED)
    clients["liaison_a"].post(f"/api/items/{item.pk}/sign", {})
    body = clients["liaison_a"].get(f"/api/items/{item.pk}").json()
    assert body["status"] == "signed" and body["status_label"] == "已签收"
    assert [a["name"] for a in body["actions"]] == ["start", "submit", "decline"]  # 非本单位职责 until work starts
    assert body["can_edit"] is False
    assert [(j["field"], j["old"], j["new"], j["username"]) for j in body["journal"]] == [
        ("status", "assigned", "signed", "liaison_a")]
    assert body["progress"] == [] and body["lead_unit"]["name"] == "天桥街道"
    officer_view = clients["officer"].get(f"/api/items/{item.pk}").json()
    assert officer_view["can_edit"] is True and officer_view["actions"] == []


def test_edit_changes_fields_and_journals_them(clients, make_item, units):
    item = make_item(status=S.ASSIGNED)
    response = clients["officer"].patch(f"/api/items/{item.pk}", {
        "version": 1, "text": "新的要求", "lead_unit_id": units["b"].pk, "reason": "调整责任单位"})
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2 and response.json()["lead_unit"]["id"] == units["b"].pk
    entries = Journal.objects.filter(item=item, action="edit").values_list("field", "reason")
    assert sorted(entries) == [("lead_unit", "调整责任单位"), ("text", "调整责任单位")]


def test_edit_changes_the_priority(clients, make_item):
    item = make_item(status=S.ASSIGNED)
    response = clients["officer"].patch(f"/api/items/{item.pk}", {"version": 1, "priority": "urgent"})
    assert response.status_code == 200 and response.json()["priority"] == "urgent"
    assert Journal.objects.filter(item=item, action="edit", field="priority", new="urgent").exists()
    before = snapshot()
    assert clients["officer"].patch(f"/api/items/{item.pk}", {"version": 2, "priority": "highest"}).status_code == 422
    assert clients["liaison_a"].patch(f"/api/items/{item.pk}", {"version": 2, "priority": "normal"}).status_code == 403
    assert snapshot() == before


def test_edit_with_stale_version_is_409_and_changes_nothing(clients, make_item):
    item = make_item(status=S.ASSIGNED)
    assert clients["officer"].patch(f"/api/items/{item.pk}", {"version": 1, "text": "甲"}).status_code == 200
    before = snapshot()
    response = clients["admin"].patch(f"/api/items/{item.pk}", {"version": 1, "text": "乙"})
    assert response.status_code == 409
    assert "已被他人修改" in response.json()["detail"]
    assert snapshot() == before


def test_transition_with_stale_version_is_409(clients, make_item):
    item = make_item(status=S.PROPOSED)
    clients["officer"].patch(f"/api/items/{item.pk}", {"version": 1, "text": "甲"})
    before = snapshot()
    response = clients["officer"].post(f"/api/items/{item.pk}/accept", {"version": 1})
    assert response.status_code == 409 and snapshot() == before


def test_edit_unknown_unit_is_400(clients, make_item):
    item = make_item(status=S.ASSIGNED)
    before = snapshot()
    response = clients["officer"].patch(f"/api/items/{item.pk}", {"version": 1, "lead_unit_id": 9999})
    assert response.status_code == 400 and "不存在" in response.json()["detail"]
    assert snapshot() == before


def test_whole_workflow_over_the_api(clients, make_item, units, future):
    item = make_item(status=S.PROPOSED, unit=None, deadline=None)
    officer, liaison = clients["officer"], clients["liaison_a"]

    def act(client, action, **body):
        response = client.post(f"/api/items/{item.pk}/{action}", body)
        assert response.status_code == 200, response.content
        return response.json()

    act(officer, "accept")
    body = act(officer, "assign", lead_unit_id=units["a"].pk, co_unit_ids=[units["b"].pk], deadline=str(future),
               leader_in_charge="李区长")
    assert body["status"] == "assigned" and [u["name"] for u in body["co_units"]] == ["翟庄街道"]
    act(liaison, "sign")
    act(liaison, "start")
    refused = liaison.post(f"/api/items/{item.pk}/submit", {})
    assert refused.status_code == 400 and "完成情况" in refused.json()["detail"]  # no 办结报告
    photo = SimpleUploadedFile("现场照片.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    response = liaison.post(f"/api/items/{item.pk}/progress", {"text": "已完成", "files": [photo]},
                            content_type=MULTIPART_CONTENT)
    assert response.status_code == 201, response.content
    act(liaison, "submit", completion="已完成")
    act(officer, "return", reason="佐证不足")
    act(liaison, "submit", completion="已补充现场照片")
    act(officer, "close", rating="good")
    body = act(officer, "reopen", reason="群众反映未落实")
    assert body["status"] == "in_progress"
    statuses = list(Journal.objects.filter(item=item, field="status").values_list("new", flat=True))
    assert statuses == ["accepted", "assigned", "signed", "in_progress", "submitted", "in_progress",
                        "submitted", "closed", "in_progress"]


def test_workflow_errors_map_to_http_status(clients, make_item):
    item = make_item(status=S.SUBMITTED)
    before = snapshot()
    for body in ({}, {"reason": "  "}):  # the schema says a reason is required: 422
        missing_reason = clients["officer"].post(f"/api/items/{item.pk}/return", body)
        assert missing_reason.status_code == 422 and "reason" in missing_reason.json()["detail"]
    wrong_state = clients["officer"].post(f"/api/items/{item.pk}/accept", {})
    assert wrong_state.status_code == 409 and "申请销号" in wrong_state.json()["detail"]
    assert snapshot() == before


def test_assign_needs_unit_and_deadline(clients, make_item):
    item = make_item(status=S.ACCEPTED, unit=None, deadline=None)
    before = snapshot()
    response = clients["officer"].post(f"/api/items/{item.pk}/assign", {})
    assert response.status_code == 400 and "责任单位" in response.json()["detail"]
    assert snapshot() == before


def test_split_and_merge(clients, make_item):
    item = make_item(status=S.PROPOSED, text="甲；乙")
    response = clients["officer"].post(f"/api/items/{item.pk}/split", {"parts": ["甲", "乙"]})
    assert response.status_code == 200, response.content
    first, second = response.json()
    assert first["id"] == item.pk and [first["text"], second["text"]] == ["甲", "乙"]
    merged = clients["officer"].post("/api/items/merge", {"ids": [second["id"]], "into": first["id"],
                                                          "text": "甲和乙"})
    assert merged.status_code == 200 and merged.json()["text"] == "甲和乙"
    assert Item.objects.get(pk=second["id"]).status == S.MERGED


def test_split_needs_two_parts(clients, make_item):
    item = make_item(status=S.PROPOSED)
    assert clients["officer"].post(f"/api/items/{item.pk}/split", {"parts": ["甲"]}).status_code == 422


def test_merge_refuses_items_the_caller_cannot_see(clients, make_item):
    mine = make_item(status=S.PROPOSED)
    theirs = make_item(status=S.PROPOSED, unit="b")
    before = snapshot()
    response = clients["liaison_a"].post("/api/items/merge", {"ids": [theirs.pk], "into": mine.pk})
    assert response.status_code == 404 and snapshot() == before


def test_journal_route_is_read_only(clients, make_item):
    item = make_item(status=S.ASSIGNED)
    clients["liaison_a"].post(f"/api/items/{item.pk}/sign", {})
    entries = clients["officer"].get(f"/api/items/{item.pk}/journal").json()
    assert len(entries) == 1
    before = snapshot()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(clients["admin"], method)(f"/api/items/{item.pk}/journal", {"new": "x"})
        assert response.status_code == 405, method
    assert snapshot() == before


def test_no_route_writes_to_the_journal_directly():
    from duban.api.api import api

    paths = api.get_openapi_schema()["paths"]
    writable = [(p, m) for p, ops in paths.items() for m in ops if "journal" in p and m != "get"]
    assert writable == []


def test_list_runs_a_fixed_number_of_queries(clients, make_item, units, django_assert_max_num_queries):
    for n in range(30):
        item = make_item(text=f"事项{n}")
        item.co_units.add(units["b"])
    clients["officer"].get("/api/items")  # warm up: token lookup, content types
    with django_assert_max_num_queries(8):
        body = clients["officer"].get("/api/items").json()
    assert body["count"] == 30 and body["items"][0]["co_units"][0]["name"] == "翟庄街道"


@pytest.mark.parametrize("ordering", ["deadline", "-deadline", "-created_at", "id"])
def test_a_liaisons_list_pages_through_each_visible_item_once(clients, make_item, units, ordering):
    """Counted and paged as two halves (led, only co-operated on), a liaison's list is the
    items they may see, each once, in the asked order, with the right count and dashboard."""
    today = clock.today()
    for k in range(5):  # led by the town and its community, some on the same deadline
        make_item(unit="a" if k % 2 else "community", deadline=today + dt.timedelta(days=k % 3), text=f"事项{k}")
    for k in range(5, 8):  # led elsewhere, co-operated by the community: theirs too
        make_item(unit="b", status=S.SIGNED, text=f"事项{k}").co_units.add(units["community"])
    led_and_co = make_item(unit="a", text="事项8")
    led_and_co.co_units.add(units["community"])  # both halves would match: listed once
    make_item(unit=None, text="事项9").co_units.add(units["a"])  # no lead unit yet
    make_item(unit="b", text="事项10")  # not theirs
    visible = Item.objects.filter(Item.involving(units["a"].descendant_ids()))
    expected = list(visible.order_by(ordering, "id").values_list("pk", flat=True))
    assert len(expected) == 10

    def paged(client, **params):
        listed, offset = [], 0
        while True:
            body = client.get("/api/items", {"ordering": ordering, "limit": 3, "offset": offset, **params}).json()
            assert body["count"] == 10
            listed += [item["id"] for item in body["items"]]
            offset += 3
            if offset >= body["count"]:
                return listed

    assert paged(clients["liaison_a"]) == expected
    assert paged(clients["officer"], unit=units["a"].pk) == expected  # the unit filter: the same items
    assert paged(clients["liaison_a"], unit=units["a"].pk) == expected

    board = clients["liaison_a"].get("/api/dashboard").json()
    assert board["total"] == 10
    assert {row["key"]: row["count"] for row in board["by_status"]} == {"assigned": 7, "signed": 3}
    assert sum(row["count"] for row in board["by_unit"]) == 10


def test_close_out_conditions_over_the_api(clients, make_item):
    """The item's actions say what the rules ask; 销号 without evidence needs a reason, journaled."""
    item = make_item(status=S.IN_PROGRESS)
    liaison, officer = clients["liaison_a"], clients["officer"]
    submit = next(a for a in liaison.get(f"/api/items/{item.pk}").json()["actions"] if a["name"] == "submit")
    assert submit["needs_report"] is True and submit["unmet"] == ""
    assert liaison.post(f"/api/items/{item.pk}/submit", {}).status_code == 400
    assert liaison.post(f"/api/items/{item.pk}/submit", {"completion": "已完成，未附材料"}).status_code == 200
    close = next(a for a in officer.get(f"/api/items/{item.pk}").json()["actions"] if a["name"] == "close")
    assert close["needs_reason"] is True and close["unmet"] == ""
    refused = officer.post(f"/api/items/{item.pk}/close", {})
    assert refused.status_code == 400 and "佐证材料" in refused.json()["detail"]
    assert officer.post(f"/api/items/{item.pk}/close", {"reason": "现场核实", "rating": "fair"}).status_code == 200
    assert Journal.objects.filter(item=item, new="closed", reason="现场核实").exists()
