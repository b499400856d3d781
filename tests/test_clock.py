"""duban.clock: the one place every "now" and "today" comes from."""

import datetime as dt

import pytest
from django.utils import timezone

from duban import clock


def test_frozen_stops_the_clock_and_gives_it_back():
    before = clock.now()
    with clock.frozen(dt.date(2031, 12, 31)) as moment:
        assert clock.today() == dt.date(2031, 12, 31)
        assert clock.now() == moment and timezone.is_aware(moment)
    assert dt.timedelta(0) <= clock.now() - before < dt.timedelta(seconds=5)


def test_frozen_blocks_nest():
    with clock.frozen("2025-01-01"):
        with clock.frozen("2026-06-30T08:00:00"):
            assert clock.today() == dt.date(2026, 6, 30)
        assert clock.today() == dt.date(2025, 1, 1)


def test_the_setting_starts_the_clock_elsewhere_and_lets_it_run(settings):
    settings.DUBAN_CLOCK = "2025-01-01"
    clock.reset()
    first = clock.now()
    assert clock.today() == dt.date(2025, 1, 1)
    assert abs(timezone.now() - first) > dt.timedelta(days=300)
    assert clock.now() >= first  # it runs on from the start it was given


def test_the_journal_and_the_workflow_stamp_the_clock(db, frozen_clock):
    from duban.ledger import workflow
    from duban.ledger.models import Item, Journal, Unit, User

    frozen_clock(dt.datetime(2027, 3, 4, 9, 30))
    officer = User.objects.create_user("officer", role=User.Role.OFFICER)
    item = workflow.apply(Item.objects.create(text="事项"), "assign", officer,
                          lead_unit=Unit.objects.create(name="区民政局"), deadline=dt.date(2027, 3, 10))
    assert timezone.localdate(item.assigned_at) == dt.date(2027, 3, 4)
    assert timezone.localdate(item.created_at) == dt.date(2027, 3, 4)
    assert {timezone.localdate(j.at) for j in Journal.objects.filter(item=item)} == {dt.date(2027, 3, 4)}


@pytest.mark.parametrize("value", ["2027-02-30", "not a date"])
def test_a_bad_setting_says_what_is_wrong(value):
    with pytest.raises(ValueError):
        clock.parse_moment(value)
