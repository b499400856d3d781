"""领导批示, 呈批 and 圈阅 on the item page and the ledger: who sees which form, who is refused."""

import pytest

from duban.ledger import instructions, workflow
from duban.ledger.models import Instruction, InstructionRequest, Item, Journal, Reading
from duban.notify.models import Delivery

pytestmark = pytest.mark.django_db
S = Item.Status


@pytest.fixture
def leader(people):
    people["leader"].first_name = "张书记"
    people["leader"].save()
    return people["leader"]


def test_a_leader_instructs_from_the_item_page_and_the_item_shows_it(client_for, leader, assigned,
                                                                      django_capture_on_commit_callbacks):
    client = client_for(leader)
    page = client.get(f"/items/{assigned.pk}/").content.decode()
    assert 'id="instruction-form"' in page and 'id="instruction-text"' in page
    assert 'id="instruction-leader"' not in page  # a leader instructs in their own name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/items/{assigned.pk}/instruct/", {"text": "请抓紧推进，月底前见成效",
                                                                    "priority": "urgent"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/items/{assigned.pk}/#instructions"
    assert 'id="instructions"' in page and "请抓紧推进，月底前见成效" in page and "张书记" in page
    assert 'class="badge priority-urgent"' in page
    assert Delivery.objects.filter(event="instruct", item=assigned).exists()


def test_the_block_lists_the_newest_first(client_for, leader, assigned):
    instructions.instruct(assigned, leader, "第一次批示")
    instructions.instruct(assigned, leader, "第二次批示")
    page = client_for(leader).get(f"/items/{assigned.pk}/").content.decode()
    assert page.index("第二次批示") < page.index("第一次批示") < page.index("办理记录")


def test_the_office_types_in_a_paper_instruction_for_a_leader(client_for, people, leader, assigned):
    client = client_for(people["officer"])
    assert 'id="instruction-leader"' in client.get(f"/items/{assigned.pk}/").content.decode()
    response = client.post(f"/items/{assigned.pk}/instruct/", {"text": "同意", "leader": leader.pk}, follow=True)
    assert "officer代录入" in response.content.decode()
    assert Instruction.objects.get().recorded_by == people["officer"]


def test_the_office_must_choose_the_leader(client_for, people, assigned):
    client = client_for(people["officer"])
    # The office's entry of a paper 批示 is folded away until needed, and open again on an error.
    assert '<details class="card"><summary>录入领导批示' in client.get(f"/items/{assigned.pk}/").content.decode()
    response = client.post(f"/items/{assigned.pk}/instruct/", {"text": "同意"})
    assert response.status_code == 400 and not Instruction.objects.exists()
    assert '<details class="card" open><summary>录入领导批示' in response.content.decode()


def test_a_closed_item_offers_reopening(client_for, leader, people, assigned):
    Item.objects.filter(pk=assigned.pk).update(status=S.CLOSED)
    client = client_for(leader)
    assert 'id="instruction-reopen"' in client.get(f"/items/{assigned.pk}/").content.decode()
    client.post(f"/items/{assigned.pk}/instruct/", {"text": "重新办理", "reopen": "on"})
    assigned.refresh_from_db()
    assert assigned.status == S.IN_PROGRESS
    assert 'id="instruction-reopen"' not in client.get(f"/items/{assigned.pk}/").content.decode()


def test_a_refused_instruction_shows_the_page_again(client_for, leader, assigned):
    Item.objects.filter(pk=assigned.pk).update(status=S.CLOSED)
    instructions.instruct(assigned, leader, "已阅")
    Item.objects.filter(pk=assigned.pk).update(status=S.WITHDRAWN)
    response = client_for(leader).post(f"/items/{assigned.pk}/instruct/", {"text": "再批"})
    assert response.status_code == 409 and "不能批示" in response.content.decode()


def test_liaisons_see_instructions_on_their_items_and_may_not_give_them(client_for, people, leader, assigned):
    instructions.instruct(assigned, leader, "请抓紧推进")
    client = client_for(people["liaison"])
    page = client.get(f"/items/{assigned.pk}/").content.decode()
    assert "请抓紧推进" in page and 'id="instruction-form"' not in page and 'id="read-form"' not in page
    assert 'id="present-form"' not in page
    assert client.post(f"/items/{assigned.pk}/instruct/", {"text": "x", "leader": leader.pk}).status_code == 403
    assert client.post(f"/items/{assigned.pk}/read/").status_code == 403
    assert client.post(f"/items/{assigned.pk}/present/", {"leader": leader.pk}).status_code == 403
    stranger = client_for(people["stranger"])
    for action in ("instruct", "read", "present"):
        assert stranger.post(f"/items/{assigned.pk}/{action}/", {"text": "x", "leader": leader.pk}).status_code == 404
    assert Instruction.objects.count() == 1 and not Reading.objects.exists()


def test_the_office_presents_an_item_to_a_leader(client_for, people, leader, assigned):
    client = client_for(people["officer"])
    page = client.get(f"/items/{assigned.pk}/").content.decode()
    assert 'id="present-form"' in page and 'id="read-form"' not in page
    response = client.post(f"/items/{assigned.pk}/present/", {"leader": leader.pk, "note": "请阅示"}, follow=True)
    page = response.content.decode()
    assert "已呈张书记批示" in page and 'id="open-requests"' in page and "未阅" in page
    again = client.post(f"/items/{assigned.pk}/present/", {"leader": leader.pk})
    assert again.status_code == 409 and InstructionRequest.objects.count() == 1
    assert client_for(leader).post(f"/items/{assigned.pk}/present/", {"leader": leader.pk}).status_code == 403


def test_a_leader_reads_an_item_and_the_page_says_who_and_when(client_for, people, leader, assigned):
    instructions.present(assigned, people["officer"], leader)
    client = client_for(leader)
    assert 'id="read-form"' in client.get(f"/items/{assigned.pk}/").content.decode()
    page = client.post(f"/items/{assigned.pk}/read/", follow=True).content.decode()
    assert "已圈阅。" in page and 'id="readings"' in page and "已圈阅，待批示" in page
    assert "您已圈阅过" in client.post(f"/items/{assigned.pk}/read/", follow=True).content.decode()
    assert client_for(people["officer"]).post(f"/items/{assigned.pk}/read/").status_code == 403
    assert Journal.objects.filter(action="read").count() == 1


def test_a_leader_reads_in_bulk_from_the_ledger(client_for, people, leader, units, assigned):
    second = workflow.apply(Item.objects.create(text="要做好秋粮收储"), "assign", people["officer"],
                            lead_unit=units["other"], deadline=assigned.deadline)
    client = client_for(leader)
    page = client.get("/ledger/").content.decode()
    assert 'id="read-bulk-form"' in page and 'form="read-bulk-form"' in page and 'id="urge-form"' not in page
    response = client.post("/ledger/read/", {"ids": [assigned.pk, second.pk], "back": "light=green"})
    assert response.status_code == 302 and response["Location"] == "/ledger/?light=green"
    assert Reading.objects.filter(user=leader).count() == 2
    assert "请先勾选" in client.post("/ledger/read/", {"ids": []}, follow=True).content.decode()


@pytest.mark.parametrize("who", ["officer", "liaison"])
def test_bulk_reading_is_for_leaders(client_for, people, assigned, who):
    client = client_for(people[who])
    assert 'id="read-bulk-form"' not in client.get("/ledger/").content.decode()
    assert client.post("/ledger/read/", {"ids": [assigned.pk]}).status_code == 403
    assert not Reading.objects.exists()


def test_the_ledger_filters_by_priority_and_lists_show_the_badge(client_for, people, leader, assigned, units):
    Item.objects.create(text="一般事项", status=S.IN_PROGRESS, lead_unit=units["town"], deadline=assigned.deadline)
    instructions.instruct(assigned, leader, "列为重点", priority=Item.Priority.KEY)
    page = client_for(people["officer"]).get("/ledger/?priority=key").content.decode()
    assert "共 1 项" in page and 'class="badge priority-key"' in page and "一般事项" not in page


def test_the_leaders_queue_link_says_what_it_lists(client_for, people, leader, assigned):
    instructions.present(assigned, people["officer"], leader)
    page = client_for(leader).get(f"/ledger/?awaiting_instruction={leader.pk}&instruction_read=0").content.decode()
    assert "待张书记批示，未圈阅" in page and "共 1 项" in page


def test_anonymous_visitors_are_sent_to_login(client, assigned):
    for path in (f"/items/{assigned.pk}/instruct/", f"/items/{assigned.pk}/read/",
                 f"/items/{assigned.pk}/present/", "/ledger/read/"):
        response = client.post(path)
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Journal.objects.filter(action__in=["instruct", "read", "present"]).exists()


def test_english_pages_say_it_in_english(client_for, people, leader, assigned):
    instructions.present(assigned, people["officer"], leader)
    instructions.read(assigned, leader)
    instructions.instruct(assigned, leader, "请抓紧推进", priority=Item.Priority.KEY)
    instructions.present(assigned, people["officer"], leader)
    client = client_for(leader)
    client.cookies["django_language"] = "en"
    page = client.get(f"/items/{assigned.pk}/").content.decode()
    assert "priority set to" in page and "Key" in page and "Mark as read" in page and "not yet read" in page
    dashboard = client.get("/dashboard/").content.decode()
    assert "Awaiting instruction" in dashboard and "Read, awaiting instruction" in dashboard
