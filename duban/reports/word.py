"""The 督查通报 as a Word file, laid out by ``docx_layout`` (GB/T 9704-2012, one layout for
every Word document duban writes).

版头: "督查通报" in red, the 文号 (``DUBAN_BULLETIN_NUMBER``, e.g. 督查通报〔2026〕12号), the
issuing office (``DUBAN_OFFICE_NAME``) and the date over a red rule; the title; the period's
summary and tables; 落款; 版记 (抄送 ``DUBAN_BULLETIN_CC``, 印发 by the office). The file's
properties name the office as author and duban's clock as the time.

    from duban.reports.word import write_bulletin
    with open("通报.docx", "wb") as f:
        write_bulletin(f, number=3, since=date(2026, 11, 1), until=date(2026, 11, 30))
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import BinaryIO

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone

from duban import clock
from duban.ledger.filters import LedgerFilters, select
from duban.ledger.models import Item
from duban.reports.docx_layout import (
    cn_date,
    colophon,
    heading1,
    heading2,
    masthead,
    new_document,
    paragraph,
    short_date,
    signature,
    table,
    title,
)

DETAIL_LIMIT = 200  # items listed per section; the counts are always whole
NO_UNIT = "未明确责任单位"


def document_number(number: int, year: int) -> str:
    """The 文号, after ``DUBAN_BULLETIN_NUMBER`` ({year} and {number}): 督查通报〔2026〕12号."""
    return settings.DUBAN_BULLETIN_NUMBER.format(year=year, number=number)


def bulletin_data(since: dt.date, until: dt.date, today: dt.date | None = None,
                  filters: LedgerFilters | None = None) -> dict:
    """The numbers and lists the bulletin prints, for the period since..until (inclusive),
    over the items in the ledger that ``filters`` select (the ledger's filter definition:
    a unit's bulletin, a topic's…; default the whole ledger).

    Counts are made in SQL; each list holds at most DETAIL_LIMIT items (the most overdue,
    the latest closed, the latest re-issued) with its full count beside it, so that a
    province's ledger still gives a bulletin of some pages rather than one of every item.
    """
    today = today or clock.today()
    chosen = dataclasses.replace(filters or LedgerFilters(), in_ledger=True)
    ledger = select(chosen).queryset().select_related("lead_unit")
    active = ledger.filter(status__in=Item.ACTIVE)  # 在办: given to a unit, not closed
    overdue = active.filter(deadline__lt=today)
    units = [(row["lead_unit__name"] or NO_UNIT, row["n"], (today - row["oldest"]).days)
             for row in overdue.order_by().values("lead_unit__name")
             .annotate(n=Count("*"), oldest=Min("deadline"))]
    units.sort(key=lambda row: (-row[1], row[0]))
    # The most overdue, shown grouped by unit in the order of the table above.
    rank = {name: k for k, (name, _n, _days) in enumerate(units)}
    most_overdue = sorted(overdue.order_by("deadline", "id")[:DETAIL_LIMIT],
                          key=lambda i: (rank[i.lead_unit.name if i.lead_unit else NO_UNIT], i.deadline, i.pk))
    in_period = Q(assigned_at__date__gte=since, assigned_at__date__lte=until)
    closed = ledger.filter(status=Item.Status.CLOSED, closed_at__date__gte=since, closed_at__date__lte=until)
    reissued = ledger.filter(Q(pk__in=Item.repeat_of.through.objects.values("from_item_id"))).filter(
        Q(in_period) | Q(assigned_at__isnull=True, created_at__date__gte=since, created_at__date__lte=until))
    return {
        "today": today, "since": since, "until": until,
        "assigned": ledger.filter(in_period).count(),
        "closed": list(closed.order_by("-closed_at", "-id")[:DETAIL_LIMIT])[::-1], "closed_count": closed.count(),
        "active": active.count(),
        "red": sum(n for _name, n, _days in units),
        "yellow": active.filter(Item.light_is(Item.Light.YELLOW, today)).count(),
        "overdue_units": units,
        "overdue": most_overdue,
        "reissued": list(reissued.order_by("-id")[:DETAIL_LIMIT].prefetch_related("repeat_of"))[::-1],
        "reissued_count": reissued.count(),
    }


def _shown(shown: int, total: int, which: str) -> str:
    """The sentence that says a list is cut short, or nothing when it is complete."""
    if shown >= total:
        return ""
    return f"共{total}项，以下列出{which}{shown}项，全部事项见督办台账（Excel）。"


def build_bulletin(*, number: int, since: dt.date, until: dt.date, issuer: str | None = None,
                   today: dt.date | None = None, filters: LedgerFilters | None = None):
    """The bulletin as a python-docx Document (``filters``: see ``bulletin_data``); ``issuer``
    defaults to ``DUBAN_OFFICE_NAME``."""
    data = bulletin_data(since, until, today, filters)
    issuer = issuer or settings.DUBAN_OFFICE_NAME
    issued = data["today"]
    doc_number = document_number(number, issued.year)
    heading = f"关于{cn_date(since)}至{cn_date(until)}督办事项落实情况的通报"
    document = new_document(title=f"{doc_number} {heading}", author=issuer, subject="督查通报")
    masthead(document, "督查通报", doc_number, issuer, issued)
    title(document, heading)

    heading1(document, "一、总体情况")
    paragraph(document, (
        f"{cn_date(since)}至{cn_date(until)}，共交办事项{data['assigned']}项，办结销号{data['closed_count']}项。"
        f"截至{cn_date(issued)}，在办事项{data['active']}项，其中超期未办结（红灯）{data['red']}项，"
        f"临近时限（黄灯）{data['yellow']}项。"))

    heading1(document, "二、超期未办结事项")
    if data["overdue_units"]:
        heading2(document, "（一）按单位统计")
        table(document, ["责任单位", "超期事项（项）", "最长超期（天）"],
              [[unit, str(n), str(days)] for unit, n, days in data["overdue_units"]], flex=0)
        heading2(document, "（二）超期事项明细")
        if note := _shown(len(data["overdue"]), data["red"], "超期时间最长的"):
            paragraph(document, note)
        table(document, ["序号", "责任单位", "交办事项", "完成时限", "超期天数"],
              [[str(n), i.lead_unit.name if i.lead_unit else NO_UNIT, i.text, short_date(i.deadline),
                str(i.days_overdue(issued))] for n, i in enumerate(data["overdue"], 1)], flex=2)
    else:
        paragraph(document, "本期无超期未办结事项。")

    heading1(document, "三、本期办结事项")
    if data["closed"]:
        if note := _shown(len(data["closed"]), data["closed_count"], "最近办结的"):
            paragraph(document, note)
        table(document, ["序号", "交办事项", "责任单位", "销号日期"],
              [[str(n), i.text, i.lead_unit.name if i.lead_unit else "—", short_date(timezone.localdate(i.closed_at))]
               for n, i in enumerate(data["closed"], 1)], flex=1)
    else:
        paragraph(document, "本期无办结事项。")

    heading1(document, "四、再次交办事项")
    if data["reissued"]:
        paragraph(document, "以下事项此前已交办，本期再次提出，请责任单位加大力度、按时办结。"
                  + _shown(len(data["reissued"]), data["reissued_count"], "最近的"))
        table(document, ["序号", "交办事项", "责任单位", "首次交办"],
              [[str(n), i.text, i.lead_unit.name if i.lead_unit else "—",
                "、".join(short_date(timezone.localdate(r.assigned_at)) if r.assigned_at else f"#{r.pk}"
                         for r in i.repeat_of.all())]
               for n, i in enumerate(data["reissued"], 1)], flex=1)
    else:
        paragraph(document, "本期无再次交办事项。")

    heading1(document, "五、工作要求")
    paragraph(document, "各责任单位要对照通报事项逐项整改，超期事项于5个工作日内报送整改情况；"
                        f"{issuer}将持续跟踪督办，对整改不力的按规定予以通报问责。")
    signature(document, issuer, issued)
    colophon(document, cc=settings.DUBAN_BULLETIN_CC, printer=issuer, printed=issued)
    return document


def write_bulletin(fileobj: BinaryIO, **kwargs) -> None:
    """Write the bulletin (see ``build_bulletin`` for the arguments) to a binary file object."""
    build_bulletin(**kwargs).save(fileobj)


__all__ = ["build_bulletin", "bulletin_data", "document_number", "write_bulletin"]
