"""Pages around one thing: a unit, a subject, a leader, a source; the home page and errors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from duban.ledger.models import Item, Source, Subject, Unit
from duban.web.access import may_see_unit, overview_required, visible_items

LIGHT_ORDER = [Item.Light.RED, Item.Light.YELLOW, Item.Light.GREEN, Item.Light.NONE, Item.Light.DONE]


def by_light(items) -> list[tuple[str, str, list[Item]]]:
    """(light, label, items) groups, most urgent first, empty groups left out."""
    groups: dict[str, list[Item]] = {light: [] for light in LIGHT_ORDER}
    for item in items:
        groups[item.light()].append(item)
    labels = dict(Item.Light.choices)
    return [(light, labels[light], groups[light]) for light in LIGHT_ORDER if groups[light]]


@login_required
def home(request):
    """Office and leaders start on the dashboard; a liaison on their unit's page."""
    if request.user.sees_everything:
        return redirect("dashboard")
    if request.user.unit_id:
        return redirect("unit", pk=request.user.unit_id)
    return render(request, "web/home.html")


@login_required
def unit_page(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    if not may_see_unit(request.user, unit):
        raise PermissionDenied
    units = unit.descendant_ids()
    items = (visible_items(request.user).in_ledger().filter(Item.involving(units))
             .select_related("lead_unit", "source").defer("source__raw", "source__article", "source__analysis")
             .order_by("deadline", "id"))
    return render(request, "web/unit.html", {"unit": unit, "groups": by_light(items),
                                             "children": unit.children.filter(is_active=True)})


@login_required
def subject_page(request, pk: int):
    subject = get_object_or_404(Subject, pk=pk)
    if subject.merged_into_id:
        return redirect("subject", pk=subject.merged_into_id)
    items = (visible_items(request.user).filter(Q(subject=subject) | Q(subject__merged_into=subject))
             .exclude(status__in=(Item.Status.REJECTED, Item.Status.MERGED))
             .select_related("lead_unit", "source").order_by("source__event_date", "created_at"))
    return render(request, "web/subject.html", {"subject": subject, "items": items,
                                                "aliases": subject.aliases.all()})


@login_required
def leader_page(request, name: str):
    """Directives a leader gave (speaker) or is in charge of (责任领导)."""
    items = (visible_items(request.user).exclude(status__in=(Item.Status.REJECTED, Item.Status.MERGED))
             .filter(Q(speaker=name) | Q(leader_in_charge__contains=name))
             .select_related("lead_unit", "source").order_by("deadline", "id"))
    return render(request, "web/leader.html", {"name": name, "groups": by_light(items), "total": len(items)})


@overview_required
def source_page(request, pk: int):
    source = get_object_or_404(Source, pk=pk)
    items = source.items.exclude(status=Item.Status.MERGED).select_related("lead_unit").order_by(
        "directive_index", "id")
    return render(request, "web/source.html", {"source": source, "items": items,
                                               "event": (source.analysis or {}).get("event") or {}})

