"""The ledger: filter, sort, search, paginate, and export the same selection to Excel."""

from __future__ import annotations

import tempfile

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property

from duban.web.access import visible_items
from duban.web.filters import LedgerFilter

PAGE_SIZE = 50
SEARCH_COUNT_LIMIT = 1000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SearchPaginator(Paginator):
    """Counts a text search's matches only up to ``SEARCH_COUNT_LIMIT``.

    A search cannot use an index on SQLite: counting every match reads every candidate
    row, which on a big ledger costs more than the page. Past the limit the page says
    "more than N" and offers the first N results' pages; narrowing the search finds the rest.
    """

    @cached_property
    def count(self) -> int:
        return self.object_list.values("pk")[: SEARCH_COUNT_LIMIT + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > SEARCH_COUNT_LIMIT


def filtered(request):
    form = LedgerFilter(request.GET or None)
    return form, form.filter(visible_items(request.user))


@login_required
def ledger(request):
    form, items = filtered(request)
    searching = form.is_valid() and form.cleaned_data.get("q", "").strip()
    page = (SearchPaginator if searching else Paginator)(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    capped = getattr(page.paginator, "capped", False)
    return render(request, "web/ledger.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "total": SEARCH_COUNT_LIMIT if capped else page.paginator.count, "capped": capped})


@login_required
def ledger_export(request):
    """The rows the ledger page shows for these filters, as the 督办台账 workbook."""
    from duban.reports.excel import write_ledger

    _form, items = filtered(request)
    # A temporary file, streamed back in blocks: a whole ledger's workbook is megabytes, and
    # holding it (and a copy for the response) in memory per request is what we avoid.
    workbook = tempfile.TemporaryFile()
    write_ledger(items, workbook, user=request.user)
    workbook.seek(0)
    name = f"duban-ledger-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(workbook, as_attachment=True, filename=name, content_type=XLSX)
