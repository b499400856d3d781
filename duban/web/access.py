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


def login_and(allowed):
    """A view decorator: login, then 403 unless ``allowed(user)``."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Login, then 403 for anyone who is not 督查室 staff.
office_required = login_and(lambda user: user.is_office)
# Login, then 403 unless the user sees everything (office and leaders).
overview_required = login_and(lambda user: user.sees_everything)
