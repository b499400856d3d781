"""Close-out rules: 申请销号 comes with a 办结报告 (``closing.submit``), journaled, printed and
kept; 销号 without evidence needs a reason, which is journaled with the status change."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.ledger import closing, services, workflow
from duban.ledger.models import ClosingReport, Item, Journal

pytestmark = pytest.mark.django_db
S = Item.Status


@pytest.fixture
def signed(people, units, future):
    item = Item.objects.create(text="完善社区服务功能")
    item = workflow.apply(item, "assign", people["officer"], lead_unit=units["town"], deadline=future)
    return workflow.apply(item, "sign", people["liaison"])


def test_submit_without_a_closing_report_is_refused_and_changes_nothing(people, signed):
    assert workflow.TRANSITIONS["submit"].needs_report
    before = Journal.objects.count()
    with pytest.raises(workflow.ReportRequired, match="办结报告"):
        workflow.apply(signed, "submit", people["liaison"])
    with pytest.raises(workflow.WorkflowError, match="完成情况"):
        closing.submit(signed, people["liaison"], completion="  ")
    signed.refresh_from_db()
    assert signed.status == S.SIGNED and Journal.objects.count() == before and not ClosingReport.objects.exists()


def test_submit_with_a_closing_report_is_stored_and_journaled(people, signed):
    """The report replaces the older rule of one progress report: it is enough on its own."""
    item = closing.submit(signed, people["liaison"], completion="已完成社区服务中心建设", measures="一是专班推进",
                          problems="经费需持续保障")
    assert item.status == S.SUBMITTED
    report = closing.latest(item)
    assert (report.completion, report.measures, report.problems) == ("已完成社区服务中心建设", "一是专班推进", "经费需持续保障")
    assert report.author == people["liaison"] and report.unit == people["liaison"].unit
    lines = list(Journal.objects.filter(item=item, action="submit").values_list("field", "new"))
    assert lines == [("closing_report", "已完成社区服务中心建设"), ("status", S.SUBMITTED)]


def test_a_report_filed_before_the_item_changed_does_not_count(people, signed):
    """A report describes the item as it stands: a progress report after it asks for a new one."""
    item = closing.submit(signed, people["liaison"], completion="已完成")
    item = workflow.apply(item, "return", people["officer"], reason="佐证不足")
    item = services.report_progress(item, people["liaison"], text="补充了现场照片").item
    with pytest.raises(workflow.ReportRequired):
        workflow.apply(item, "submit", people["liaison"])
    item = closing.submit(item, people["liaison"], completion="已完成，补充照片")
    assert item.status == S.SUBMITTED and closing.latest(item).completion == "已完成，补充照片"
    assert item.closing_reports.count() == 2  # the first is kept


def test_only_the_lead_unit_files_it(people, signed):
    with pytest.raises(workflow.NotAllowed):
        closing.submit(signed, people["officer"], completion="督查室代报")
    assert not ClosingReport.objects.exists()


def test_its_evidence_is_what_was_uploaded_before_it(people, signed, frozen_clock):
    import datetime as dt

    frozen_clock(dt.datetime(2026, 11, 20, 9, 0))
    photo = SimpleUploadedFile("现场.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    item = services.report_progress(signed, people["liaison"], text="已完成", files=[photo]).item
    frozen_clock(dt.datetime(2026, 11, 21, 9, 0))
    item = closing.submit(item, people["liaison"], completion="已完成")
    frozen_clock(dt.datetime(2026, 11, 22, 9, 0))
    item = workflow.apply(item, "return", people["officer"], reason="再补一张")
    late = SimpleUploadedFile("补充.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    services.report_progress(item, people["liaison"], text="补充", files=[late])
    assert [e.original_name for e in closing.latest(item).evidence()] == ["现场.png"]


def test_close_without_evidence_asks_for_a_reason_that_is_journaled(people, signed):
    item = services.report_progress(signed, people["liaison"], text="已完成，未附材料").item
    item = closing.submit(item, people["liaison"], completion="已完成")
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
    item = closing.submit(item, people["liaison"], completion="已完成")
    assert workflow.TRANSITIONS["close"].reason_prompt(item) == ""
    assert workflow.apply(item, "close", people["officer"], rating="good").status == S.CLOSED
