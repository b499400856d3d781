"""``send``: record a notice per recipient and channel, then deliver it (through the worker's
queue after the commit, so a slow channel never holds up a web request); ``retry_due``: the
worker's pass over notices whose last try failed.

Delivery is at least once: a row is written before the channel is called and marked sent
after, so a crash between the two sends it again rather than never.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from duban import clock, tasks
from duban.notify import plugins
from duban.notify.channels.base import DeliveryError, Message
from duban.notify.models import Delivery, DeliveryAttempt, Target

log = logging.getLogger("duban.notify")

EVENTS = {"remind": "督办提醒", "assign": "交办", "return": "退回", "urge": "催办", "escalate": "督办升级",
          "instruct": "领导批示", "present": "呈批", "decline": "非本单位职责"}

# How long a worker or request holds a notice it is sending before another may take it.
LEASE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Address:
    """A recipient that is no user: a robot or an address from the settings."""

    channel: str
    address: str


def backoff(attempts: int) -> dt.timedelta:
    """Wait after the n-th failed try: 1, 2, 4 … minutes, at most 6 hours."""
    return dt.timedelta(seconds=min(60 * 2 ** (attempts - 1), 6 * 3600))


def max_attempts() -> int:
    return int(getattr(settings, "DUBAN_NOTIFY_MAX_ATTEMPTS", 10))


def item_url(item) -> str:
    return f"{getattr(settings, 'DUBAN_BASE_URL', '').rstrip('/')}/items/{item.pk}/"


def send(event: str, item=None, recipients: Iterable = (), *, title: str = "", text: str = "", url: str = "",
         markdown: str = "", immediately: bool = False) -> list[Delivery]:
    """Notify ``recipients`` (users, ``Target``s or ``Address``es) of ``event`` about ``item``.

    Users get the channels they chose (``Target``), or email when they chose none. Each
    recipient × channel is one ``Delivery`` row. After the surrounding transaction commits (a
    notice about a change that rolled back is never sent) the delivery is handed to the task
    queue (``deliver_later``); with ``immediately`` it is tried here and now (callers outside
    any transaction that may wait, such as the reminder run). Returns the rows, updated with
    the first try's result when sent at once.
    """
    label = EVENTS.get(event, event)
    message = Message(event=event, title=title or f"【{label}】{item.text[:40] if item else ''}",
                      text=text or (item.text if item else label), url=url or (item_url(item) if item else ""),
                      markdown=markdown)
    deliveries = [_record(message, item, *route) for route in routes(recipients, event)]
    pending = [d.pk for d in deliveries if d.status == Delivery.Status.PENDING]
    if immediately:
        deliver(pending)
        for d in deliveries:
            d.refresh_from_db()
    elif pending:
        transaction.on_commit(lambda: deliver_later(pending))
    return deliveries


@tasks.huey.task(retries=3, retry_delay=60, name="duban.notify.deliver")
@tasks.fresh_connections
def deliver_later(ids: list[int]) -> int:
    """``deliver`` as a task of the worker (at once, in this process, where none runs: see
    ``duban.tasks``). Each try is logged on its ``Delivery``; a failed one waits for
    ``retry_due``. The task itself is retried when it fails as a whole (the database busy or
    down), and a notice whose task is lost still goes out at the worker's next retry pass:
    its row waits, due, in the database."""
    sent = deliver(ids)
    log.info("queued notices: %d of %d sent", sent, len(ids))
    return sent


def routes(recipients: Iterable, event: str):
    """(user, target, channel, address) for each recipient's channels, each address once."""
    seen = set()
    for recipient in recipients:
        for route in _routes_of(recipient, event):
            key = (route[2], route[3])
            if key not in seen or not route[3]:
                seen.add(key)
                yield route


def _routes_of(recipient, event: str):
    if isinstance(recipient, Address):
        yield None, None, recipient.channel, recipient.address
        return
    if isinstance(recipient, Target):
        if recipient.wants(event):
            yield recipient.user, recipient, recipient.channel, _address(recipient, recipient.user)
        return
    user = recipient
    targets = list(user.notify_targets.all())  # prefetched by events.unit_recipients
    if not targets:
        yield user, None, "email", user.email  # the default until the user chooses
    for target in targets:
        if target.wants(event):
            yield user, target, target.channel, _address(target, user)


def _address(target: Target, user) -> str:
    if target.address or user is None:
        return target.address
    try:
        return plugins.channel(target.channel).default_address(user)
    except LookupError:
        return ""


def _record(message: Message, item, user, target, channel: str, address: str) -> Delivery:
    delivery = Delivery(event=message.event, item=item, user=user, target=target, channel=channel,
                        address=address, title=message.title[:300], text=message.text, url=message.url,
                        markdown=message.markdown)
    # Recorded in Chinese, shown translated (gettext_noop marks it for the catalogue).
    problem = gettext_noop("没有地址（未填写邮箱、电话或机器人地址）") if not address else None
    if channel not in plugins.channels():
        problem = f"未知的通知渠道：{channel}"
    if problem:  # nothing to retry: recorded as failed, so someone sees it
        delivery.status, delivery.last_error, delivery.next_attempt_at = Delivery.Status.FAILED, problem, None
        log.error("notice not deliverable: %s (%s → %s)", gettext(problem), message.title, user or address)
    delivery.save()
    return delivery


def deliver(ids: Iterable[int]) -> int:
    """Try each pending delivery once (those another process holds are skipped); sent count."""
    sent = 0
    for delivery in Delivery.objects.filter(pk__in=list(ids), status=Delivery.Status.PENDING):
        if _claim(delivery):
            sent += attempt(delivery)
    return sent


def retry_due(now: dt.datetime | None = None, limit: int = 200) -> int:
    """Try the pending deliveries whose time has come (the worker calls this every minute)."""
    now = now or clock.now()
    due = Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
    return deliver(due.order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit])


def _claim(delivery: Delivery) -> bool:
    """Take the delivery for LEASE, unless another process took it first (compare and set)."""
    lease = clock.now() + LEASE
    taken = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING,
                                    next_attempt_at=delivery.next_attempt_at).update(next_attempt_at=lease)
    delivery.next_attempt_at = lease
    return bool(taken)


def attempt(delivery: Delivery) -> bool:
    """One try over the channel, logged; then sent, or the next try scheduled, or given up."""
    message = Message(event=delivery.event, title=delivery.title, text=delivery.text, url=delivery.url,
                      markdown=delivery.markdown)
    secret = delivery.target.secret if delivery.target_id else ""
    try:
        note, ok = plugins.channel(delivery.channel).send(message, delivery.address, secret), True
    except (DeliveryError, LookupError) as error:
        note, ok = str(error), False
    except Exception as error:  # a faulty plugin must not lose the notice
        log.exception("channel %s failed", delivery.channel)
        note, ok = f"{type(error).__name__}: {error}", False
    now = clock.now()
    DeliveryAttempt.objects.create(delivery=delivery, at=now, ok=ok, note=str(note)[:500])
    delivery.attempts += 1
    if ok:
        delivery.status, delivery.sent_at, delivery.next_attempt_at, delivery.last_error = (
            Delivery.Status.SENT, now, None, "")
    else:
        delivery.last_error = str(note)[:500]
        if delivery.attempts >= max_attempts():
            delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
            log.error("notice given up after %d tries: %s → %s (%s)", delivery.attempts, delivery.title,
                      delivery.address, note)
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
            log.warning("notice not delivered, retry at %s: %s (%s)", delivery.next_attempt_at,
                        delivery.address, note)
    delivery.save(update_fields=["status", "attempts", "sent_at", "next_attempt_at", "last_error"])
    return ok


def retry_now(deliveries) -> int:
    """Put failed or waiting deliveries back in the queue for the next pass (admin action)."""
    return deliveries.exclude(status=Delivery.Status.SENT).update(
        status=Delivery.Status.PENDING, next_attempt_at=clock.now())
