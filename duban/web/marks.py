"""What an item's row says beyond its fields: a deadline moved by an approved extension
(原时限 → 新时限, 已延期), an item sent back by the office (被退回, with the reason) and one
a unit handed back as 非本单位职责 (the unit and its reason).

They live in other tables (extensions, the journal); ``attach_marks`` reads them for a whole
page of items in two queries, so every list shows them without a query per row. 被退回 and
待重新交办 are the ledger's ``returned`` and ``declined`` rules (``duban.ledger.filters.handed_back``).
"""

from __future__ import annotations

from duban.ledger import filters
from duban.ledger.models import Extension, Item


def attach_marks(items) -> list[Item]:
    """The items as a list, each with ``extended_from`` (the deadline before its first approved
    extension, or None) and ``returned_reason`` (why the office returned it, '' unless the
    item is back in progress because of a 退回), ``declined_by`` and ``declined_reason`` (the unit
    that handed it back as 非本单位职责 and why, '' unless it waits for another unit)."""
    items = list(items)
    by_pk = {item.pk: item for item in items}
    for item in items:
        item.extended_from, item.returned_reason = None, ""
        item.declined_by, item.declined_reason = "", ""
    if not by_pk:
        return items
    approved = (Extension.objects.filter(item_id__in=by_pk, status=Extension.Status.APPROVED)
                .order_by("item_id", "decided_at", "id").values_list("item_id", "old_deadline"))
    for pk, old in approved:
        item = by_pk[pk]
        if item.extended_from is None and old is not None and old != item.deadline:
            item.extended_from = old
    for pk, back in filters.handed_back(items).items():
        item = by_pk[pk]
        if back.step == filters.RETURN:
            item.returned_reason = back.reason
        else:
            item.declined_by, item.declined_reason = back.unit, back.reason
    return items
