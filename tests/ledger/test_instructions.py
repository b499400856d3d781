"""领导批示, 呈批 and 圈阅: who may do what, what each changes, the journal and the notices."""

import pytest
from django.core import mail

from duban.ledger import instructions, workflow
from duban.ledger.filters import LedgerFilters, select
from duban.ledger.models import Instruction, InstructionRequest, Item, Journal, Reading, User
from duban.notify.models import Delivery

pytestmark = pytest.mark.django_db
S = Item.Status


@pytest.fixture
def leader(people):
    leader = people["leader"]
    leader.first_name = "张书记"
    leader.save()
    return leader


@pytest.fixture
def item(units, future):
    return Item.objects.create(text="要加快老旧小区改造", status=S.IN_PROGRESS, lead_unit=units["town"], deadline=future)


def waiting_for(leader, read=None):
    filters = LedgerFilters(awaiting_instruction=leader.pk, instruction_read=read)
    return set(select(filters).queryset().values_list("text", flat=True))


def test_a_leader_instructs_and_the_journal_and_item_show_it(item, leader):
    instruction = instructions.instruct(item, leader, "  请抓紧推进，月底前见成效  ")
    assert (instruction.leader, instruction.recorded_by, instruction.text) == (leader, leader, "请抓紧推进，月底前见成效")
    assert not instruction.on_behalf
    entry = Journal.objects.get(action="instruct")
    assert (entry.user, entry.field, entry.new) == (leader, "instruction", "张书记：请抓紧推进，月底前见成效")
    assert list(item.instructions.all()) == [instruction]


def test_the_office_records_a_paper_instruction_on_a_leaders_behalf(item, leader, people):
    instruction = instructions.instruct(item, people["officer"], "同意", leader=leader)
    assert (instruction.leader, instruction.recorded_by) == (leader, people["officer"]) and instruction.on_behalf
    assert Journal.objects.get(action="instruct").user == people["officer"]


def test_the_office_must_name_a_leader(item, people):
    with pytest.raises(workflow.WorkflowError, match="请选择一位领导"):
        instructions.instruct(item, people["officer"], "同意")
    with pytest.raises(workflow.WorkflowError, match="请选择一位领导"):
        instructions.instruct(item, people["officer"], "同意", leader=people["liaison"])
    assert not Instruction.objects.exists()


def test_a_leader_instructs_only_in_their_own_name(item, leader):
    other = User.objects.create_user("li", role=User.Role.LEADER)
    with pytest.raises(workflow.NotAllowed):
        instructions.instruct(item, leader, "同意", leader=other)


@pytest.mark.parametrize("who", ["liaison", "stranger", "nounit"])
def test_liaisons_may_not_instruct(item, leader, people, who):
    with pytest.raises(workflow.NotAllowed):
        instructions.instruct(item, people[who], "同意", leader=leader)
    assert not Instruction.objects.exists() and not Journal.objects.exists()


def test_an_empty_instruction_is_refused(item, leader):
    with pytest.raises(workflow.ReasonRequired):
        instructions.instruct(item, leader, "   ")


@pytest.mark.parametrize("status", [S.PROPOSED, S.REJECTED, S.MERGED, S.WITHDRAWN])
def test_items_outside_the_ledger_take_no_instruction_or_request(units, leader, people, status):
    item = Item.objects.create(text="建议", status=status)
    with pytest.raises(workflow.InvalidTransition):
        instructions.instruct(item, leader, "同意")
    with pytest.raises(workflow.InvalidTransition):
        instructions.present(item, people["officer"], leader)


def test_an_instruction_reopens_a_closed_item_with_itself_as_the_reason(item, leader):
    item.status = S.CLOSED
    item.save()
    instructions.instruct(item, leader, "群众仍有反映，重新办理", reopen=True)
    item.refresh_from_db()
    assert item.status == S.IN_PROGRESS and item.instructions.get().reopened
    line = Journal.objects.get(field="status")
    assert (line.action, line.old, line.new, line.reason) == ("reopen", S.CLOSED, S.IN_PROGRESS, "群众仍有反映，重新办理")


def test_only_a_closed_item_can_be_reopened(item, leader):
    with pytest.raises(workflow.InvalidTransition, match="已销号"):
        instructions.instruct(item, leader, "重新办理", reopen=True)
    assert not Instruction.objects.exists()


def test_an_instruction_sets_the_priority(item, leader):
    version = item.version
    instructions.instruct(item, leader, "列为紧急事项", priority=Item.Priority.URGENT)
    item.refresh_from_db()
    assert item.priority == Item.Priority.URGENT and item.version == version + 1
    line = Journal.objects.get(field="priority")
    assert (line.old, line.new) == ("normal", "urgent")
    assert select(LedgerFilters(priority="urgent")).queryset().get() == item
    # The same priority again is no change: no second line, nothing recorded on the 批示.
    again = instructions.instruct(item, leader, "继续紧盯", priority=Item.Priority.URGENT)
    assert again.priority == "" and Journal.objects.filter(field="priority").count() == 1


def test_an_unknown_priority_is_refused(item, leader):
    with pytest.raises(workflow.WorkflowError):
        instructions.instruct(item, leader, "同意", priority="highest")


def test_the_office_edits_the_priority_without_a_instruction(item, people):
    """修改事项 sets the priority too (journaled as an edit); an unknown one is refused, as
    by 批示, and a liaison may not edit at all."""
    workflow.edit(item, people["officer"], reason="会议研究列为重点", priority=Item.Priority.KEY)
    item.refresh_from_db()
    assert item.priority == Item.Priority.KEY and not Instruction.objects.exists()
    line = Journal.objects.get(field="priority")
    assert (line.action, line.old, line.new, line.reason) == ("edit", "normal", "key", "会议研究列为重点")
    with pytest.raises(workflow.WorkflowError, match="未知的优先级"):
        workflow.edit(item, people["officer"], priority="highest")
    with pytest.raises(workflow.NotAllowed):
        workflow.edit(item, people["liaison"], priority=Item.Priority.URGENT)
    item.refresh_from_db()
    assert item.priority == Item.Priority.KEY and Journal.objects.filter(field="priority").count() == 1


def test_an_instruction_notifies_the_lead_units_liaisons(item, leader, people, django_capture_on_commit_callbacks):
    people["liaison"].email = "liaison@example.cn"
    people["liaison"].save()
    with django_capture_on_commit_callbacks(execute=True):
        instructions.instruct(item, leader, "请抓紧推进")
    delivery = Delivery.objects.get(event="instruct")
    assert delivery.user == people["liaison"] and delivery.status == Delivery.Status.SENT
    assert "张书记批示：请抓紧推进" in delivery.text and "领导批示" in mail.outbox[0].subject


def test_the_notice_waits_for_the_commit(item, leader, people, django_capture_on_commit_callbacks):
    people["liaison"].email = "liaison@example.cn"
    people["liaison"].save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        instructions.instruct(item, leader, "请抓紧推进")
    assert callbacks and not mail.outbox


def test_presenting_puts_the_item_in_the_leaders_queue_until_they_instruct(item, leader, people):
    other = User.objects.create_user("li", role=User.Role.LEADER)
    request = instructions.present(item, people["officer"], leader, "请领导阅示")
    instructions.present(item, people["officer"], other)
    assert waiting_for(leader) == {item.text} and waiting_for(other) == {item.text}
    line = Journal.objects.filter(action="present").first()
    assert (line.field, line.new, line.reason) == ("leader", "张书记", "请领导阅示")
    instruction = instructions.instruct(item, leader, "同意")
    request.refresh_from_db()
    assert request.answer == instruction
    assert waiting_for(leader) == set() and waiting_for(other) == {item.text}


def test_an_instruction_typed_in_by_the_office_answers_that_leaders_request(item, leader, people):
    instructions.present(item, people["officer"], leader)
    instructions.instruct(item, people["officer"], "同意", leader=leader)
    assert waiting_for(leader) == set()


def test_one_open_request_per_leader_and_item(item, leader, people):
    instructions.present(item, people["officer"], leader)
    with pytest.raises(workflow.InvalidTransition, match="尚未批示"):
        instructions.present(item, people["officer"], leader)
    instructions.instruct(item, leader, "同意")
    instructions.present(item, people["officer"], leader)  # asked again after the answer
    assert InstructionRequest.objects.count() == 2


def test_presenting_is_for_the_office_and_to_a_leader(item, leader, people):
    with pytest.raises(workflow.NotAllowed):
        instructions.present(item, leader, leader)
    with pytest.raises(workflow.NotAllowed):
        instructions.present(item, people["liaison"], leader)
    with pytest.raises(workflow.WorkflowError, match="领导"):
        instructions.present(item, people["officer"], people["officer"])


def test_presenting_tells_the_leader(item, leader, people, django_capture_on_commit_callbacks):
    leader.email = "zhang@example.cn"
    leader.save()
    with django_capture_on_commit_callbacks(execute=True):
        instructions.present(item, people["officer"], leader, "请阅示")
    assert Delivery.objects.get(event="present").user == leader


def test_reading_marks_the_leaders_requests_read_and_is_journaled_once(item, leader, people, frozen_clock):
    instructions.present(item, people["officer"], leader)
    assert waiting_for(leader, read=False) == {item.text} and waiting_for(leader, read=True) == set()
    assert instructions.read(item, leader) is True
    assert waiting_for(leader, read=False) == set() and waiting_for(leader, read=True) == {item.text}
    assert waiting_for(leader) == {item.text}  # read is not answered: still 待批示
    assert instructions.read(item, leader) is False  # a second click changes nothing
    assert Journal.objects.filter(action="read").count() == 1
    reading = Reading.objects.get()
    assert (reading.item, reading.user) == (item, leader)


def test_a_new_request_after_a_reading_is_unread_until_read_again(item, leader, people):
    instructions.read(item, leader)
    instructions.present(item, people["officer"], leader)
    assert waiting_for(leader, read=False) == {item.text}
    assert instructions.read(item, leader) is True
    assert waiting_for(leader, read=True) == {item.text}
    assert Reading.objects.count() == 1 and Journal.objects.filter(action="read").count() == 2


@pytest.mark.parametrize("who", ["officer", "admin", "liaison"])
def test_only_leaders_read(item, people, who):
    with pytest.raises(workflow.NotAllowed):
        instructions.read(item, people[who])
    assert not Reading.objects.exists()


def test_reading_many_counts_those_not_read_before(units, leader, future):
    items = [Item.objects.create(text=f"事项{n}", status=S.ASSIGNED, lead_unit=units["town"], deadline=future)
             for n in range(3)]
    instructions.read(items[0], leader)
    assert instructions.read_many(items, leader) == 2
    assert Reading.objects.count() == 3


def test_the_admin_shows_but_never_changes_them(item, leader, people, client):
    instruction = instructions.instruct(item, leader, "同意")
    people["admin"].is_staff = True
    people["admin"].save()
    client.force_login(people["admin"])
    assert client.get("/admin/ledger/instruction/").status_code == 200
    response = client.post(f"/admin/ledger/instruction/{instruction.pk}/change/", {"text": "改掉"})
    assert response.status_code == 403
    assert client.post(f"/admin/ledger/instruction/{instruction.pk}/delete/", {"post": "yes"}).status_code == 403
    instruction.refresh_from_db()
    assert instruction.text == "同意"
