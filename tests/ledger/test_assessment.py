"""考核: the measures per lead unit over a period, their edge cases, and their query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from duban.ledger import assessment, closing, services, workflow
from duban.ledger.assessment import Period, UnitScore
from duban.ledger.filters import select
from duban.ledger.models import Item, Journal

pytestmark = pytest.mark.django_db
S = Item.Status
Q4 = Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
TODAY = dt.date(2026, 12, 5)


def local(day: dt.date, hour=10, minute=0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def closed(units):
    """``closed(on, deadline, unit="town", rating="good")``: an item closed at a local moment."""
    def make(on: dt.datetime, deadline: dt.date | None, unit="town", rating="good", status=S.CLOSED):
        return Item.objects.create(text="事项", status=status, lead_unit=units[unit], deadline=deadline,
                                   closed_at=on, rating=rating)
    return make


def by_unit(period=Q4, today=TODAY):
    return {s.unit: s for s in assessment.assess(period, today=today)}


# --- periods ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "since", "until"), [
    (dt.date(2026, 1, 1), dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 5, 31), dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    (dt.date(2026, 9, 30), dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    (dt.date(2026, 12, 31), dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
])
def test_quarter_of(day, since, until):
    assert assessment.quarter_of(day) == Period(since, until)


def test_previous_quarter_crosses_the_year():
    assert assessment.previous_quarter(dt.date(2027, 2, 10)) == Q4


# --- the measures, pure ----------------------------------------------------------------------

def test_rate_and_mean_score_with_nothing_to_count_are_none():
    empty = UnitScore(1, "甲")
    assert empty.on_time_rate is None and empty.mean_score is None and empty.overdue == 0


def test_mean_score_weights_each_grade_by_its_score():
    score = UnitScore(1, "甲", ratings={"good": 2, "fair": 1, "average": 0, "poor": 1}, unrated=5)
    assert score.rated == 4 and score.mean_score == (100 * 2 + 80 + 40) / 4


def test_rank_puts_units_without_a_rate_last_and_sorts_by_any_measure():
    a = UnitScore(1, "甲", with_deadline=2, on_time=1, returns=3)
    b = UnitScore(2, "乙", with_deadline=4, on_time=4, overdue_now=2)
    c = UnitScore(3, "丙", overdue_now=1)
    assert [s.unit for s in assessment.rank([a, b, c])] == ["乙", "甲", "丙"]
    assert [s.unit for s in assessment.rank([a, b, c], by="overdue")] == ["甲", "丙", "乙"]
    assert [s.unit for s in assessment.rank([a, b, c], by="returns")][0] == "乙"


def test_total_sums_the_counts():
    whole = assessment.total([UnitScore(1, "甲", closed=2, with_deadline=2, on_time=1, ratings={"good": 1,
                              "fair": 0, "average": 0, "poor": 0}),
                              UnitScore(2, "乙", closed=1, with_deadline=1, on_time=1, ratings={"good": 0,
                              "fair": 0, "average": 0, "poor": 1})])
    assert (whole.closed, whole.on_time_rate, whole.mean_score) == (3, 2 / 3, 70)


# --- the measures, counted -------------------------------------------------------------------

def test_closed_on_the_deadline_day_is_on_time_and_a_day_later_is_late(closed):
    deadline = dt.date(2026, 11, 10)
    closed(local(deadline, 23, 59), deadline)
    closed(local(deadline + dt.timedelta(days=1), 0, 1), deadline)
    town = by_unit()["天桥街道"]
    assert (town.closed, town.with_deadline, town.on_time, town.closed_late) == (2, 2, 1, 1)
    assert town.on_time_rate == 0.5 and town.overdue == 1


def test_items_without_a_deadline_count_as_closed_but_not_in_the_rate(closed):
    closed(local(dt.date(2026, 11, 1)), None)
    closed(local(dt.date(2026, 11, 1)), dt.date(2026, 11, 20))
    town = by_unit()["天桥街道"]
    assert (town.closed, town.with_deadline, town.on_time_rate, town.closed_late) == (2, 1, 1.0, 0)


def test_period_boundaries_are_local_days_both_included(closed):
    deadline = dt.date(2027, 6, 30)
    closed(local(Q4.since, 0, 0), deadline)  # the first moment of the period
    closed(local(Q4.until, 23, 59), deadline)  # the last minute of it
    closed(local(Q4.since - dt.timedelta(days=1), 23, 59), deadline)  # before
    closed(local(Q4.until + dt.timedelta(days=1), 0, 0), deadline)  # after
    assert by_unit()["天桥街道"].closed == 2


def test_an_approved_extension_moves_the_deadline_that_counts(people, units, frozen_clock):
    frozen_clock(dt.date(2026, 10, 8))
    item = workflow.apply(Item.objects.create(text="修缮"), "assign", people["officer"], lead_unit=units["town"],
                          deadline=dt.date(2026, 10, 31))
    item = workflow.apply(item, "sign", people["liaison"])
    extension = services.request_extension(item, people["liaison"], new_deadline=dt.date(2026, 11, 30),
                                           reason="雨季停工")
    services.decide_extension(extension, people["officer"], approve=True)
    item = services.report_progress(item, people["liaison"], text="已完成").item
    frozen_clock(dt.date(2026, 11, 15))  # after the first deadline, before the extended one
    item = closing.submit(item, people["liaison"], completion="已完成")
    workflow.apply(item, "close", people["officer"], reason="现场核实", rating="good")
    town = by_unit()["天桥街道"]
    assert (town.on_time, town.closed_late, town.on_time_rate) == (1, 0, 1.0)


def test_a_reopened_item_is_not_closed_and_counts_when_closed_again(people, units, frozen_clock):
    frozen_clock(dt.date(2026, 10, 8))
    item = workflow.apply(Item.objects.create(text="整治"), "assign", people["officer"], lead_unit=units["town"],
                          deadline=dt.date(2026, 11, 1))
    item = workflow.apply(item, "sign", people["liaison"])
    item = services.report_progress(item, people["liaison"], text="已完成").item
    item = closing.submit(item, people["liaison"], completion="已完成")
    item = workflow.apply(item, "close", people["officer"], reason="现场核实", rating="good")
    frozen_clock(dt.date(2026, 10, 20))
    item = workflow.apply(item, "reopen", people["officer"], reason="问题反弹")
    assert "天桥街道" not in by_unit(today=dt.date(2026, 10, 21))  # not closed, not overdue: nothing to count
    frozen_clock(dt.date(2026, 11, 3))  # overdue by now, then closed late
    assert by_unit(today=dt.date(2026, 11, 3))["天桥街道"].overdue_now == 1
    item = closing.submit(item, people["liaison"], completion="已完成")
    workflow.apply(item, "close", people["officer"], reason="复核", rating="poor")
    town = by_unit(today=dt.date(2026, 11, 3))["天桥街道"]
    assert (town.closed, town.closed_late, town.overdue_now, town.ratings["poor"], town.mean_score) == (1, 1, 0, 1, 40)


def test_overdue_now_returns_and_ratings_per_lead_unit(closed, units, make_returns):
    closed(local(dt.date(2026, 11, 2)), dt.date(2026, 12, 1), rating="fair")
    closed(local(dt.date(2026, 11, 3)), dt.date(2026, 12, 1), rating="")
    closed(local(dt.date(2026, 11, 3)), dt.date(2026, 12, 1), unit="other", rating="poor")
    Item.objects.create(text="逾期", status=S.IN_PROGRESS, lead_unit=units["other"], deadline=dt.date(2026, 12, 1))
    Item.objects.create(text="未到期", status=S.IN_PROGRESS, lead_unit=units["other"], deadline=dt.date(2026, 12, 9))
    make_returns(units["other"], [dt.date(2026, 10, 9), dt.date(2026, 10, 10), dt.date(2026, 9, 30)])
    scores = by_unit()
    town, other = scores["天桥街道"], scores["翟庄街道"]
    assert (town.ratings["fair"], town.unrated, town.mean_score, town.returns, town.overdue_now) == (1, 1, 80, 0, 0)
    assert (other.ratings["poor"], other.mean_score, other.returns, other.overdue_now) == (1, 40, 2, 1)
    assert "漓江路社区" not in scores  # nothing to count: not listed
    assert [s.unit for s in assessment.assess(Q4, today=TODAY)] == ["天桥街道", "翟庄街道"]


@pytest.fixture
def make_returns(people):
    def make(unit, days):
        item = Item.objects.create(text="被退回", status=S.IN_PROGRESS, lead_unit=unit,
                                   deadline=dt.date(2027, 1, 1))
        for day in days:
            Journal.objects.create(item=item, action="return", field="status", old=S.SUBMITTED, new=S.IN_PROGRESS,
                                   at=local(day), reason="佐证不足")
        return item
    return make


@pytest.mark.parametrize("measure", [*assessment.MEASURES, "good", "fair", "none"])
def test_each_count_is_what_its_ledger_filter_selects(closed, units, make_returns, measure, frozen_clock):
    frozen_clock(TODAY)  # the ledger's red light is today's
    closed(local(dt.date(2026, 11, 2)), dt.date(2026, 11, 1), rating="fair")
    closed(local(dt.date(2026, 11, 2)), dt.date(2026, 11, 3), rating="good")
    closed(local(dt.date(2026, 11, 2)), None, rating="")
    closed(local(dt.date(2026, 11, 2)), dt.date(2026, 11, 1), unit="other", rating="good")
    Item.objects.create(text="逾期", status=S.IN_PROGRESS, lead_unit=units["town"], deadline=dt.date(2026, 12, 1))
    make_returns(units["town"], [dt.date(2026, 10, 9)])
    make_returns(units["community"], [dt.date(2026, 10, 9)])  # below town: not town's
    town = by_unit()["天桥街道"]
    counted = {"good": town.ratings["good"], "fair": town.ratings["fair"], "none": town.unrated}.get(measure)
    counted = getattr(town, measure) if counted is None else counted
    listed = select(assessment.ledger_filters(Q4, measure, units["town"].pk)).queryset().count()
    assert counted == listed and counted > 0


def test_the_query_count_does_not_grow_with_the_ledger(closed, units, make_returns):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assessment.assess(Q4, today=TODAY)
        return len(captured)

    closed(local(dt.date(2026, 11, 2)), dt.date(2026, 11, 1))
    few = queries()
    for n in range(30):
        unit = ("town", "other", "community", "civil")[n % 4]
        closed(local(dt.date(2026, 10, 1 + n)), dt.date(2026, 10, 15), unit=unit, rating=("good", "poor", "")[n % 3])
        make_returns(units[unit], [dt.date(2026, 11, 1)])
    assert queries() == few == 4
