"""The papers that go with one item or one unit, laid out by ``docx_layout`` (GB/T 9704-2012,
the same layout as the 督查通报):

- 交办单 (``build_assignment``): what is given to the lead unit, by when; 文号 = the item's
  督办编号; 主送 the lead unit, 抄送 the co-operating units;
- 督办通知单 (``build_unit_notice``): a unit's items not yet closed (all of them, those of one
  report, or those given in a date range), most urgent first;
- 办结报告 (``build_closing_report``): what the lead unit filed with its 申请销号.

Each has the office (``DUBAN_OFFICE_NAME``) as its red 发文机关标志, its 联系人 (the officer
who gave the item, else ``DUBAN_OFFICE_CONTACT``) and a 版记 with the 印发 line.

    with open("交办单.docx", "wb") as f:
        build_assignment(item).save(f)
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from duban import clock
from duban.ledger.filters import LedgerFilters, select
from duban.ledger.models import ClosingReport, Item, Journal, Source, Unit, User
from duban.reports.docx_layout import (
    SIZE_SMALL_4,
    addressee,
    cn_date,
    colophon,
    contact,
    form_table,
    heading1,
    masthead,
    new_document,
    paragraph,
    short_date,
    signature,
    table,
    title,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTICE_LIMIT = 200  # items listed on one 督办通知单; the count above the table is always whole


@dataclass(frozen=True)
class Contact:
    person: str
    phone: str


def office_contact(item: Item | None = None, officer: User | None = None) -> Contact:
    """Who the unit calls: the officer who gave the item (the journal's 交办 line), else
    ``officer`` (the one printing), else ``DUBAN_OFFICE_CONTACT`` ("name phone", either part
    may be left out); a phone missing from the user's record comes from the setting."""
    entry = None
    if item is not None:
        entry = (Journal.objects.filter(item=item, action="assign", field="status").select_related("user")
                 .order_by("-at", "-id").first())
    user = entry.user if entry is not None and entry.user is not None else officer
    if user is not None and not user.is_office:
        user = None
    configured = settings.DUBAN_OFFICE_CONTACT.split(maxsplit=1)
    fallback = Contact(*(configured + ["", ""])[:2])
    if user is None:
        return fallback
    return Contact(user.get_full_name() or user.username, user.phone or fallback.phone)


def _source_line(item: Item) -> str:
    """来源: the report's title and date (its event date, else when it was imported)."""
    source = item.source
    if source is None:
        return "督查室立项"
    when = source.event_date or timezone.localdate(source.imported_at)
    kind = "" if source.kind == source.Kind.REPORT else f"（{source.get_kind_display()}）"
    number = f"，{source.doc_number}" if source.doc_number else ""
    return f"{source.title or source.opening()}{kind}{number}，{cn_date(when)}"


def _deadline_line(item: Item) -> str:
    said = f"（原文：{item.deadline_text}）" if item.deadline_text else ""
    return f"{cn_date(item.deadline)}前{said}" if item.deadline else f"未定{said}"


def requirements(item: Item) -> str:
    """办理要求: what the office asks of the lead unit, the same on every 交办单."""
    lines = ["1. 收到后1个工作日内签收，明确责任领导和经办人。",
             f"2. {cn_date(item.deadline)}前办结；确需延期的，在时限届满前申请延期。"
             if item.deadline else "2. 尽快办结，时限由督查室另行确定。",
             "3. 及时报送进展和佐证材料；办结后填报办结报告，申请销号。"]
    if item.co_units.exists():
        lines.append("4. 牵头单位统筹协调，配合单位按职责分工积极配合。")
    return "\n".join(lines)


def build_assignment(item: Item, *, today: dt.date | None = None):
    """The 交办单 of one item as a python-docx Document."""
    today = today or clock.today()
    issuer = settings.DUBAN_OFFICE_NAME
    lead = item.lead_unit.name if item.lead_unit else "（未明确责任单位）"
    co_units = [u.name for u in item.co_units.all()]
    heading = "督办事项交办单"
    document = new_document(title=f"{item.number or ''} {heading}".strip(), author=issuer, subject="交办单")
    masthead(document, issuer, item.number or "")
    title(document, heading, blank_after=False)  # a 交办单 is one page: no line to spare
    addressee(document, lead)
    given = timezone.localdate(item.assigned_at) if item.assigned_at else today
    paragraph(document, f"现将以下事项交由你单位{'牵头' if co_units else ''}办理，请高度重视，"
                        f"按照要求抓好落实，并按时报送办理情况。")
    who = office_contact(item)
    form_table(document, [
        ("交办事项", item.text),
        ("来源", _source_line(item)),
        ("讲话领导", item.speaker or "—"),
        ("责任单位", lead + (f"（责任领导：{item.leader_in_charge}）" if item.leader_in_charge else "")),
        ("配合单位", "、".join(co_units) or "—"),
        ("完成时限", _deadline_line(item)),
        ("办理要求", requirements(item)),
        ("联系人", "　".join(part for part in (who.person, who.phone) if part) or "—"),
    ], size=SIZE_SMALL_4)
    signature(document, issuer, given)
    colophon(document, cc="、".join(co_units), printer=issuer, printed=today, blank_before=False)
    return document


def _status_note(item: Item, today: dt.date) -> str:
    if item.deadline is None:
        return "无时限"
    days = (item.deadline - today).days
    return f"超期{-days}天" if days < 0 else f"剩余{days}天"


def build_unit_notice(unit: Unit, items, *, scope: str = "", officer: User | None = None,
                      today: dt.date | None = None):
    """The 督办通知单 to ``unit`` listing ``items`` (its open items, chosen by the caller;
    most urgent first). ``scope`` says what was chosen (一篇报道, 一段时间), '' for all;
    ``officer`` (the one printing it) is its 联系人."""
    today = today or clock.today()
    issuer = settings.DUBAN_OFFICE_NAME
    total = items.count()
    shown = list(items.select_related("lead_unit").prefetch_related("co_units")[:NOTICE_LIMIT])
    overdue = sum(1 for i in shown if i.deadline and i.deadline < today)
    heading = "督办通知单"
    document = new_document(title=f"{unit.name} {heading}", author=issuer, subject="督办通知单")
    masthead(document, issuer, "")
    title(document, heading)
    addressee(document, unit.name)
    counted = f"共{total}项" + (f"，其中已超期{overdue}项" if overdue else "")
    if total > len(shown):
        counted += f"（以下列出时限最近的{len(shown)}项，全部事项见督办台账）"
    paragraph(document, f"截至{cn_date(today)}，{scope}你单位承办的督办事项中尚未办结的{counted}。"
                        "请对照清单逐项抓好落实，超期事项于5个工作日内报送办理情况；"
                        "确需延期的，按程序申请延期。")
    if shown:
        table(document, ["序号", "督办编号", "交办事项", "完成时限", "办理情况"],
              [[str(n), i.number or "—", i.text + ("" if i.lead_unit_id == unit.pk else "（配合）"),
                short_date(i.deadline), _status_note(i, today)] for n, i in enumerate(shown, 1)],
              flex=2, whole=(1, 4), min_flex=0.35)  # five columns: the text may have a little less
    paragraph(document, "")
    who = office_contact(officer=officer)
    if who.person:
        contact(document, who.person, who.phone)
    signature(document, issuer, today)
    colophon(document, cc="", printer=issuer, printed=today)
    return document


def build_closing_report(report: ClosingReport, *, today: dt.date | None = None):
    """The 办结报告 as filed, with its 佐证材料 listed."""
    today = today or clock.today()
    item = report.item
    unit = report.unit.name if report.unit else (item.lead_unit.name if item.lead_unit else "")
    issuer = settings.DUBAN_OFFICE_NAME
    heading = "督办事项办结报告"
    document = new_document(title=f"{item.number or ''} {heading}".strip(), author=unit or issuer, subject="办结报告")
    masthead(document, unit or issuer, "")  # the 督办编号 is in the text: a 文号 here would read as the unit's own
    title(document, heading)
    addressee(document, issuer)
    paragraph(document, f"{cn_date(timezone.localdate(item.assigned_at)) if item.assigned_at else ''}交办我单位的"
                        f"“{item.text}”（督办编号{item.number or '—'}，完成时限{cn_date(item.deadline)}）已办理完毕，"
                        "现将办理情况报告如下，请予销号。")
    for heading_text, text in (("一、完成情况", report.completion), ("二、主要措施及成效", report.measures),
                               ("三、存在问题及下步打算", report.problems)):
        heading1(document, heading_text)
        for line in (text or "无。").splitlines():
            if line.strip():
                paragraph(document, line.strip())
    heading1(document, "四、佐证材料")
    files = list(report.evidence())
    if files:
        for n, evidence in enumerate(files, 1):
            paragraph(document, f"{n}. {evidence.original_name}")
    else:
        paragraph(document, "无。")
    author = report.author.get_full_name() or report.author.username if report.author else ""
    if author:
        contact(document, author, report.author.phone)
    signature(document, unit or issuer, timezone.localdate(report.created_at))
    colophon(document, cc="", printer=unit or issuer, printed=today)
    return document


def unit_items(unit: Unit, *, source: int | None = None, since: dt.date | None = None,
               until: dt.date | None = None):
    """A unit's items not yet closed (leading or co-operating, the units below it included),
    by the ledger's filters: those of one report, or those given (交办) in since..until."""
    filters = LedgerFilters(unit=unit.pk, status=tuple(Item.ACTIVE), source=source, assigned_from=since,
                            assigned_to=until)
    return select(filters, order=("deadline", "id")).queryset()


def notice_sources(unit: Unit, limit: int = 100):
    """The reports a unit's 督办通知单 may be limited to: those its open items (``unit_items``)
    come from, newest first, at most ``limit`` (a picker, not an archive)."""
    return (Source.objects.filter(pk__in=unit_items(unit).values("source"))
            .only("pk", "title", "article", "event_date", "imported_at")
            .order_by("-imported_at", "-pk")[:limit])


def unit_scope(source: Source | None = None, since: dt.date | None = None, until: dt.date | None = None) -> str:
    """What a 督办通知单 lists, as its opening sentence says it ('' for all open items)."""
    said = ""
    if source is not None:
        said += f"“{source.title or source.opening()}”中"
    if since or until:
        said += f"{cn_date(since) if since else ''}至{cn_date(until) if until else '今'}交办的"
    return said


def http_response(document, filename: str) -> HttpResponse:
    """The document as a download (the name sent as filename*=utf-8'', RFC 5987)."""
    buffer = io.BytesIO()
    document.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def assignment_filename(item: Item) -> str:
    return f"交办单-{item.number or item.pk}.docx"


def unit_notice_filename(unit: Unit, today: dt.date | None = None) -> str:
    return f"督办通知单-{unit.name}-{(today or clock.today()):%Y%m%d}.docx"


def closing_report_filename(item: Item) -> str:
    return f"办结报告-{item.number or item.pk}.docx"


__all__ = ["build_assignment", "build_closing_report", "build_unit_notice", "http_response", "office_contact",
           "requirements", "unit_items", "unit_scope"]
