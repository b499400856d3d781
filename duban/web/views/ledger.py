"""The ledger: filter, sort, search, paginate, and export the same selection to Excel."""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban import clock
from duban.ledger import urging, workflow
from duban.ledger.filters import select
from duban.ledger.models import Item
from duban.web import paging
from duban.web.access import visible_items
from duban.web.filters import LedgerFilter

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def selection(request):
    """The filter form and what it selects among what the user may see (``ledger.filters``)."""
    form = LedgerFilter(request.GET or None)
    items = (Item.objects.with_light().select_related("lead_unit", "source", "subject")
             .defer("source__raw", "source__article", "source__analysis"))
    return form, select(form.ledger_filters(), request.user.visible_unit_ids(), items=items, order=form.order())


@login_required
def ledger(request):
    form, chosen = selection(request)
    if form.ledger_filters().q.strip():
        paginator = paging.SearchPaginator(chosen.queryset(), PAGE_SIZE)
    else:
        paginator = Paginator(chosen.rows(), PAGE_SIZE)  # a unit's items as two halves (UnitItems)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    capped = getattr(paginator, "capped", False)
    return render(request, "web/ledger.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "total": paging.SEARCH_COUNT_LIMIT if capped else paginator.count, "capped": capped})


@login_required
def ledger_export(request):
    """The rows the ledger page shows for these filters, as the 督办台账 workbook."""
    from duban.reports.excel import write_ledger

    _form, chosen = selection(request)
    rows = chosen.rows().count()  # (a unit's items counted as two halves: see UnitItems)
    limit = settings.DUBAN_WEB_EXPORT_LIMIT
    if rows > limit:
        messages.error(request, _("所选事项共 %(rows)s 项，超过网页导出上限 %(limit)s 项。请按单位、领域或日期缩小范围后导出，"
                                  "或请管理员在服务器上运行 duban export 导出全部。") % {"rows": rows, "limit": limit})
        return redirect(reverse("ledger") + "?" + request.GET.urlencode())
    # A temporary file, streamed back in blocks: a whole ledger's workbook is megabytes, and
    # holding it (and a copy for the response) in memory per request is what we avoid.
    workbook = tempfile.TemporaryFile()
    write_ledger(chosen.queryset(), workbook, user=request.user)
    workbook.seek(0)
    name = f"督办台账-{clock.today():%Y%m%d}.xlsx"  # FileResponse adds filename*= (RFC 5987)
    return FileResponse(workbook, as_attachment=True, filename=name, content_type=XLSX)


@login_required
@require_POST
def ledger_urge(request):
    """催办 the items checked on a ledger page, all or none; back to the same page."""
    back = reverse("ledger") + "?" + request.POST.get("back", "")
    try:
        urging.authorize(request.user)  # 403 before anything about the request is looked at
    except workflow.NotAllowed as error:
        raise PermissionDenied(str(error)) from None
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()][:PAGE_SIZE]
    items = list(visible_items(request.user).filter(pk__in=ids).select_related("lead_unit"))
    if not items:
        messages.error(request, _("请先勾选要催办的事项。"))
        return redirect(back)
    try:
        urging.urge_many(items, request.user, request.POST.get("note", "")[:500])
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, _("已催办 %(n)s 项，已通知责任单位。") % {"n": len(items)})
    return redirect(back)
