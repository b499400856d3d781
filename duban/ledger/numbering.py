"""督办编号: ``DUBAN_ITEM_NUMBER_PATTERN`` (``督〔{year}〕{number}号``) with a number that counts
up per year in ``ItemNumberCounter``.

A number is taken inside the 交办 transaction: the counter row is updated first (a row lock
on PostgreSQL, the database write lock on SQLite), so two assignments at once get two
numbers; a transaction that rolls back gives its number back with it, and one that commits
never sees it again — the counter never goes down, and a withdrawn, reopened or deleted
item's number is not handed out again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F

from duban import clock
from duban.ledger.models import ItemNumberCounter


def format_number(year: int, number: int, pattern: str | None = None) -> str:
    return (pattern or settings.DUBAN_ITEM_NUMBER_PATTERN).format(year=year, number=number)


def next_number(year: int | None = None) -> str:
    """The next 督办编号 of ``year`` (this year by duban's clock); call it inside a transaction."""
    year = year or clock.today().year
    with transaction.atomic():
        ItemNumberCounter.objects.get_or_create(year=year)
        ItemNumberCounter.objects.filter(year=year).update(last=F("last") + 1)
        number = ItemNumberCounter.objects.get(year=year).last
    return format_number(year, number)
