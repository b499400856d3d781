"""督办编号: given at the first 交办 from a counter per year, unique, never reused."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from duban.ledger import numbering, workflow
from duban.ledger.models import Item, ItemNumberCounter, Journal

pytestmark = pytest.mark.django_db


@pytest.fixture
def assign(people, units):
    def step(text="事项"):
        item = Item.objects.create(text=text)
        return workflow.apply(item, "assign", people["officer"], lead_unit=units["town"],
                              deadline=dt.date(2030, 1, 1))
    return step


def test_pattern():
    assert numbering.format_number(2026, 17) == "督〔2026〕17号"
    assert numbering.format_number(2026, 3, "{year}-督-{number:03d}") == "2026-督-003"


def test_assignment_numbers_items_in_order_and_journals_it(assign, frozen_clock):
    frozen_clock(dt.date(2026, 3, 1))
    first, second = assign("甲"), assign("乙")
    assert (first.number, second.number) == ("督〔2026〕1号", "督〔2026〕2号")
    assert Item.objects.get(pk=first.pk).number == "督〔2026〕1号"
    assert Journal.objects.get(item=first, field="number").new == "督〔2026〕1号"


def test_each_year_counts_from_one(assign, frozen_clock):
    frozen_clock(dt.date(2026, 12, 31))
    assign()
    frozen_clock(dt.date(2027, 1, 1))
    assert assign().number == "督〔2027〕1号"


def test_the_pattern_comes_from_the_setting(assign, settings, frozen_clock):
    frozen_clock(dt.date(2026, 5, 1))
    settings.DUBAN_ITEM_NUMBER_PATTERN = "漯督字〔{year}〕第{number}号"
    assert assign().number == "漯督字〔2026〕第1号"


def test_a_number_is_kept_through_reopening_and_never_given_again(assign, people, frozen_clock):
    frozen_clock(dt.date(2026, 3, 1))
    item = assign()
    Item.objects.filter(pk=item.pk).update(status=Item.Status.ACCEPTED)  # back before 交办
    item = workflow.apply(Item.objects.get(pk=item.pk), "assign", people["officer"])
    assert item.number == "督〔2026〕1号"
    Item.objects.filter(pk=item.pk).delete()
    assert assign().number == "督〔2026〕2号"  # the deleted item's number is not reused


def test_a_refused_assignment_takes_no_number(people, assign, frozen_clock):
    frozen_clock(dt.date(2026, 3, 1))
    item = Item.objects.create(text="没有时限")
    with pytest.raises(workflow.WorkflowError):
        workflow.apply(item, "assign", people["officer"], lead_unit=people["liaison"].unit)
    assert not ItemNumberCounter.objects.filter(last__gt=0).exists()
    assert assign().number == "督〔2026〕1号"


def test_numbers_are_unique_in_the_database(assign):
    item = assign()
    other = Item.objects.create(text="另一事项")
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(pk=other.pk).update(number=item.number)
