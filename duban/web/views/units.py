"""The unit tree (``/units/``) and the unit search the unit pickers ask (``/units/search/``)."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

from duban.ledger.units import search_units, unit_paths
from duban.web import unit_tree
from duban.web.access import overview_required
from duban.web.views.common import is_htmx

QUERY_LENGTH = 50  # longer than any unit's name: more cannot match
SEARCH_LIMIT, SEARCH_MAX = 20, 50


@overview_required
def unit_tree_page(request):
    """Every active unit, grouped by kind; ``?q=`` keeps those whose name or alias contains it
    (and the units above them). The search box asks for the tree alone (htmx)."""
    query = request.GET.get("q", "").strip()[:QUERY_LENGTH]
    groups = unit_tree.load(query)
    context = {"groups": [(group, unit_tree.render(group.nodes)) for group in groups], "q": query}
    # A history restore (back button after a search) asks for the whole page.
    partial = is_htmx(request) and not request.headers.get("HX-History-Restore-Request")
    return render(request, "web/partials/unit_tree.html" if partial else "web/units.html", context)


@overview_required
def unit_search(request):
    """JSON for the unit pickers: ``{"results": [{id, name, kind, path}]}``, best match first."""
    query = request.GET.get("q", "").strip()[:QUERY_LENGTH]
    limit = request.GET.get("limit", "")
    limit = min(int(limit), SEARCH_MAX) if limit.isdigit() and int(limit) > 0 else SEARCH_LIMIT
    units = search_units(query, limit=limit)
    paths = unit_paths(units)
    return JsonResponse({"results": [{"id": u.pk, "name": u.name, "kind": u.get_kind_display(), "path": paths[u.pk]}
                                     for u in units]})
