"""批示, 呈批 and 圈阅 through the API (the matrix in test_permissions covers every role; here
what the answers say and what the item detail then shows)."""

import pytest

from duban.ledger.models import Item, Journal, User

pytestmark = pytest.mark.django_db
S = Item.Status


@pytest.fixture
def leader(people):
    people["leader"].first_name = "张书记"
    people["leader"].save()
    return people["leader"]


def test_a_leader_instructs_and_the_item_detail_shows_it(clients, make_item, leader):
    item = make_item(status=S.IN_PROGRESS)
    response = clients["leader"].post(f"/api/items/{item.pk}/instructions",
                                      {"text": "请抓紧推进", "priority": "key"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["leader"] == {"id": leader.pk, "username": "leader", "name": "张书记"}
    assert (body["text"], body["on_behalf"], body["priority"], body["reopened"]) == ("请抓紧推进", False, "key", False)
    detail = clients["liaison_a"].get(f"/api/items/{item.pk}").json()  # the lead unit sees it
    assert [i["text"] for i in detail["instructions"]] == ["请抓紧推进"] and detail["priority"] == "key"
    assert clients["liaison_b"].get(f"/api/items/{item.pk}").status_code == 404


def test_the_office_records_one_for_a_leader_and_reopens_the_item(clients, make_item, leader):
    item = make_item(status=S.CLOSED)
    response = clients["officer"].post(f"/api/items/{item.pk}/instructions",
                                       {"text": "群众仍有反映", "leader_id": leader.pk, "reopen": True})
    assert response.status_code == 201, response.content
    assert response.json()["on_behalf"] is True and response.json()["recorded_by"] == "officer"
    detail = clients["officer"].get(f"/api/items/{item.pk}").json()
    assert detail["status"] == "in_progress"
    assert detail["journal"][-1]["action"] == "reopen" and detail["journal"][-1]["reason"] == "群众仍有反映"


def test_refusals_are_json(clients, make_item, leader):
    item = make_item(status=S.IN_PROGRESS)
    no_leader = clients["officer"].post(f"/api/items/{item.pk}/instructions", {"text": "同意"})
    assert no_leader.status_code == 400 and "领导" in no_leader.json()["detail"]
    not_closed = clients["leader"].post(f"/api/items/{item.pk}/instructions", {"text": "重办", "reopen": True})
    assert not_closed.status_code == 409
    blank = clients["leader"].post(f"/api/items/{item.pk}/instructions", {"text": "  "})
    assert blank.status_code == 422
    vague = clients["leader"].post(f"/api/items/{item.pk}/instructions", {"text": "同意", "reopen": 0})
    assert vague.status_code == 422
    someone_else = User.objects.create_user("li", role=User.Role.LEADER)
    in_their_name = clients["leader"].post(f"/api/items/{item.pk}/instructions",
                                           {"text": "同意", "leader_id": someone_else.pk})
    assert in_their_name.status_code == 403
    assert not Journal.objects.exists()


def test_submitting_to_a_leader_then_reading_then_instructing(clients, make_item, leader):
    item = make_item(status=S.IN_PROGRESS)
    submitted = clients["officer"].post(f"/api/items/{item.pk}/submit-to-leader",
                                        {"leader_id": leader.pk, "note": "请阅示"})
    assert submitted.status_code == 201, submitted.content
    assert submitted.json()["read_at"] is None and submitted.json()["answered"] is False

    def waiting(read=None):
        query = {"awaiting_instruction": leader.pk} | ({} if read is None else {"instruction_read": read})
        return [row["id"] for row in clients["leader"].get("/api/items", query).json()["items"]]

    assert waiting() == [item.pk] and waiting(read=False) == [item.pk] and waiting(read=True) == []
    read = clients["leader"].post(f"/api/items/{item.pk}/read")
    assert read.status_code == 200
    assert read.json()["readings"][0]["leader"]["name"] == "张书记"
    assert read.json()["instruction_requests"][0]["read_at"] is not None
    assert waiting(read=True) == [item.pk]
    clients["leader"].post(f"/api/items/{item.pk}/instructions", {"text": "同意"})
    assert waiting() == []
    again = clients["officer"].post(f"/api/items/{item.pk}/submit-to-leader", {"leader_id": leader.pk})
    assert again.status_code == 201  # answered: the office may ask again


def test_submitting_to_someone_who_is_no_leader_is_refused(clients, make_item, people):
    item = make_item(status=S.IN_PROGRESS)
    response = clients["officer"].post(f"/api/items/{item.pk}/submit-to-leader",
                                       {"leader_id": people["liaison_a"].pk})
    assert response.status_code == 400
    assert clients["officer"].post(f"/api/items/{item.pk}/submit-to-leader", {"leader_id": 999999}).status_code == 400


def test_the_priority_filter_and_field(clients, make_item, leader):
    urgent = make_item(status=S.IN_PROGRESS, priority=Item.Priority.URGENT)
    make_item(status=S.IN_PROGRESS)
    rows = clients["officer"].get("/api/items", {"priority": "urgent"}).json()["items"]
    assert [(row["id"], row["priority"]) for row in rows] == [(urgent.pk, "urgent")]


@pytest.mark.parametrize("role, can", [("leader", (True, False, True)), ("officer", (True, True, False)),
                                       ("liaison_a", (False, False, False))])
def test_the_item_says_what_the_caller_may_do(clients, make_item, leader, role, can):
    body = clients[role].get(f"/api/items/{make_item(status=S.IN_PROGRESS).pk}").json()
    assert (body["can_instruct"], body["can_submit_to_leader"], body["can_read"]) == can
    proposal = clients[role].get(f"/api/items/{make_item(status=S.PROPOSED).pk}").json()
    assert not proposal["can_instruct"] and not proposal["can_submit_to_leader"]


def test_the_leaders_list(clients, leader, people):
    User.objects.create_user("gone", role=User.Role.LEADER, is_active=False)
    assert clients["officer"].get("/api/leaders").json() == [{"id": leader.pk, "username": "leader", "name": "张书记"}]
