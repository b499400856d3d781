"""Papers to print, as Word files (``reports.notices``), and an item's 办结报告 as data.

The same rules as the pages: an item's 交办单 and 办结报告 for whoever sees the item, a
unit's 督办通知单 for the office only.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from duban import clock
from duban.api.access import caller, require_office, visible_item
from duban.api.params import Day, Id
from duban.api.schemas import ClosingReportOut, refusals
from duban.ledger import closing
from duban.ledger.models import Source, Unit
from duban.reports import notices

router = Router(tags=["打印文书"])


def _docx() -> dict:
    return {200: {"description": "Word 文件（作为附件下载）", "content": {notices.DOCX: {
        "schema": {"type": "string", "format": "binary"}}}}}


@router.get("/items/{int:item_id}/notice.docx", response=refusals(404), openapi_extra={"responses": _docx()},
            summary="交办单（Word）")
def item_notice(request, item_id: Id):
    """GB/T 9704 版式；文号为督办编号。尚未交办的事项没有交办单（404）。"""
    item = visible_item(request, item_id)
    if item.assigned_at is None:
        raise Http404(_("事项尚未交办，没有交办单。"))
    return notices.http_response(notices.build_assignment(item), notices.assignment_filename(item))


@router.get("/items/{int:item_id}/closing-reports", response={200: list[ClosingReportOut], **refusals(404)},
            summary="办结报告（申请销号时报送，旧的在前）")
def closing_reports(request, item_id: Id):
    return visible_item(request, item_id).closing_reports.select_related("unit", "author").order_by("created_at", "id")


@router.get("/items/{int:item_id}/closing-report.docx", response=refusals(404),
            openapi_extra={"responses": _docx()}, summary="办结报告（Word，最近一份）")
def closing_report_docx(request, item_id: Id):
    item = visible_item(request, item_id)
    report = closing.latest(item)
    if report is None:
        raise Http404(_("该事项尚无办结报告。"))
    return notices.http_response(notices.build_closing_report(report), notices.closing_report_filename(item))


class UnitNoticeFilter(Schema):
    source: Id | None = Field(None, description="只列此来源报道的事项")
    since: Day | None = Field(None, description="交办日期不早于")
    until: Day | None = Field(None, description="交办日期不晚于")


@router.get("/units/{int:unit_id}/notice.docx", response=refusals(403, 404), openapi_extra={"responses": _docx()},
            summary="督办通知单（Word，督查室）")
def unit_notice(request, unit_id: Id, filters: Query[UnitNoticeFilter]):
    """该单位（含下级单位）牵头或配合、尚未办结的事项；可只列一篇报道或一段时间交办的事项。"""
    require_office(caller(request))
    unit = get_object_or_404(Unit, pk=unit_id)
    source = get_object_or_404(Source, pk=filters.source) if filters.source else None
    items = notices.unit_items(unit, source=filters.source, since=filters.since, until=filters.until)
    document = notices.build_unit_notice(unit, items, officer=caller(request),
                                         scope=notices.unit_scope(source, filters.since, filters.until))
    return notices.http_response(document, notices.unit_notice_filename(unit, clock.today()))
