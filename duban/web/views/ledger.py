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
from duban.ledger.models import Item
from duban.ledger.scoping import UnitItems
from duban.web import paging
from duban.web.filters import LedgerFilter

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def selection(request):
    """The filter form, the filtered items, and the units they are limited to (None: all).

    The limit is what a liaison may see, or the 责任单位 filter when it lies within that:
    the items a unit inside the scope leads or co-operates on are all in the scope. It is
    left to ``UnitItems``, which counts and pages it faster than a filter does.
    """
    form = LedgerFilter(request.GET or None)
    scope = request.user.visible_unit_ids()
    units = form.unit_ids()
    if units is not None and (scope is None or units <= scope):
        return form, form.filter(Item.objects.all(), by_unit=False), units
    return form, form.filter(Item.objects.all()), scope


@login_required
def ledger(request):
    form, items, scope = selection(request)
    if form.valid_data().get("q", "").strip():
        paginator = paging.SearchPaginator(items if scope is None else items.filter(Item.involving(scope)), PAGE_SIZE)
    elif scope is not None:
        paginator = Paginator(UnitItems(items, scope), PAGE_SIZE)
    else:
        paginator = Paginator(items, PAGE_SIZE)
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

    _form, items, scope = selection(request)
    selected = items if scope is None else UnitItems(items, scope)
    rows = selected.count()  # (a unit's items counted as two halves: see UnitItems)
    limit = settings.DUBAN_WEB_EXPORT_LIMIT
    if rows > limit:
        messages.error(request, _("所选事项共 %(rows)s 项，超过网页导出上限 %(limit)s 项。请按单位、领域或日期缩小范围后导出，"
                                  "或请管理员在服务器上运行 duban export 导出全部。") % {"rows": rows, "limit": limit})
        return redirect(reverse("ledger") + "?" + request.GET.urlencode())
    # A temporary file, streamed back in blocks: a whole ledger's workbook is megabytes, and
    # holding it (and a copy for the response) in memory per request is what we avoid.
    workbook = tempfile.TemporaryFile()
    write_ledger(items if scope is None else selected.queryset, workbook, user=request.user)
    workbook.seek(0)
    name = f"督办台账-{clock.today():%Y%m%d}.xlsx"  # FileResponse adds filename*= (RFC 5987)
    return FileResponse(workbook, as_attachment=True, filename=name, content_type=XLSX)
