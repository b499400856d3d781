"""Paging a text search on a big ledger (a unit's items page through ``UnitItems``)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

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
