"""再次交办: one demand's history across reports, for the item and review pages.

``Item.repeat_of`` links a new item to the earlier items it repeats (set by
``duban.areas.recurrence``). A demand repeated three times is a chain a ← b ← c, so the history
follows the links both ways, not just one step.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from duban.ledger.models import Item

MAX_CHAIN = 50  # a guard against a pathological web of links, far above any real repeat count


def _walk(item: Item, relation: str) -> list[Item]:
    seen: dict[int, Item] = {}
    frontier = [item]
    while frontier and len(seen) < MAX_CHAIN:
        ids = [i.pk for i in frontier]
        frontier = [i for i in Item.objects.filter(**{f"{_reverse(relation)}__in": ids})
                    .select_related("source", "lead_unit").distinct()
                    if i.pk not in seen and i.pk != item.pk]
        seen.update((i.pk, i) for i in frontier)
    return list(seen.values())


def _reverse(relation: str) -> str:
    # Items that ``x.repeat_of`` points at are those whose ``repeated_by`` contains x.
    return {"repeat_of": "repeated_by", "repeated_by": "repeat_of"}[relation]


def _when(item: Item):
    source = item.source
    return (source.event_date if source and source.event_date else timezone.localtime(item.created_at).date())


def repeat_history(item: Item, user) -> dict | None:
    """``{"times", "position", "rows": [{"item", "when", "visible", "current"}]}`` oldest first,
    or None when the demand was made only once. ``visible`` is False for another unit's items,
    which are listed (the count is the point) but not linked."""
    earlier, later = _walk(item, "repeat_of"), _walk(item, "repeated_by")
    if not earlier and not later:
        return None
    chain = sorted([*earlier, item, *later], key=lambda i: (_when(i), i.pk))
    visible = set(Item.objects.visible_to(user).filter(pk__in=[i.pk for i in chain]).values_list("pk", flat=True))
    return {
        "times": len(chain),
        "position": chain.index(item) + 1,
        "rows": [{"item": i, "when": _when(i), "visible": i.pk in visible, "current": i.pk == item.pk} for i in chain],
    }


def with_earlier(items):
    """Prefetch each item's earlier items (and their sources) for badges on lists of proposals."""
    return items.prefetch_related(Prefetch("repeat_of", queryset=Item.objects.select_related("source", "lead_unit")
                                           .order_by("id")))
