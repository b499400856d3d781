"""Every transition, for every role: allowed ones move the item and journal it, refused ones change nothing."""

import datetime as dt

import pytest

from duban.ledger import workflow
from duban.ledger.models import ClosingReport, Item, Journal, Progress

pytestmark = pytest.mark.django_db

ROLES = ["officer", "admin", "leader", "liaison", "community", "co", "stranger", "nounit"]
# Who may take each kind of transition on an item led by 天桥街道 with 民政局 co-operating.
ALLOWED = {
    workflow.OFFICE: {"officer", "admin"},
    workflow.LEAD: {"liaison"},  # the lead unit's liaison; not a unit below it, not a co-operating one
}


# From 签收 on, an item has been reported on, and carries the 办结报告 申请销号 asks for.
REPORTED = (Item.Status.SIGNED, Item.Status.IN_PROGRESS, Item.Status.SUBMITTED, Item.Status.CLOSED)


def make_item(status, units, future):
    item = Item.objects.create(text="完善社区服务功能", status=status, lead_unit=units["town"], deadline=future)
    item.co_units.add(units["civil"])
    if status in REPORTED:
        Progress.objects.create(item=item, text="已完成摸底")
        ClosingReport.objects.create(item=item, completion="已完成", item_version=item.version)
    return item


CASES = [(name, source, role) for name, t in workflow.TRANSITIONS.items() for source in t.sources for role in ROLES]


@pytest.mark.parametrize(("action", "source", "role"), CASES)
def test_transition_by_role(people, units, future, action, source, role):
    transition = workflow.TRANSITIONS[action]
    item = make_item(source, units, future)
    user = people[role]
    if role in ALLOWED[transition.actor]:
        rating = {"rating": "good"} if transition.rates else {}  # 销号 rates the result
        result = workflow.apply(item, action, user, reason="理由", version=item.version, **rating)
        assert result.status == transition.target and result.version == 2
        entry = Journal.objects.get(item=item, field="status")
        assert (entry.old, entry.new, entry.user, entry.action, entry.reason) == (
            source, transition.target, user, action, "理由")
        assert [t.name for t in workflow.allowed_actions(user, result)] == [
            t.name for t in workflow.TRANSITIONS.values()
            if result.status in t.sources and role in ALLOWED[t.actor]]
    else:
        assert transition not in workflow.allowed_actions(user, item)
        with pytest.raises(workflow.NotAllowed):
            workflow.apply(item, action, user, reason="理由")
        item.refresh_from_db()
        assert item.status == source and item.version == 1 and not Journal.objects.exists()


@pytest.mark.parametrize("action", list(workflow.TRANSITIONS))
def test_transition_from_a_wrong_status_is_refused(people, units, future, action):
    transition = workflow.TRANSITIONS[action]
    wrong = next(s for s in Item.Status.values if s not in transition.sources)
    item = make_item(wrong, units, future)
    user = people["officer"] if transition.actor == workflow.OFFICE else people["liaison"]
    with pytest.raises(workflow.InvalidTransition):
        workflow.apply(item, action, user, reason="理由")
    item.refresh_from_db()
    assert item.status == wrong and not Journal.objects.exists()


@pytest.mark.parametrize("action", [n for n, t in workflow.TRANSITIONS.items() if t.needs_reason])
def test_reason_required(people, units, future, action):
    transition = workflow.TRANSITIONS[action]
    item = make_item(transition.sources[0], units, future)
    with pytest.raises(workflow.ReasonRequired):
        workflow.apply(item, action, people["officer"], reason="  ")
    item.refresh_from_db()
    assert item.status == transition.sources[0] and not Journal.objects.exists()


def test_assign_needs_unit_and_deadline_and_journals_fields(people, units, future):
    item = Item.objects.create(text="x")
    with pytest.raises(workflow.WorkflowError):
        workflow.apply(item, "assign", people["officer"], lead_unit=units["town"])
    item.refresh_from_db()
    assert item.status == Item.Status.PROPOSED and item.lead_unit is None and not Journal.objects.exists()
    workflow.apply(item, "assign", people["officer"], lead_unit=units["town"], deadline=future,
                   co_units=[units["civil"]], leader_in_charge="张副区长")
    item.refresh_from_db()
    assert item.assigned_at and list(item.co_units.all()) == [units["civil"]]
    fields = set(Journal.objects.filter(item=item).values_list("field", flat=True))
    assert fields == {"lead_unit", "deadline", "co_units", "leader_in_charge", "status", "number"}


def test_close_sets_closed_at_and_reopen_needs_reason(people, units, future):
    item = make_item(Item.Status.SUBMITTED, units, future)
    item = workflow.apply(item, "close", people["officer"], reason="现场核实", rating="good")
    assert item.closed_at is not None and item.light() == Item.Light.DONE
    item = workflow.apply(item, "reopen", people["officer"], reason="群众反映问题反弹")
    assert item.status == Item.Status.IN_PROGRESS


def test_unknown_action(people, units, future):
    with pytest.raises(workflow.InvalidTransition):
        workflow.apply(make_item(Item.Status.ASSIGNED, units, future), "approve", people["officer"])


def test_inactive_office_user_is_refused(people, units, future):
    people["officer"].is_active = False
    item = make_item(Item.Status.SUBMITTED, units, future)
    with pytest.raises(workflow.NotAllowed):
        workflow.apply(item, "close", people["officer"])


@pytest.mark.parametrize("role", ["leader", "liaison", "co"])
def test_edit_is_office_only(people, units, future, role):
    item = make_item(Item.Status.ASSIGNED, units, future)
    with pytest.raises(workflow.NotAllowed):
        workflow.edit(item, people[role], text="改")
    item.refresh_from_db()
    assert item.text == "完善社区服务功能" and not Journal.objects.exists()


def test_edit_journals_each_field_and_refuses_finished_and_unknown(people, units, future):
    item = make_item(Item.Status.ASSIGNED, units, future)
    workflow.edit(item, people["officer"], text="新内容", leader_in_charge="李区长", reason="措辞")
    assert list(Journal.objects.filter(item=item).values_list("field", "old", "new")) == [
        ("text", "完善社区服务功能", "新内容"), ("leader_in_charge", "", "李区长")]
    with pytest.raises(workflow.WorkflowError):
        workflow.edit(item, people["officer"], status="closed")
    closed = make_item(Item.Status.CLOSED, units, future)
    with pytest.raises(workflow.InvalidTransition):
        workflow.edit(closed, people["officer"], text="x")


def test_lights_and_escalation(settings):
    import datetime as dt

    today = dt.date(2026, 6, 1)
    settings.DUBAN_YELLOW_DAYS, settings.DUBAN_ESCALATE_DAYS = 3, 7
    item = Item(text="x", status=Item.Status.IN_PROGRESS)
    cases = [(None, "none", 0), (today + dt.timedelta(days=4), "green", 0), (today + dt.timedelta(days=3), "yellow", 0),
             (today, "yellow", 0), (today - dt.timedelta(days=1), "red", 1), (today - dt.timedelta(days=7), "red", 1),
             (today - dt.timedelta(days=8), "red", 2), (today - dt.timedelta(days=15), "red", 3)]
    for deadline, light, level in cases:
        item.deadline = deadline
        assert (item.light(today), item.escalation(today)) == (light, level), deadline
    item.save()
    assert Item.objects.with_light(today).get().light_sql == "red"


def test_only_office_steps_carry_field_changes(people, units, future):
    item = make_item(Item.Status.ASSIGNED, units, future)
    with pytest.raises(workflow.WorkflowError):  # a liaison cannot move their own deadline by signing
        workflow.apply(item, "sign", people["liaison"], deadline=future + dt.timedelta(days=365))
    proposal = make_item(Item.Status.PROPOSED, units, future)
    with pytest.raises(workflow.WorkflowError):  # only editable fields, never status or timestamps
        workflow.apply(proposal, "assign", people["officer"], closed_at=future)
    item.refresh_from_db()
    proposal.refresh_from_db()
    assert item.status == Item.Status.ASSIGNED and item.deadline == future
    assert proposal.status == Item.Status.PROPOSED and proposal.closed_at is None and not Journal.objects.exists()


def test_edit_co_units_is_journaled_and_versioned(people, units, future):
    item = make_item(Item.Status.ASSIGNED, units, future)
    item = workflow.edit(item, people["officer"], co_units=[units["other"]], reason="调整配合单位")
    assert list(item.co_units.all()) == [units["other"]] and item.version == 2
    entry = Journal.objects.get(field="co_units")
    assert (entry.old, entry.new, entry.reason) == ("民政局", "翟庄街道", "调整配合单位")
    workflow.edit(item, people["officer"], co_units=[units["other"]])  # no change, no line
    assert Journal.objects.filter(field="co_units").count() == 1


@pytest.mark.django_db
def test_light_counts_and_filters_agree_with_each_items_light(settings, units):
    """The dashboard's grouped counts and the ledger's light filter follow ``Item.light``."""
    import datetime as dt
    from collections import Counter

    today = dt.date(2026, 6, 1)
    settings.DUBAN_YELLOW_DAYS = 3
    deadlines = [None, today - dt.timedelta(days=9), today - dt.timedelta(days=1), today,
                 today + dt.timedelta(days=3), today + dt.timedelta(days=4), today + dt.timedelta(days=40)]
    for status in Item.Status.values:
        for n, deadline in enumerate(deadlines):
            unit = units["town"] if n % 2 else units["civil"]
            Item.objects.create(text=f"{status}{n}", status=status, deadline=deadline, lead_unit=unit)
    expected = Counter((i.status, i.lead_unit_id, i.light(today)) for i in Item.objects.all())
    counted = Counter()
    for row, counts in Item.objects.light_counts("lead_unit", today=today):
        for light, n in counts.items():
            counted[(row["status"], row["lead_unit"], light)] += n
    assert counted == expected
    for light in Item.Light.values:
        chosen = set(Item.objects.filter(Item.light_is(light, today)).values_list("pk", flat=True))
        assert chosen == {i.pk for i in Item.objects.all() if i.light(today) == light}, light
