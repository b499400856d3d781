"""督办编号: ``DUBAN_ITEM_NUMBER_PATTERN`` (``督〔{year}〕{number}号``) with a number that counts
up per year in ``ItemNumberCounter``.

A number is taken inside the 交办 transaction: the counter row is updated first (a row lock
on PostgreSQL, the database write lock on SQLite), so two assignments at once get two
numbers; a transaction that rolls back gives its number back with it, and one that commits
never sees it again — the counter never goes down, and a withdrawn, reopened or deleted
item's number is not handed out again.

Items given to units before numbering existed get theirs afterwards (``backfill``, run by
``duban number --backfill --apply``), in the order they were given, from the same counters.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from duban import clock
from duban.ledger.models import Item, ItemNumberCounter, Journal


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


# --- 补编: items given to units before numbering existed ----------------------------------------

BACKFILL = "number_backfill"  # the journal's action for a number given afterwards


def unnumbered():
    """Items given to a unit (交办 … 销号) that have no 督办编号, oldest 交办 first (an item
    with no recorded 交办 time counts from its creation)."""
    given = Coalesce("assigned_at", "created_at")
    return (Item.objects.filter(status__in=[*Item.ACTIVE, Item.Status.CLOSED])
            .filter(Q(number__isnull=True) | Q(number="")).annotate(given=given).order_by("given", "id"))


def given_year(item: Item) -> int:
    """The year of the item's 交办 in the local calendar (the year its number carries)."""
    return timezone.localtime(item.given).year


def backfill_plan(items) -> list[tuple[int, int, str]]:
    """(year, how many, the first number they would get now) for each year, for a dry run."""
    counts = Counter(given_year(item) for item in items)
    last = dict(ItemNumberCounter.objects.filter(year__in=counts).values_list("year", "last"))
    return [(year, n, format_number(year, last.get(year, 0) + 1)) for year, n in sorted(counts.items())]


def backfill(items, user=None) -> int:
    """Number ``items`` (``unnumbered()``, in that order), each in the year of its 交办, one
    transaction and one journal line per item, so that an interrupted run resumes where it
    stopped. The counter only goes up: a year whose later items were numbered at 交办 goes on
    from its last number, and no number is given twice. Returns how many were numbered."""
    done = 0
    for item in items:
        with transaction.atomic():
            number = next_number(given_year(item))
            # Not a content change: the version stays, so nobody's open page goes stale.
            if not Item.objects.filter(pk=item.pk).filter(Q(number__isnull=True) | Q(number="")).update(number=number):
                transaction.set_rollback(True)  # numbered meanwhile (a 交办 in another session)
                continue
            Journal.record(user=user, item=item, action=BACKFILL, field="number", new=number,
                           reason="补编督办编号（交办早于编号功能）")
        done += 1
    return done
