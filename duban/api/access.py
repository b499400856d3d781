"""The same visibility rules as the pages: one place that says which rows a caller may reach."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from duban.ledger.models import Item, User
from duban.ledger.workflow import NotAllowed


def caller(request) -> User:
    """The authenticated user (token or session); auth has already refused anonymous calls."""
    return request.auth


def visible_items(user: User):
    """Items the user may see, as a queryset safe to annotate, aggregate and order.

    ``visible_to`` reaches co-operating units through a subquery, so each item is one row
    and counts are right without DISTINCT.
    """
    return Item.objects.visible_to(user)


def visible_item(request, item_id: int) -> Item:
    """The item, or 404 when it does not exist or the caller may not see it (no existence leak)."""
    return get_object_or_404(visible_items(caller(request)), pk=item_id)


def require_office(user: User) -> None:
    if not user.is_office:
        raise NotAllowed(_("只有督查室可以执行此操作。"))
