"""Close-out rules as workflow conditions: 申请销号 needs a progress report; 销号 without
evidence needs a reason, which is journaled with the status change."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.ledger import services, workflow
from duban.ledger.models import Item, Journal

pytestmark = pytest.mark.django_db
S = Item.Status


@pytest.fixture
def signed(people, units, future):
    item = Item.objects.create(text="完善社区服务功能")
    item = workflow.apply(item, "assign", people["officer"], lead_unit=units["town"], deadline=future)
    return workflow.apply(item, "sign", people["liaison"])


def test_submit_right_after_signing_is_refused_and_changes_nothing(people, signed):
    transition = workflow.TRANSITIONS["submit"]
    assert "进展" in transition.unmet(signed)
    before = Journal.objects.count()
    with pytest.raises(workflow.ConditionNotMet, match="进展"):
        workflow.apply(signed, "submit", people["liaison"])
    signed.refresh_from_db()
    assert signed.status == S.SIGNED and Journal.objects.count() == before


def test_submit_after_a_progress_report(people, signed):
    item = services.report_progress(signed, people["liaison"], text="已完成摸底").item
    assert workflow.TRANSITIONS["submit"].unmet(item) == ""
    assert workflow.apply(item, "submit", people["liaison"]).status == S.SUBMITTED


def test_close_without_evidence_asks_for_a_reason_that_is_journaled(people, signed):
    item = services.report_progress(signed, people["liaison"], text="已完成，未附材料").item
    item = workflow.apply(item, "submit", people["liaison"])
    close = workflow.TRANSITIONS["close"]
    assert "佐证材料" in close.reason_prompt(item)
    with pytest.raises(workflow.ReasonRequired, match="佐证材料"):
        workflow.apply(item, "close", people["officer"], reason=" ")
    item.refresh_from_db()
    assert item.status == S.SUBMITTED
    item = workflow.apply(item, "close", people["officer"], reason="督查室现场核实", rating="good")
    entry = Journal.objects.filter(item=item, field="status").last()
    assert (entry.new, entry.reason) == (S.CLOSED, "督查室现场核实")


def test_close_with_evidence_needs_no_reason(people, signed):
    photo = SimpleUploadedFile("现场.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    item = services.report_progress(signed, people["liaison"], text="已完成", files=[photo]).item
    item = workflow.apply(item, "submit", people["liaison"])
    assert workflow.TRANSITIONS["close"].reason_prompt(item) == ""
    assert workflow.apply(item, "close", people["officer"], rating="good").status == S.CLOSED
