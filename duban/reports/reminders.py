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
from django.utils import timezone

from duban.ledger.models import Item, Unit, User

log = logging.getLogger("duban.reminders")


@dataclass
class UnitReminder:
    unit: Unit
    red: list[Item] = field(default_factory=list)
    yellow: list[Item] = field(default_factory=list)


@dataclass
class Outcome:
    units: int = 0
    emails: int = 0
    webhook: bool = False
    errors: list[str] = field(default_factory=list)


def collect(today: dt.date | None = None) -> list[UnitReminder]:
    """Yellow and red items in the ledger, grouped by lead unit, reddest units first."""
    today = today or timezone.localdate()
    warn = Item.light_is(Item.Light.RED, today) | Item.light_is(Item.Light.YELLOW, today)
    items = (Item.objects.in_ledger().exclude(status=Item.Status.CLOSED).with_light(today)
             .filter(warn, lead_unit__isnull=False).select_related("lead_unit")
             .order_by("lead_unit__name", "deadline"))
    by_unit: dict[int, UnitReminder] = {}
    for item in items:
        entry = by_unit.setdefault(item.lead_unit_id, UnitReminder(item.lead_unit))
        (entry.red if item.light_sql == Item.Light.RED else entry.yellow).append(item)
    return sorted(by_unit.values(), key=lambda r: (-len(r.red), -len(r.yellow), r.unit.name))


def _line(item: Item, today: dt.date) -> str:
    late = item.days_overdue(today)
    when = f"超期{late}天" if late else f"{item.deadline:%Y-%m-%d}到期"
    return f"{item.text[:60]}（{when}）"


def email_body(reminder: UnitReminder, today: dt.date, base_url: str = "") -> str:
    lines = [f"{reminder.unit.name}：", ""]
    for label, items in (("红灯（已超期）", reminder.red), ("黄灯（临近时限）", reminder.yellow)):
        if items:
            lines.append(f"{label} {len(items)} 项：")
            lines += [f"  {n}. {_line(i, today)} {base_url}/items/{i.pk}/" for n, i in enumerate(items, 1)]
            lines.append("")
    lines.append("请及时办理并报送进展。——督查室")
    return "\n".join(lines)


def markdown(reminders: list[UnitReminder], today: dt.date) -> str:
    red = sum(len(r.red) for r in reminders)
    yellow = sum(len(r.yellow) for r in reminders)
    lines = [f"### 督办提醒 {today:%Y-%m-%d}", f"红灯 <font color=\"warning\">{red}</font> 项，黄灯 {yellow} 项", ""]
    for r in reminders:
        lines.append(f"- **{r.unit.name}**：红灯 {len(r.red)} 项，黄灯 {len(r.yellow)} 项")
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
    today = today or timezone.localdate()
    reminders = collect(today)
    outcome = Outcome(units=len(reminders))
    for reminder in reminders:
        recipients = list(User.objects.filter(unit=reminder.unit, role=User.Role.LIAISON, is_active=True)
                          .exclude(email="").values_list("email", flat=True))
        if not recipients:
            continue
        subject = f"【督办提醒】{reminder.unit.name}：红灯{len(reminder.red)}项，黄灯{len(reminder.yellow)}项"
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
