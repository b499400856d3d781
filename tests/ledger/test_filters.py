"""LedgerFilters.of: how a form's or a query's values become the one filter definition."""

import datetime as dt

import pytest

from duban.ledger.filters import LedgerFilters, select
from duban.ledger.models import Item, Unit


def test_values_become_filters():
    filters = LedgerFilters.of({"q": "养老", "status": "signed", "leader": "", "unit": None, "page": "2",
                                "since": dt.date(2024, 1, 1), "in_ledger": False})
    assert filters == LedgerFilters(q="养老", status=("signed",), since=dt.date(2024, 1, 1), in_ledger=False)
    assert LedgerFilters.of({"status": ["signed", "closed"]}).status == ("signed", "closed")
    assert LedgerFilters.of({}) == LedgerFilters()


@pytest.mark.django_db
def test_a_model_is_its_id_and_a_unit_brings_its_units_below():
    town = Unit.objects.create(name="天桥街道")
    community = Unit.objects.create(name="漓江路社区", parent=town)
    filters = LedgerFilters.of({"unit": town})
    assert filters.unit == town.pk and filters.unit_ids() == {town.pk, community.pk}
    assert LedgerFilters().unit_ids() is None


@pytest.mark.django_db
def test_the_unit_filter_inside_the_scope_becomes_the_scope():
    town = Unit.objects.create(name="天桥街道")
    community = Unit.objects.create(name="漓江路社区", parent=town)
    other = Unit.objects.create(name="翟庄街道")
    mine = Item.objects.create(text="社区食堂", lead_unit=community, status=Item.Status.ASSIGNED)
    Item.objects.create(text="别处的事", lead_unit=other, status=Item.Status.ASSIGNED)
    chosen = select(LedgerFilters(unit=community.pk), scope={town.pk, community.pk})
    assert chosen.scope == {community.pk}  # counted and paged as UnitItems' two halves
    assert [i.pk for i in chosen.rows()[0:10]] == [mine.pk] and chosen.rows().count() == 1
    outside = select(LedgerFilters(unit=other.pk), scope={town.pk, community.pk})
    assert outside.scope == {town.pk, community.pk} and list(outside.queryset()) == []
