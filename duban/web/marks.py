"""What an item's row says beyond its fields: a deadline moved by an approved extension
(原时限 → 新时限, 已延期), an item sent back by the office (被退回, with the reason) and one
a unit handed back as 非本单位职责 (the unit and its reason).

They live in other tables (extensions, the journal); ``attach_marks`` reads them for a whole
page of items in a few queries, so every list shows them without a query per row.
"""

from __future__ import annotations

from duban.ledger.models import Extension, Item, Journal


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
    back = [pk for pk, item in by_pk.items() if item.status in (Item.Status.IN_PROGRESS, Item.Status.ACCEPTED)]
    latest = (Journal.objects.filter(item_id__in=back, field__in=("status", "lead_unit"))
              .order_by("item_id", "-at", "-id").values_list("item_id", "action", "field", "old", "reason"))
    seen = set()
    for pk, action, field, old, reason in latest:
        item = by_pk[pk]
        if field == "lead_unit":
            # a decline's own lead_unit line (written just before its status line) names the unit
            if action == "decline" and item.declined_reason and not item.declined_by:
                item.declined_by = old
            continue
        if pk not in seen:
            seen.add(pk)
            if action == "return" and item.status == Item.Status.IN_PROGRESS:
                item.returned_reason = reason
            elif action == "decline" and item.status == Item.Status.ACCEPTED:
                item.declined_reason = reason
    return items
