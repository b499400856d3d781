"""督办编号 补编: items given before numbering existed get numbers in the order they were given,
in the year they were given, from the counters that never go back."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from duban.ledger import numbering, workflow
from duban.ledger.models import Item, ItemNumberCounter, Journal

pytestmark = pytest.mark.django_db
S = Item.Status


def given(text, when, status=S.IN_PROGRESS, unit=None):
    """An item given to a unit at ``when`` by an older duban (no number)."""
    return Item.objects.create(text=text, status=status, lead_unit=unit, deadline=dt.date(2027, 1, 1),
                               assigned_at=timezone.make_aware(when))


@pytest.fixture
def old_ledger(people, units, frozen_clock):
    frozen_clock(dt.datetime(2026, 3, 1, 9, 0))
    late_2025 = given("二〇二五年末交办", dt.datetime(2025, 12, 30, 10, 0), S.CLOSED, units["town"])
    early_2025 = given("二〇二五年初交办", dt.datetime(2025, 1, 5, 10, 0), unit=units["town"])
    early_2026 = given("二〇二六年初交办", dt.datetime(2026, 1, 10, 10, 0), S.SUBMITTED, units["town"])
    # Numbered at 交办 by the current duban: 督〔2026〕1号 is taken.
    fresh = workflow.apply(Item.objects.create(text="新交办"), "assign", people["officer"], lead_unit=units["town"],
                           deadline=dt.date(2027, 1, 1))
    proposal = Item.objects.create(text="待审核，不编号")
    return {"late_2025": late_2025, "early_2025": early_2025, "early_2026": early_2026, "fresh": fresh,
            "proposal": proposal}


def numbers(items):
    return {name: Item.objects.get(pk=item.pk).number for name, item in items.items()}


def test_backfill_numbers_in_the_order_and_year_of_assignment(old_ledger):
    assert [i.text for i in numbering.unnumbered()] == ["二〇二五年初交办", "二〇二五年末交办", "二〇二六年初交办"]
    assert numbering.backfill(numbering.unnumbered()) == 3
    assert numbers(old_ledger) == {"early_2025": "督〔2025〕1号", "late_2025": "督〔2025〕2号",
                                   "early_2026": "督〔2026〕2号", "fresh": "督〔2026〕1号", "proposal": None}
    assert dict(ItemNumberCounter.objects.values_list("year", "last")) == {2025: 2, 2026: 2}
    entry = Journal.objects.get(item=old_ledger["early_2026"], action=numbering.BACKFILL)
    assert (entry.field, entry.new) == ("number", "督〔2026〕2号")
    # Nothing left: a second run numbers nothing and the counters stay.
    assert numbering.backfill(numbering.unnumbered()) == 0
    assert dict(ItemNumberCounter.objects.values_list("year", "last")) == {2025: 2, 2026: 2}


def test_an_item_numbered_meanwhile_keeps_its_number(old_ledger):
    pending = list(numbering.unnumbered())
    Item.objects.filter(pk=old_ledger["early_2025"].pk).update(number="督〔2025〕99号")
    assert numbering.backfill(pending) == 2
    assert numbers(old_ledger)["early_2025"] == "督〔2025〕99号"
    # The number taken for it went back with its rolled-back transaction (never given out).
    assert numbers(old_ledger)["late_2025"] == "督〔2025〕1号"
    assert not Journal.objects.filter(item=old_ledger["early_2025"], action=numbering.BACKFILL).exists()


def test_the_command_is_a_dry_run_unless_told_to_apply(old_ledger):
    out = io.StringIO()
    call_command("number", backfill=True, stdout=out)
    assert "2025年：2 条，自 督〔2025〕1号 起" in out.getvalue() and "2026年：1 条，自 督〔2026〕2号 起" in out.getvalue()
    assert "--apply" in out.getvalue() and numbers(old_ledger)["early_2025"] is None
    assert not Journal.objects.filter(action=numbering.BACKFILL).exists()
    out = io.StringIO()
    call_command("number", backfill=True, apply=True, stdout=out)
    assert "已补编督办编号 3 条" in out.getvalue() and numbers(old_ledger)["early_2025"] == "督〔2025〕1号"
    with pytest.raises(CommandError, match="--backfill"):
        call_command("number")
