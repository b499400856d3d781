"""Daily reminders: each liaison gets their unit's yellow and red items by email, and a
summary goes to a 企业微信/钉钉-style group webhook (``settings.DUBAN_REMINDER_WEBHOOK``).

The webhook body is ``{"msgtype": "markdown", "markdown": {"title": ..., "content": ..., "text": ...}}``:
企业微信 reads ``content``, 钉钉 reads ``title`` and ``text``, so one body suits both.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail

from duban import clock
from duban.ledger.models import Item, Unit, User

log = logging.getLogger("duban.reminders")


# Items listed per light in one email (the most overdue, the soonest due); the counts are
# whole, and the email links to the unit's ledger for the rest.
EMAIL_LIMIT = 50


@dataclass
class UnitReminder:
    unit: Unit
    red_count: int = 0
    yellow_count: int = 0
    red: list[Item] = field(default_factory=list)
    yellow: list[Item] = field(default_factory=list)


@dataclass
class Outcome:
    units: int = 0
    emails: int = 0
    webhook: bool = False
    errors: list[str] = field(default_factory=list)


def collect(today: dt.date | None = None) -> list[UnitReminder]:
    """Units with yellow or red items in the ledger, reddest first: counted in SQL, with the
    first EMAIL_LIMIT items of each light (a unit can have thousands)."""
    today = today or clock.today()
    open_items = Item.objects.in_ledger().exclude(status=Item.Status.CLOSED).filter(lead_unit__isnull=False)
    by_unit: dict[int, UnitReminder] = {}
    for row, lights in open_items.light_counts("lead_unit", today=today):
        red, yellow = lights.get(Item.Light.RED, 0), lights.get(Item.Light.YELLOW, 0)
        if red or yellow:
            entry = by_unit.setdefault(row["lead_unit"], UnitReminder(None))
            entry.red_count += red
            entry.yellow_count += yellow
    for unit in Unit.objects.filter(pk__in=by_unit):
        entry = by_unit[unit.pk]
        entry.unit = unit
        mine = open_items.filter(lead_unit=unit).order_by("deadline", "id")
        entry.red = list(mine.filter(Item.light_is(Item.Light.RED, today))[:EMAIL_LIMIT])
        entry.yellow = list(mine.filter(Item.light_is(Item.Light.YELLOW, today))[:EMAIL_LIMIT])
    return sorted(by_unit.values(), key=lambda r: (-r.red_count, -r.yellow_count, r.unit.name))


def _line(item: Item, today: dt.date) -> str:
    late = item.days_overdue(today)
    when = f"超期{late}天" if late else f"{item.deadline:%Y-%m-%d}到期"
    return f"{item.text[:60]}（{when}）"


def email_body(reminder: UnitReminder, today: dt.date, base_url: str = "") -> str:
    lines = [f"{reminder.unit.name}：", ""]
    for label, light, items, count in (("红灯（已超期）", Item.Light.RED, reminder.red, reminder.red_count),
                                        ("黄灯（临近时限）", Item.Light.YELLOW, reminder.yellow, reminder.yellow_count)):
        if items:
            lines.append(f"{label} {count} 项：")
            lines += [f"  {n}. {_line(i, today)} {base_url}/items/{i.pk}/" for n, i in enumerate(items, 1)]
            if count > len(items):
                lines.append(f"  ……另有 {count - len(items)} 项，见 {base_url}/ledger/?unit={reminder.unit.pk}&light={light}")
            lines.append("")
    lines.append("请及时办理并报送进展。——督查室")
    return "\n".join(lines)


def markdown(reminders: list[UnitReminder], today: dt.date) -> str:
    red = sum(r.red_count for r in reminders)
    yellow = sum(r.yellow_count for r in reminders)
    lines = [f"### 督办提醒 {today:%Y-%m-%d}", f"红灯 <font color=\"warning\">{red}</font> 项，黄灯 {yellow} 项", ""]
    for r in reminders:
        lines.append(f"- **{r.unit.name}**：红灯 {r.red_count} 项，黄灯 {r.yellow_count} 项")
    return "\n".join(lines)


def post_webhook(url: str, reminders: list[UnitReminder], today: dt.date, timeout: float = 10) -> None:
    content = markdown(reminders, today)
    body = {"msgtype": "markdown", "markdown": {"title": "督办提醒", "content": content, "text": content}}
    request = urllib.request.Request(url, data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                                     headers={"Content-Type": "application/json; charset=utf-8"}, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (configured URL)
        if response.status >= 300:
            raise OSError(f"webhook answered HTTP {response.status}")


def send(today: dt.date | None = None, *, webhook: str | None = None, dry_run: bool = False,
         base_url: str = "") -> Outcome:
    """Email every active liaison with an address their unit's reminders; post the summary."""
    today = today or clock.today()
    reminders = collect(today)
    outcome = Outcome(units=len(reminders))
    for reminder in reminders:
        recipients = list(User.objects.filter(unit=reminder.unit, role=User.Role.LIAISON, is_active=True)
                          .exclude(email="").values_list("email", flat=True))
        if not recipients:
            continue
        subject = f"【督办提醒】{reminder.unit.name}：红灯{reminder.red_count}项，黄灯{reminder.yellow_count}项"
        if not dry_run:
            try:
                send_mail(subject, email_body(reminder, today, base_url), settings.DEFAULT_FROM_EMAIL, recipients)
            except OSError as error:
                outcome.errors.append(f"邮件发送失败（{reminder.unit.name}）：{error}")
                continue
        outcome.emails += len(recipients)
    url = settings.DUBAN_REMINDER_WEBHOOK if webhook is None else webhook
    if url and reminders and not dry_run:
        try:
            post_webhook(url, reminders, today)
            outcome.webhook = True
        except OSError as error:
            outcome.errors.append(f"群机器人推送失败：{error}")
    return outcome
