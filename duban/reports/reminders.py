"""Daily reminders: each liaison gets their unit's yellow and red items over the channels
they chose (email by default), each unit's group robot gets its own, and a summary goes to
the group webhook ``settings.DUBAN_REMINDER_WEBHOOK``.

The webhook's channel follows its host (企业微信, 钉钉, 飞书); for other hosts the body is
``{"msgtype": "markdown", "markdown": {"title": ..., "content": ..., "text": ...}}``, which
企业微信 (``content``) and 钉钉 (``title``, ``text``) both read. The worker sends them every
morning (``duban worker``); ``duban remind`` sends them by hand.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from duban import clock, notify
from duban.ledger.models import Item, Unit
from duban.notify import events as notify_events
from duban.notify.channels.robots import channel_for_url
from duban.notify.models import Delivery
from duban.notify.service import Address, routes

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
    emails: int = 0     # emails handed to the mail server (or that a dry run would send)
    notices: int = 0    # notices delivered over any channel
    webhook: bool = False
    errors: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)  # liaisons with no address at all

    def count(self, deliveries, unit_name: str) -> None:
        for d in deliveries:
            if d.status == Delivery.Status.SENT:
                self.notices += 1
                self.emails += d.channel == "email"
            elif d.attempts == 0:
                # The refusal recorded is one of notify.service's fixed messages: shown in the reader's language.
                self.unreachable.append(_("{unit} {who}：{problem}").format(unit=unit_name, who=d.user or d.address,
                                                                          problem=_(d.last_error)))
            else:
                self.errors.append(_("{status}（{unit}，{channel}）：{error}").format(
                    status=d.get_status_display(), unit=unit_name, channel=d.channel, error=d.last_error))


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


def send(today: dt.date | None = None, *, webhook: str | None = None, dry_run: bool = False,
         base_url: str | None = None) -> Outcome:
    """Notify each unit's liaisons (over the channels they chose; email by default) and group
    robots of its reminders; post the summary to ``webhook``. Everything goes through
    ``duban.notify``, so it is logged, and what fails now is retried by the worker."""
    today = today or clock.today()
    base_url = settings.DUBAN_BASE_URL if base_url is None else base_url
    reminders = collect(today)
    outcome = Outcome(units=len(reminders))
    for reminder in reminders:
        recipients = notify_events.unit_recipients([reminder.unit.pk])
        subject = f"【督办提醒】{reminder.unit.name}：红灯{reminder.red_count}项，黄灯{reminder.yellow_count}项"
        if dry_run:
            outcome.emails += sum(1 for _, _, channel, address in routes(recipients, "remind")
                                  if channel == "email" and address)
            continue
        deliveries = notify.send("remind", None, recipients, title=subject, immediately=True,
                                 text=email_body(reminder, today, base_url),
                                 url=f"{base_url}/ledger/?unit={reminder.unit.pk}")
        outcome.count(deliveries, reminder.unit.name)
    url = settings.DUBAN_REMINDER_WEBHOOK if webhook is None else webhook
    if url and reminders and not dry_run:
        summary = markdown(reminders, today)
        [delivery] = notify.send("remind", None, [Address(channel_for_url(url), url)], title="督办提醒",
                                 text=summary, markdown=summary, immediately=True)
        outcome.webhook = delivery.status == Delivery.Status.SENT
        if not outcome.webhook:
            outcome.errors.append(_("群机器人推送失败：{error}（已记录，将自动重试）").format(error=delivery.last_error))
    return outcome
