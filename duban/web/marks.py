"""What an item's row says beyond its fields: a deadline moved by an approved extension
(原时限 → 新时限, 已延期) and an item sent back by the office (被退回, with the reason).

Both live in other tables (extensions, the journal); ``attach_marks`` reads them for a whole
page of items in two queries, so every list shows them without a query per row. 被退回 is the
ledger's ``returned`` rule (``duban.ledger.filters.returned_reasons``).
"""

from __future__ import annotations

from duban.ledger import filters
from duban.ledger.models import Extension, Item


def attach_marks(items) -> list[Item]:
    """The items as a list, each with ``extended_from`` (the deadline before its first approved
    extension, or None) and ``returned_reason`` (why the office returned it, '' unless the
    item is back in progress because of a 退回)."""
    items = list(items)
    by_pk = {item.pk: item for item in items}
    for item in items:
        item.extended_from, item.returned_reason = None, ""
    if not by_pk:
        return items
    approved = (Extension.objects.filter(item_id__in=by_pk, status=Extension.Status.APPROVED)
                .order_by("item_id", "decided_at", "id").values_list("item_id", "old_deadline"))
    for pk, old in approved:
        item = by_pk[pk]
        if item.extended_from is None and old is not None and old != item.deadline:
            item.extended_from = old
    for pk, reason in filters.returned_reasons(items).items():
        by_pk[pk].returned_reason = reason
    return items
