"""A unit's items, counted and paged fast on a big ledger.

"Led by these units OR listed among their co-operating units" spans two tables, so no
index answers it: PostgreSQL reads every item to count a town's ledger (250 ms at a
million items) and up to 600 ms to find one of its pages. Split into two disjoint
halves, the items led and the items only co-operated on, each is an index scan: counts
and grouped counts add up, and a page is the first rows of each half merged in SQL.
``LedgerCounts`` adds up the dashboards' grouped counts over such parts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Count

from duban.ledger.models import Item


class UnitItems:
    """``items`` limited to those ``unit_ids`` lead or co-operate on.

    Counts and slices like a queryset, so Django's ``Paginator`` and django-ninja's
    pagination take it as it is; ``parts`` gives the halves for grouped counts.
    """

    ordered = True  # the order is ``items``'s; this tells Paginator not to warn

    def __init__(self, items, unit_ids):
        co = Item.co_units.through.objects.filter(unit_id__in=unit_ids).values("item_id")
        self.items = items
        self.parts = (items.filter(lead_unit_id__in=unit_ids),
                      items.filter(pk__in=co).exclude(lead_unit_id__in=unit_ids))
        self.queryset = items.filter(Item.involving(unit_ids))

    def all(self) -> UnitItems:
        return self

    def count(self) -> int:
        return sum(part.count() for part in self.parts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        if not isinstance(window, slice) or window.step not in (None, 1):
            raise TypeError("UnitItems takes a slice [start:stop]")
        features = connections[self.items.db].features
        if not features.supports_slicing_ordering_in_compound:
            # SQLite cannot order a UNION's parts: the one query (fast enough at its scale).
            return list(self.queryset[window])
        start, stop = window.start or 0, window.stop if window.stop is not None else self.count()
        if start >= stop:
            return []  # (an empty slice would make the halves empty querysets, which union() drops)
        pks = self._window_pks(start, stop)
        found = {item.pk: item for item in self.items.filter(pk__in=pks)}
        # An item changed by someone else between the two queries may no longer match: the
        # page then shows it as it is now, that is, not at all.
        return [found[pk] for pk in pks if pk in found]

    def _window_pks(self, start: int, stop: int) -> list[int]:
        """The window's item ids: each half's first ``stop`` rows, merged and sliced in SQL."""
        order = self.items.query.order_by or Item._meta.ordering
        columns = [name.lstrip("-") for name in order]
        firsts = [part.order_by(*order).values_list("pk", *columns)[:stop] for part in self.parts]
        merged = firsts[0].union(firsts[1], all=True).order_by(*order)[start:stop]
        return [row[0] for row in merged]


def light_totals(parts, today: dt.date | None = None) -> Counter:
    """Items in the ledger per light, over disjoint querysets ``parts``."""
    totals: Counter = Counter()
    for part in parts:
        for row, lights in part.light_counts(today=today):
            if row["status"] not in Item.NOT_IN_LEDGER:
                totals.update(lights)
    return totals


@dataclass
class LedgerCounts:
    """What the dashboards count: every item by status; items in the ledger by light,
    by lead unit and light, and by topic. Read from covering indexes, one pass each."""

    by_status: Counter = field(default_factory=Counter)
    by_light: Counter = field(default_factory=Counter)
    by_unit: dict[int | None, Counter] = field(default_factory=dict)
    by_topic: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, parts, today: dt.date | None = None) -> LedgerCounts:
        """Counts over disjoint querysets ``parts`` (``[Item.objects.all()]``, or ``UnitItems.parts``)."""
        counts = cls()
        for part in parts:
            for row, lights in part.light_counts("lead_unit", today=today):
                counts.by_status[row["status"]] += sum(lights.values())
                if row["status"] not in Item.NOT_IN_LEDGER:
                    counts.by_light.update(lights)
                    counts.by_unit.setdefault(row["lead_unit"], Counter()).update(lights)
            # Grouped by status too, so that the (status, topic) index answers it alone.
            for row in part.order_by().values("status", "topic").annotate(n=Count("*")):
                if row["status"] not in Item.NOT_IN_LEDGER:
                    counts.by_topic[row["topic"]] += row["n"]
        return counts

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def in_ledger(self) -> int:
        return sum(self.by_light.values())
