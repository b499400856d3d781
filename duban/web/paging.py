"""Paginators for the ledger's big selections.

``SearchPaginator`` stops counting a text search's matches at a limit; ``UnitPaginator``
pages the items some units lead or co-operate on without one OR across two tables, which
no index answers.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

from duban.ledger.models import Item

SEARCH_COUNT_LIMIT = 1000


class SearchPaginator(Paginator):
    """Counts a text search's matches only up to ``SEARCH_COUNT_LIMIT``.

    A search cannot use an index on SQLite: counting every match reads every candidate
    row, which on a big ledger costs more than the page. Past the limit the page says
    "more than N" and offers the first N results' pages; narrowing the search finds the rest.
    """

    @cached_property
    def count(self) -> int:
        return self.object_list.values("pk")[: SEARCH_COUNT_LIMIT + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > SEARCH_COUNT_LIMIT


class UnitPaginator(Paginator):
    """Pages ``items`` limited to those ``unit_ids`` lead or co-operate on (``Item.involving``).

    "Led by these units OR listed in their co-unit rows" cannot use an index: PostgreSQL
    reads every item to answer it (250 ms for a town's count at a million items, and up to
    600 ms for a page). The two halves, items led and items only co-operated on, are each
    an index scan: the count is the sum of two counts, and a page is the first rows of each
    half merged in SQL (15–150 ms at a million items, whatever the sort). SQLite cannot
    order the parts of a UNION, so there a page is the one query (fast enough at its scale).
    """

    def __init__(self, items, unit_ids, per_page):
        super().__init__(items.filter(Item.involving(unit_ids)), per_page)
        co = Item.co_units.through.objects.filter(unit_id__in=unit_ids).values("item_id")
        self.items = items
        self.halves = (items.filter(lead_unit_id__in=unit_ids),
                       items.filter(pk__in=co).exclude(lead_unit_id__in=unit_ids))

    @cached_property
    def count(self) -> int:
        return sum(half.count() for half in self.halves)

    def page(self, number):
        number = self.validate_number(number)
        features = connections[self.items.db].features
        if not features.supports_slicing_ordering_in_compound:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        pks = self._page_pks(bottom, bottom + self.per_page)
        found = {item.pk: item for item in self.items.filter(pk__in=pks)}
        return self._get_page([found[pk] for pk in pks], number, self)

    def _page_pks(self, bottom: int, top: int) -> list[int]:
        """The page's item ids: each half's first ``top`` rows, merged and sliced in SQL."""
        order = self.items.query.order_by or Item._meta.ordering
        columns = [name.lstrip("-") for name in order]
        firsts = [half.order_by(*order).values_list("pk", *columns)[:top] for half in self.halves]
        merged = firsts[0].union(firsts[1], all=True).order_by(*order)[bottom:top]
        return [row[0] for row in merged]
