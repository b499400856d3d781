"""When a job is due: pure functions of a local date-time, tested on their own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Daily:
    """Once a day at ``at`` (local time), or as soon after as the worker runs (catch-up)."""

    at: dt.time
    recorded = True  # runs are recorded per day: a restart does not run it again

    def period(self, local: dt.datetime) -> str | None:
        """Today's period key once it is time, else None (not due yet)."""
        return local.date().isoformat() if local.time() >= self.at else None

    def next_after(self, local: dt.datetime, ran_today: bool) -> dt.datetime:
        today = local.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        return today + dt.timedelta(days=1) if ran_today or local.time() >= self.at else today

    def __str__(self):
        return f"每天 {self.at:%H:%M}"


@dataclass(frozen=True)
class Every:
    """Every ``minutes``; repeating one is harmless, so no period is recorded."""

    minutes: int
    recorded = False

    def next_after(self, local: dt.datetime, ran_today: bool) -> dt.datetime:
        return local.replace(second=0, microsecond=0) + dt.timedelta(minutes=self.minutes)

    def __str__(self):
        return f"每 {self.minutes} 分钟"


def parse_time(value: str) -> dt.time:
    """"08:30" → 08:30; a clear error for anything else (it comes from a setting)."""
    try:
        return dt.time.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"时间格式应为 HH:MM：{value!r}") from None
