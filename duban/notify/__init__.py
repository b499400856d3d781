"""Notifications: one way out for everything duban tells people (催办, reminders, assignments,
returns, escalations), over channels that plugins provide.

    from duban import notify
    notify.send("urge", item, [liaison], text="请今天内报送进展")

Every message is recorded per recipient and channel in ``Delivery`` (with each try in
``DeliveryAttempt``); failures are retried with backoff by the worker, and one that still
fails is marked failed and logged, never dropped.
"""

from __future__ import annotations


def send(event, item=None, recipients=(), **message):
    """See ``duban.notify.service.send`` (imported late: this package loads before the models)."""
    from duban.notify.service import send as _send

    return _send(event, item, recipients, **message)
