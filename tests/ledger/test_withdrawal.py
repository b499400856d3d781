"""A junk import or a wrong proposal is withdrawn: journaled, never deleted, restorable."""

import datetime as dt

import pytest

from duban import clock
from duban.ledger import manual, services, withdrawal, workflow
from duban.ledger.models import Item, Journal, Source


@pytest.fixture
def junk(people):
    source, _ = services.import_report("今天天气很好。", origin=Source.Origin.TEXT, user=people["officer"])
    return source


def test_a_junk_import_has_a_name_and_can_be_withdrawn_and_restored(people, junk):
    assert str(junk) == "今天天气很好。"  # not a blank title
    proposal = Item.objects.create(source=junk, text="误识别的一项")
    withdrawal.withdraw_source(junk, people["officer"], reason="无关内容")
    junk.refresh_from_db()
    proposal.refresh_from_db()
    assert junk.withdrawn_at is not None and proposal.status == Item.Status.WITHDRAWN
    assert Source.objects.filter(pk=junk.pk).exists() and Item.objects.filter(pk=proposal.pk).exists()
    line = Journal.objects.get(target=f"ledger.source:{junk.pk}", action="withdraw")
    assert line.reason == "无关内容" and line.username == "officer"
    with pytest.raises(workflow.InvalidTransition, match="已撤回"):
        manual.mark_directive(junk, people["officer"], para=0, start=0, end=2)
    withdrawal.restore_source(junk, people["officer"])
    junk.refresh_from_db()
    proposal.refresh_from_db()
    assert junk.withdrawn_at is None and proposal.status == Item.Status.PROPOSED
    assert Journal.objects.filter(target=f"ledger.source:{junk.pk}", action="restore").exists()


def test_withdrawing_needs_a_reason_the_office_and_no_assigned_items(people, units, junk):
    with pytest.raises(workflow.ReasonRequired):
        withdrawal.withdraw_source(junk, people["officer"], reason=" ")
    with pytest.raises(workflow.NotAllowed):
        withdrawal.withdraw_source(junk, people["liaison"], reason="x")
    item = Item.objects.create(source=junk, text="已交办的一项")
    workflow.apply(item, "assign", people["officer"], lead_unit=units["town"],
                   deadline=clock.today() + dt.timedelta(days=9))
    with pytest.raises(workflow.InvalidTransition, match="已有 1 项交办"):
        withdrawal.withdraw_source(junk, people["officer"], reason="x")


def test_a_withdrawn_proposal_leaves_the_ledger_and_comes_back_to_review(people):
    item = Item.objects.create(text="录错的一项")
    with pytest.raises(workflow.ReasonRequired):
        workflow.apply(item, "withdraw", people["officer"])
    workflow.apply(item, "withdraw", people["officer"], reason="录入有误")
    assert not Item.objects.in_ledger().filter(pk=item.pk).exists()
    assert Item.objects.get(pk=item.pk).light() == Item.Light.DONE
    workflow.apply(item, "restore", people["officer"])
    assert Item.objects.get(pk=item.pk).status == Item.Status.PROPOSED


def test_refusals_read_in_english_too(people, junk):
    from django.utils import translation

    with translation.override("en"), pytest.raises(workflow.ReasonRequired, match="needs a reason"):
        withdrawal.withdraw_source(junk, people["officer"], reason="")
    with translation.override("en"), pytest.raises(workflow.NotAllowed, match="withdraw reports"):
        withdrawal.withdraw_source(junk, people["liaison"], reason="x")
