"""To-do queues on each role's home page: what is waiting for this person now.

Each queue is a set of ledger filters (the query string of the ledger page), read through the
ledger page's own form, so the queue's count, its first items and the ledger it links to are
the same selection. Counted in SQL; only the first few rows are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from duban import clock
from duban.ledger.filters import select
from duban.ledger.models import Item, Journal, User
from duban.web.filters import SORTS, LedgerFilter
from duban.web.views.common import ledger_url

SHOWN = 5  # rows listed under each queue; the ledger has them all

R, Y, S = Item.Light.RED, Item.Light.YELLOW, Item.Status

OFFICE_QUEUES = [
    ("review", _("待审核"), {"status": S.PROPOSED}),
    ("verify", _("待核验销号"), {"status": S.SUBMITTED}),
    ("extensions", _("延期待批"), {"pending_extension": 1}),
    ("overdue", _("超期"), {"light": R}),
    ("reassign", _("待重新交办"), {"declined": 1}),
]
LIAISON_QUEUES = [
    ("sign", _("待签收"), {"status": S.ASSIGNED, "lead_only": 1}),  # co-units do not sign
    ("returned", _("被退回"), {"returned": 1}),
    ("due_soon", _("即将到期"), {"light": Y}),
]


@dataclass
class Queue:
    key: str
    label: str
    count: int
    url: str
    items: list = field(default_factory=list)


def definitions(user: User) -> list[tuple[str, str, dict]]:
    """(key, label, ledger query) of the queues this user's role has."""
    if user.is_office:
        return OFFICE_QUEUES
    if user.role == User.Role.LEADER:
        name = user.get_full_name() or user.username
        # 呈批 the leader has not read yet, apart from those 圈阅'd and still waiting for a 批示.
        return [("instruct", _("待批示"), {"awaiting_instruction": user.pk, "instruction_read": 0}),
                ("instruct_read", _("已圈阅待批示"), {"awaiting_instruction": user.pk, "instruction_read": 1}),
                ("red", _("我交办或分管的红灯事项"), {"leader": name, "light": R})]
    if user.role == User.Role.LIAISON and user.unit_id:
        return LIAISON_QUEUES
    return []


def queues_for(user: User) -> list[Queue]:
    """The user's queues, cached like the dashboard's counts (``DUBAN_DASHBOARD_CACHE_SECONDS``)
    under the newest journal line: every change to an item is journaled, so none is missed."""
    seconds = settings.DUBAN_DASHBOARD_CACHE_SECONDS
    if not seconds:
        return _queues(user)
    last_change = Journal.objects.aggregate(last=Max("pk"))["last"] or 0
    # Who the queues are for: all officers share theirs, a leader's follow the person (their
    # 呈批) and name, a liaison's the unit.
    whose = "office" if user.is_office else f"{user.role}:{user.unit_id}:{user.pk}:{user.get_full_name() or user.username}"
    key = f"duban:queues:{clock.today().isoformat()}:{last_change}:{get_language()}:{whose}"
    return cache.get_or_set(key, lambda: _queues(user), seconds)


def _queues(user: User) -> list[Queue]:
    items = Item.objects.select_related("lead_unit", "subject")
    scope = user.visible_unit_ids()
    queues = []
    for key, label, query in definitions(user):
        filters = LedgerFilter(query).ledger_filters()  # exactly what the linked ledger page selects
        rows = select(filters, scope, items=items, order=SORTS["deadline"]).rows()
        count = rows.count()
        queues.append(Queue(key, str(label), count, ledger_url(**query), list(rows[:SHOWN]) if count else []))
    return queues
