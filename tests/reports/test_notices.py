"""What the papers say (without rendering them): whose items a 督办通知单 lists, who the
联系人 is, and ``duban notice`` writing each paper."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from duban.ledger import closing, workflow
from duban.ledger.models import Item, Unit, User
from duban.reports import notices

pytestmark = pytest.mark.django_db
FUTURE = dt.date(2030, 1, 1)


@pytest.fixture
def town(db):
    return Unit.objects.create(name="天桥街道")


@pytest.fixture
def officer(db):
    return User.objects.create_user("notice-officer", role=User.Role.OFFICER, first_name="张科长", phone="0395-1")


def assign(officer, unit, text, co_units=(), **fields):
    item = Item.objects.create(text=text, **fields)
    return workflow.apply(item, "assign", officer, lead_unit=unit, deadline=FUTURE, co_units=list(co_units))


def all_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_unit_items_are_its_open_items_led_or_co_operated_below_it(officer, town):
    community = Unit.objects.create(name="漓江路社区", parent=town)
    other = Unit.objects.create(name="翟庄街道")
    led = assign(officer, town, "牵头事项")
    below = assign(officer, community, "社区事项")
    helped = assign(officer, other, "配合事项", co_units=[town])
    assign(officer, other, "别的单位的事项")
    Item.objects.create(text="待审核", lead_unit=town)
    closed = assign(officer, town, "已销号")
    Item.objects.filter(pk=closed.pk).update(status=Item.Status.CLOSED)
    assert set(notices.unit_items(town)) == {led, below, helped}
    text = all_text(notices.build_unit_notice(town, notices.unit_items(town), officer=officer))
    assert "配合事项（配合）" in text and "牵头事项（配合）" not in text and "共3项" in text


def test_the_contact_is_the_officer_who_gave_the_item_else_the_setting(officer, town, settings):
    settings.DUBAN_OFFICE_CONTACT = "王科员 0395-9999"
    item = assign(officer, town, "事项")
    assert notices.office_contact(item) == notices.Contact("张科长", "0395-1")
    assert notices.office_contact() == notices.Contact("王科员", "0395-9999")
    liaison = User.objects.create_user("l", role=User.Role.LIAISON, unit=town)
    assert notices.office_contact(officer=liaison) == notices.Contact("王科员", "0395-9999")  # not the office


def test_the_assignment_sheet_says_what_the_unit_must_do(officer, town):
    co = Unit.objects.create(name="区民政局")
    item = assign(officer, town, "完善社区服务功能", co_units=[co], speaker="秦保强", deadline_text="年底前")
    text = all_text(notices.build_assignment(item, today=dt.date(2026, 11, 26)))
    for part in (item.number, "天桥街道：", "牵头办理", "秦保强", "区民政局", "2030年1月1日前（原文：年底前）",
                 "配合单位按职责分工", "张科长\u30000395-1", "抄送：区民政局。"):
        assert part in text, part


def test_duban_notice_writes_each_paper(officer, town, tmp_path):
    item = assign(officer, town, "完善社区服务功能")
    out = tmp_path / "交办单.docx"
    call_command("notice", item=item.number, out=out, stdout=io.StringIO())
    assert item.number in all_text(Document(out))
    call_command("notice", unit="天桥街道", out=tmp_path / "通知单.docx", stdout=io.StringIO())
    assert "督办通知单" in all_text(Document(tmp_path / "通知单.docx"))
    with pytest.raises(CommandError, match="办结报告"):
        call_command("notice", item=str(item.pk), closing_report=True, out=tmp_path / "x.docx")
    liaison = User.objects.create_user("l", role=User.Role.LIAISON, unit=town)
    closing.submit(workflow.apply(item, "sign", liaison), liaison, completion="已完成")
    call_command("notice", item=str(item.pk), closing_report=True, out=tmp_path / "办结.docx", stdout=io.StringIO())
    assert "已完成" in all_text(Document(tmp_path / "办结.docx"))
    with pytest.raises(CommandError, match="没有名为"):
        call_command("notice", unit="不存在的单位", out=tmp_path / "y.docx")


def test_text_with_control_characters_still_makes_a_document(officer, town):
    """Pasted text may carry characters XML cannot hold; the paper leaves them out. (Not NUL:
    PostgreSQL refuses it in text, and the forms and the API refuse it before it gets there.)"""
    item = assign(officer, town, "完善\x0b社区\x1b服务功能")
    text = all_text(notices.build_assignment(item))
    assert "完善社区服务功能" in text
