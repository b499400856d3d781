"""The one clock: every "now" and "today" in duban is read here.

Lights, deadlines, the journal's timestamps, reminders and reports all ask this module,
so a test (or a training session) can move time for the whole program at once:

- ``frozen(moment)`` stops the clock at a moment (tests);
- the ``DUBAN_CLOCK`` setting (an ISO date or date-time) starts the clock there and lets
  it run on from that point, so a whole suite or a demo can live a year ahead or back.

Nothing else in duban calls ``timezone.now()`` or ``date.today()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_frozen: dt.datetime | None = None
_offset: dt.timedelta | None = None  # from the DUBAN_CLOCK setting, read once


def parse_moment(value: str | dt.date | dt.datetime) -> dt.datetime:
    """An aware date-time from an ISO string, a date (its noon) or a date-time."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.strip()) if "T" in value or " " in value.strip() \
            else dt.date.fromisoformat(value.strip())
    if not isinstance(value, dt.datetime):
        # Noon, so that "today" is the same date in every time zone a test may use.
        value = dt.datetime.combine(value, dt.time(12))
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _setting_offset() -> dt.timedelta:
    global _offset
    if _offset is None:
        from django.conf import settings

        start = getattr(settings, "DUBAN_CLOCK", "") or ""
        _offset = parse_moment(start) - timezone.now() if start else dt.timedelta(0)
    return _offset


def now() -> dt.datetime:
    """The current moment, aware."""
    if _frozen is not None:
        return _frozen
    return timezone.now() + _setting_offset()


def today() -> dt.date:
    """Today's date in the configured time zone."""
    return timezone.localdate(now())


@contextmanager
def frozen(moment: str | dt.date | dt.datetime) -> Iterator[dt.datetime]:
    """Stop the clock at ``moment`` inside the block (a date means its noon)."""
    global _frozen
    before, _frozen = _frozen, parse_moment(moment)
    try:
        yield _frozen
    finally:
        _frozen = before


def reset() -> None:
    """Forget the frozen moment and re-read the DUBAN_CLOCK setting on next use."""
    global _frozen, _offset
    _frozen, _offset = None, None
