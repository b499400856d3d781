"""Pages around one thing: a unit, a subject, a leader, a source; the home page and errors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from duban.ledger.filters import LedgerFilters
from duban.ledger.models import Item, Source, Subject, Unit
from duban.ledger.scoping import UnitItems, light_totals
from duban.reports import notices
from duban.web.access import may_see_unit, overview_required, visible_items
from duban.web.queues import queues_for
from duban.web.views.common import ledger_url

LIGHT_ORDER = [*Item.ACTIVE_LIGHTS, Item.Light.WAITING, Item.Light.DONE]
# Each light group lists its most urgent items; the ledger, filtered the same way, has them all.
GROUP_SIZE = 20


def light_groups(items, unit_ids: set[int] | None = None, **filters) -> list[dict]:
    """Per light, most urgent first (empty lights left out): its label, how many items there
    are, the first GROUP_SIZE of them, and the ledger's URL for all of them.

    ``items`` is the page's selection in the ledger, limited to what ``unit_ids`` lead or
    co-operate on when given (``UnitItems``); ``filters`` are the ledger filters that select
    the same items. A unit or leader can have tens of thousands: they are counted in SQL.
    """
    totals = light_totals([items] if unit_ids is None else UnitItems(items, unit_ids).parts)
    labels = dict(Item.Light.choices)
    groups = []
    for light in LIGHT_ORDER:
        if not totals[light]:
            continue
        chosen = items.filter(Item.light_is(light))
        if unit_ids is not None:
            chosen = UnitItems(chosen, unit_ids)
        groups.append({"light": light, "label": labels[light], "count": totals[light],
                       "items": list(chosen[:GROUP_SIZE]), "url": ledger_url(light=light, **filters)})
    return groups


def ledger_items():
    """Items in the ledger, with what the item tables show, in deadline order."""
    return (Item.objects.in_ledger().select_related("lead_unit", "source")
            .defer("source__raw", "source__article", "source__analysis").order_by("deadline", "id"))


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
    # may_see_unit: the unit lies within what the user sees, so its items are all visible.
    groups = light_groups(ledger_items(), unit.descendant_ids(), unit=unit.pk)
    # A liaison's home is their unit's page: it starts with their to-do queues.
    queues = queues_for(request.user) if unit.pk == request.user.unit_id else []
    # The 督办通知单 form (office only) may name one of the reports the unit's open items come from.
    sources = notices.notice_sources(unit) if request.user.is_office else []
    return render(request, "web/unit.html", {"unit": unit, "groups": groups, "ledger": ledger_url(unit=unit.pk),
                                             "children": unit.children.filter(is_active=True), "queues": queues,
                                             "notice_sources": sources})


@login_required
def subject_page(request, pk: int):
    subject = get_object_or_404(Subject, pk=pk)
    if subject.merged_into_id:
        return redirect("subject", pk=subject.merged_into_id)
    items = (visible_items(request.user).filter(Q(subject=subject) | Q(subject__merged_into=subject))
             .exclude(status__in=Item.DISCARDED)
             .select_related("lead_unit", "source").order_by("source__event_date", "created_at"))
    return render(request, "web/subject.html", {"subject": subject, "items": items,
                                                "aliases": subject.aliases.all()})


@login_required
def leader_page(request, name: str):
    """Directives a leader gave (speaker) or is in charge of (责任领导): the ledger's leader filter."""
    items = ledger_items().filter(LedgerFilters(leader=name).condition())
    groups = light_groups(items, request.user.visible_unit_ids(), leader=name)
    return render(request, "web/leader.html", {"name": name, "groups": groups, "ledger": ledger_url(leader=name),
                                               "total": sum(group["count"] for group in groups)})


@overview_required
def source_page(request, pk: int):
    source = get_object_or_404(Source, pk=pk)
    items = source.items.exclude(status=Item.Status.MERGED).select_related("lead_unit").order_by(
        "directive_index", "id")
    return render(request, "web/source.html", {"source": source, "items": items,
                                               "event": (source.analysis or {}).get("event") or {}})



class PasswordChange(auth_views.PasswordChangeView):
    """Django's password change (old password, new one twice, the validators) in the app's
    pages; the session stays signed in, and the home page says it is done."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        messages.success(self.request, _("密码已修改。"))
        return super().form_valid(form)
