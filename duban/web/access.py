"""Who may see what: every page reads items through these helpers.

An item a user may not see answers 404 (not 403), so a liaison cannot probe which
item numbers exist in other units; refused actions on visible items answer 403.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from duban.ledger.models import Item, Unit


def visible_items(user):
    return Item.objects.visible_to(user)


def get_item(user, pk: int) -> Item:
    return get_object_or_404(visible_items(user).select_related("source", "lead_unit", "subject"), pk=pk)


def may_see_unit(user, unit: Unit) -> bool:
    scope = user.visible_unit_ids()
    return scope is None or unit.pk in scope


def office_required(view):
    """Login, then 403 for anyone who is not 督查室 staff."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_office:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def overview_required(view):
    """Login, then 403 unless the user sees everything (office and leaders)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.sees_everything:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
