"""The worker's jobs: each a function of the moment it runs, returning a one-line result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from duban.schedule.schedules import Daily, Every, parse_time


@dataclass(frozen=True)
class JobSpec:
    name: str
    label: str
    schedule: Daily | Every
    run: Callable[[dt.datetime], str]


def remind(now: dt.datetime) -> str:
    from duban.reports import reminders

    outcome = reminders.send(timezone.localdate(now))
    failed = f"，{len(outcome.errors)} 条待重试" if outcome.errors else ""
    return f"{outcome.units} 个单位，通知 {outcome.notices} 条{failed}"


def escalate(now: dt.datetime) -> str:
    """Items whose escalation level rose today (red for 1 + k × DUBAN_ESCALATE_DAYS days):
    the lead unit is pressed, and the office gets the list."""
    from duban.ledger.models import Item, User
    from duban.notify import events, send

    today, step = timezone.localdate(now), settings.DUBAN_ESCALATE_DAYS
    deadlines = [today - dt.timedelta(days=1 + k * step) for k in range(1, 53)]  # a year of levels
    items = list(Item.objects.in_ledger().exclude(status__in=Item.FINISHED).filter(deadline__in=deadlines)
                 .select_related("lead_unit").order_by("deadline", "id"))
    for item in items:
        events.urge(item, f"已升级为第 {item.escalation(today)} 级督办。", event="escalate", immediately=True)
    if items:
        office = User.objects.filter(role__in=[User.Role.OFFICER, User.Role.ADMIN], is_active=True)
        lines = [f"- {item.text[:40]}（{item.lead_unit or '未定单位'}，超期 {item.days_overdue(today)} 天）"
                 for item in items[:50]]
        send("escalate", None, office, title=f"【督办升级】今日 {len(items)} 项", immediately=True,
             text="\n".join(lines), url=f"{settings.DUBAN_BASE_URL}/ledger/?light=red")
    return f"升级 {len(items)} 项"


def recurrence(now: dt.datetime) -> str:
    """Proposals imported before their subject was known: check them for 再次交办 again."""
    from duban.areas.recurrence import flag_recurrences
    from duban.ledger.models import Item

    flagged = sum(bool(flag_recurrences(item, now=now)) for item in
                  Item.objects.filter(status=Item.Status.PROPOSED, subject__isnull=False).iterator())
    return f"发现再次交办 {flagged} 项"


def refresh_dashboard(now: dt.datetime) -> str:
    """Compute the dashboard into the cache, so the first visitor after a change does not wait
    (shared with the web server when it runs in-process or the cache is shared)."""
    from duban.web.views.dashboard import dashboard_data

    dashboard_data(timezone.localdate(now))
    return "已刷新"


def retry_notices(now: dt.datetime) -> str:
    from duban.notify.service import retry_due

    return f"重发成功 {retry_due(now)} 条"


def all_jobs() -> list[JobSpec]:
    at = parse_time(settings.DUBAN_REMIND_AT)
    return [
        JobSpec("remind", "黄灯红灯提醒", Daily(at), remind),
        JobSpec("escalate", "督办升级通知", Daily(at), escalate),
        JobSpec("recurrence", "再次交办检查", Daily(parse_time("02:00")), recurrence),
        JobSpec("dashboard", "刷新总览", Every(5), refresh_dashboard),
        JobSpec("notify_retry", "重发未送达的通知", Every(1), retry_notices),
    ]
