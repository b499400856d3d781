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


@pytest.mark.django_db
def test_returned_means_back_in_progress_after_a_return_and_not_moved_on(people, units):
    from duban import clock
    from duban.ledger import workflow

    def chosen():
        return set(select(LedgerFilters(returned=True)).queryset().values_list("text", flat=True))

    officer = people["officer"]
    item = Item.objects.create(text="被退回", status=Item.Status.SUBMITTED, lead_unit=units["town"],
                               deadline=clock.today())
    Item.objects.create(text="办理中", status=Item.Status.IN_PROGRESS, lead_unit=units["town"])
    assert chosen() == set()
    workflow.apply(item, "return", officer, reason="佐证不足")
    assert chosen() == {"被退回"}
    Item.objects.filter(pk=item.pk).update(status=Item.Status.SUBMITTED)  # submitted again
    assert chosen() == set()


@pytest.mark.django_db
def test_the_returned_filter_and_the_marks_agree(people, units):
    """被退回 is one rule read two ways: the filter (SQL over items) and the reasons a page's
    rows show (``returned_reasons``, from the journal alone)."""
    from duban.ledger import workflow
    from duban.ledger.filters import returned_reasons

    officer, S = people["officer"], Item.Status

    def item(text, status=S.SUBMITTED):
        return Item.objects.create(text=text, status=status, lead_unit=units["town"])

    once, twice, reopened, resubmitted = item("退回一次"), item("退回两次"), item("退回后重新打开"), item("退回后再申请")
    item("开始办理", S.IN_PROGRESS)
    for it in (once, twice, reopened, resubmitted):
        workflow.apply(it, "return", officer, reason="佐证不足")
    Item.objects.filter(pk=twice.pk).update(status=S.SUBMITTED)
    workflow.apply(Item.objects.get(pk=twice.pk), "return", officer, reason="照片不清楚")
    Item.objects.filter(pk=reopened.pk).update(status=S.CLOSED)
    workflow.apply(Item.objects.get(pk=reopened.pk), "reopen", officer, reason="群众反映未整改")
    Item.objects.filter(pk=resubmitted.pk).update(status=S.SUBMITTED)

    chosen = set(select(LedgerFilters(returned=True)).queryset().values_list("pk", flat=True))
    reasons = returned_reasons(Item.objects.all())
    assert chosen == set(reasons) == {once.pk, twice.pk}
    assert reasons == {once.pk: "佐证不足", twice.pk: "照片不清楚"}


@pytest.mark.django_db
def test_pending_extension(people, units):
    from duban.ledger.models import Extension

    item = Item.objects.create(text="申请延期", status=Item.Status.IN_PROGRESS, lead_unit=units["town"])
    Item.objects.create(text="未申请", status=Item.Status.IN_PROGRESS, lead_unit=units["town"])
    extension = Extension.objects.create(item=item, new_deadline=dt.date(2030, 1, 1), reason="雨季")
    assert list(select(LedgerFilters(pending_extension=True)).queryset()) == [item]
    extension.status = Extension.Status.APPROVED
    extension.save()
    assert not select(LedgerFilters(pending_extension=True)).queryset().exists()
