"""催办: the office presses a unit on items it is working on.

A 催办 changes nothing about the item; it is a journal line (action ``urge``, the note as
its reason, the escalation level at the time as its ``escalation`` value) and a notice to the lead unit's
liaisons and group robot through ``duban.notify`` (event ``urge``). Pages, the API and the
bulk action on the ledger all call ``urge`` / ``urge_many``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from duban.ledger import workflow
from duban.ledger.models import Item, Journal, User
from duban.notify import events as notify_events

URGE = "urge"  # the journal's action and the notice's event


def authorize(user: User | None, item: Item | None = None) -> None:
    """Only the office urges (the command line has its rights); checked before anything else."""
    if not workflow.may(user, workflow.OFFICE, item):
        raise workflow.NotAllowed(_("只有督查室可以催办。"))


def check_urgeable(item: Item) -> None:
    """Only items a unit is working on (交办 and not yet 销号) can be urged."""
    if item.status not in Item.ACTIVE:
        raise workflow.InvalidTransition(_("事项“%(item)s”当前状态为“%(status)s”，不能催办。")
                                         % {"item": item, "status": item.get_status_display()})


@transaction.atomic
def urge(item: Item, user: User | None, note: str = "") -> Journal:
    """催办 one item: journaled, and its lead unit notified once the transaction commits."""
    authorize(user, item)
    check_urgeable(item)
    return _urge(item, user, note.strip())


@transaction.atomic
def urge_many(items, user: User | None, note: str = "") -> list[Journal]:
    """催办 several items, all or none: one that cannot be urged refuses the whole batch."""
    authorize(user)
    items = list(items)
    for item in items:
        check_urgeable(item)
    return [_urge(item, user, note.strip()) for item in items]


def _urge(item: Item, user: User | None, note: str) -> Journal:
    entry = Journal.record(user=user, item=item, action=URGE, field="escalation", new=item.escalation(), reason=note)
    notify_events.urge(item, note)
    return entry


def urge_count(item: Item) -> int:
    """How many times the item has been urged (the journal is the record)."""
    return item.journal.filter(action=URGE).count()
