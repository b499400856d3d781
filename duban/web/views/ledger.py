"""The ledger: filter, sort, search, paginate, and export the same selection to Excel."""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from duban import clock
from duban.ledger.filters import select
from duban.ledger.models import Item
from duban.web import paging
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
    name = f"duban-ledger-{clock.today():%Y%m%d}.xlsx"
    return FileResponse(workbook, as_attachment=True, filename=name, content_type=XLSX)
