"""The ledger's filters: one definition, used by the ledger page, the API's item list, the
Excel export (page and ``duban export``) and the Word bulletin.

``LedgerFilters`` holds the values (each empty value: no filter); ``select(filters, scope)``
builds the query. What each filter means:

- ``q``: every word (split on spaces) is the item's 督办编号, or is in the item's text, subject, stop (点位), speaker,
  leader in charge, report title or lead unit's name. ``icontains``: a LIKE scan on SQLite,
  trigram indexes on PostgreSQL (ledger migrations 0003, 0004, 0006);
- ``unit``: the unit or a unit below it leads or co-operates on the item;
- ``status``: any of these statuses; ``in_ledger``: True only items in the ledger (not
  proposed, rejected or merged), False only those; the page shows the ledger unless a
  status is chosen, the API every item unless told;
- ``leader``: the speaker (讲话领导) or the leader in charge (责任领导) contains it;
- ``since``/``until``: the report's date (its event date, else the day it was imported);
- ``deadline_from``/``deadline_to``, ``created_from``/``created_to``,
  ``assigned_from``/``assigned_to``, ``closed_from``/``closed_to``: the deadline, the day
  the item was created, given to a unit (交办), closed (销号) — the dashboard's trend opens
  one week with the last two;
- ``pending_extension``: True only items with an extension request awaiting the office;
- ``returned``: True only items the office sent back (退回) and not moved on since (in
  progress, the latest status change a 退回);
- ``topic``, ``light``, ``source``, ``subject`` (a subject or one merged into it);
- ``lead_unit``: exactly this unit leads the item (not a unit below it, not a co-operating
  one): the 考核 page's counts are per lead unit;
- ``on_time``: True only items closed on or before their deadline (the local day of 销号 no
  later than the current deadline, after approved extensions), False only items closed after
  it; items without a deadline or not closed are neither;
- ``rating``: the 评价 given at 销号 (a ``Rating`` value), or ``none`` for none (未评价);
- ``returned_from``/``returned_to``: items the office sent back (退回) within these days;
- ``declined``: True only items a unit handed back as 非本单位职责 and not given to
  another unit since (已立项, the latest status change a decline): the office's 待重新交办;
- ``lead_only``: True only items the chosen unit (else the user's own units) leads, not
  those it only co-operates on (a liaison's 待签收: co-units do not sign);
- ``awaiting_instruction``: a leader's user id: only items the office asked that leader to
  instruct on (呈批) and the leader has not yet (待批示); with ``instruction_read`` True only those
  the leader has 圈阅'd since, False only those not yet read;
- ``priority``: the item's priority (一般/重点/紧急, set by a leader's 批示).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.lookups import Exact
from django.utils import timezone

from duban.ledger import workflow
from duban.ledger.models import Extension, InstructionRequest, Item, Journal, Source, Unit
from duban.ledger.scoping import UnitItems


@dataclass(frozen=True)
class LedgerFilters:
    q: str = ""
    unit: int | None = None
    topic: str = ""
    status: tuple[str, ...] = ()
    in_ledger: bool | None = None
    light: str = ""
    leader: str = ""
    source: int | None = None
    subject: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    created_from: dt.date | None = None
    created_to: dt.date | None = None
    assigned_from: dt.date | None = None
    assigned_to: dt.date | None = None
    closed_from: dt.date | None = None
    closed_to: dt.date | None = None
    pending_extension: bool | None = None
    returned: bool | None = None
    lead_unit: int | None = None
    on_time: bool | None = None
    rating: str = ""
    returned_from: dt.date | None = None
    returned_to: dt.date | None = None
    declined: bool | None = None
    lead_only: bool | None = None
    awaiting_instruction: int | None = None
    instruction_read: bool | None = None
    priority: str = ""

    @classmethod
    def of(cls, values: dict) -> LedgerFilters:
        """From a form's or a query's values: unknown keys ignored, None and "" as no filter,
        a single status as a one-status tuple, a model instance as its id."""
        known = {f.name for f in dataclasses.fields(cls)}
        clean = {}
        for name, value in values.items():
            if name not in known or value in (None, "", [], ()):
                continue
            if name == "status":
                value = (value,) if isinstance(value, str) else tuple(value)
            elif name in ("unit", "source", "subject", "lead_unit", "awaiting_instruction"):
                value = getattr(value, "pk", value)
            clean[name] = value
        return cls(**clean)

    def unit_ids(self) -> set[int] | None:
        """The chosen unit and the units below it; None when not filtering by unit."""
        if self.unit is None:
            return None
        unit = Unit.objects.filter(pk=self.unit).first()
        return unit.descendant_ids() if unit else {self.unit}

    def condition(self) -> Q:
        """Every filter but the unit, as one condition on items."""
        where = Q()
        if self.status:
            where &= Q(status__in=self.status)
        if self.in_ledger is not None:
            finished = Q(status__in=Item.NOT_IN_LEDGER)
            where &= ~finished if self.in_ledger else finished
        for word in self.q.split():
            where &= search(word)
        if self.topic:
            where &= Q(topic=self.topic)
        if self.light:
            where &= Item.light_is(self.light)
        if self.leader:
            where &= Q(speaker__icontains=self.leader) | Q(leader_in_charge__icontains=self.leader)
        if self.source is not None:
            where &= Q(source_id=self.source)
        if self.subject is not None:
            where &= Q(subject_id=self.subject) | Q(subject__merged_into_id=self.subject)
        # The report's date is the activity date, else the day it was imported.
        if self.since:
            where &= Q(source__event_date__gte=self.since) | Q(source__event_date__isnull=True,
                                                               created_at__date__gte=self.since)
        if self.until:
            where &= Q(source__event_date__lte=self.until) | Q(source__event_date__isnull=True,
                                                               created_at__date__lte=self.until)
        if self.deadline_from:
            where &= Q(deadline__gte=self.deadline_from)
        if self.deadline_to:
            where &= Q(deadline__lte=self.deadline_to)
        for name in ("created", "assigned", "closed"):
            where &= on_local_days(f"{name}_at", getattr(self, f"{name}_from"), getattr(self, f"{name}_to"))
        if self.pending_extension:
            where &= Q(pk__in=Extension.objects.filter(status=Extension.Status.PENDING).values("item_id"))
        if self.returned:
            where &= returned()
        if self.lead_unit is not None:
            where &= Q(lead_unit_id=self.lead_unit)
        if self.on_time is not None:
            where &= closed_on_time() if self.on_time else closed_late()
        if self.rating:
            where &= Q(rating="" if self.rating == UNRATED else self.rating)
        if self.returned_from or self.returned_to:
            where &= Q(pk__in=return_lines(self.returned_from, self.returned_to).values("item_id"))
        if self.declined:
            where &= declined()
        if self.awaiting_instruction is not None:
            where &= awaiting_instruction(self.awaiting_instruction, self.instruction_read)
        if self.priority:
            where &= Q(priority=self.priority)
        return where


UNRATED = "none"  # the ``rating`` filter's value for items closed without a 评价


def closed_on_time() -> Q:
    """Closed on or before the deadline, compared as local days (a 销号 on the deadline day is on time)."""
    return Q(status=Item.Status.CLOSED, deadline__isnull=False, closed_at__date__lte=F("deadline"))


def closed_late() -> Q:
    return Q(status=Item.Status.CLOSED, deadline__isnull=False, closed_at__date__gt=F("deadline"))


def return_lines(since: dt.date | None, until: dt.date | None):
    """The journal's 退回 (each one a status line of action ``return``) on these local days."""
    return Journal.objects.filter(on_local_days("at", since, until), action="return", field="status")


def local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def on_local_days(field: str, since: dt.date | None, until: dt.date | None) -> Q:
    """A date-time ``field`` within these local days (both included; None: open-ended).

    The same as ``field__date`` between them, written as a range of moments so that the
    field's index finds the rows: ``__date`` converts every row (on SQLite, a Python call
    per row), which made the 考核 page's pass over a quarter's 销号 take a second at 100k items.
    """
    where = Q()
    if since:
        where &= Q(**{f"{field}__gte": local_midnight(since)})
    if until:
        where &= Q(**{f"{field}__lt": local_midnight(until + dt.timedelta(days=1))})
    return where


def awaiting_instruction(leader_id: int, read: bool | None = None) -> Q:
    """Items in this leader's 待批示 queue; ``read`` narrows to those 圈阅'd (or not) since asked."""
    requests = InstructionRequest.objects.filter(leader_id=leader_id, answer=None)
    if read is not None:
        requests = requests.filter(read_at__isnull=not read)
    return Q(pk__in=requests.values("item_id"))


# 被退回 and 待重新交办, each one rule in two forms built from the same parts: an item in the
# status the workflow's step leaves it in, whose latest status line in the journal is that step.
RETURN, DECLINE = "return", "decline"
HANDED_BACK = {step: workflow.TRANSITIONS[step].target for step in (RETURN, DECLINE)}


def latest_status_lines(item):
    """The status lines of ``item`` (an id or an ``OuterRef``) in the journal, latest first."""
    return Journal.objects.filter(item_id=item, field="status").order_by("-at", "-id")


def _handed_back_by(step: str) -> Q:
    latest = latest_status_lines(OuterRef("pk")).values("action")[:1]
    return Q(status=HANDED_BACK[step]) & Q(Exact(Subquery(latest), step))


def returned() -> Q:
    """Items back in progress because of a 退回 (the ``returned`` filter)."""
    return _handed_back_by(RETURN)


def declined() -> Q:
    """Items waiting for another unit after a 非本单位职责: back to 已立项 by a decline, not
    assigned since (the ``declined`` filter)."""
    return _handed_back_by(DECLINE)


@dataclass
class HandBack:
    step: str  # RETURN or DECLINE
    reason: str
    unit: str = ""  # for a decline, the unit that declined (the old value of its lead_unit line)


def handed_back(items) -> dict[int, HandBack]:
    """The same two rules for items already loaded (a page's rows): item id -> the 退回 or
    非本单位职责 that put it where it is. One journal query, none when no item is in either status."""
    by_pk = {item.pk: item for item in items if item.status in HANDED_BACK.values()}
    if not by_pk:
        return {}
    lines = (Journal.objects.filter(item_id__in=by_pk, field__in=("status", "lead_unit"))
             .order_by("item_id", "-at", "-id").values_list("item_id", "action", "field", "old", "reason"))
    found, seen = {}, set()
    for pk, action, field, old, reason in lines:
        if field == "lead_unit":
            # a decline's own lead_unit line, written just before its status line, names the unit
            if action == DECLINE and pk in found and not found[pk].unit:
                found[pk].unit = old
        elif pk not in seen:
            seen.add(pk)
            if action in HANDED_BACK and by_pk[pk].status == HANDED_BACK[action]:
                found[pk] = HandBack(action, reason)
    return found


def returned_reasons(items) -> dict[int, str]:
    """Item id -> why the office returned it, for the items that are 被退回."""
    return {pk: back.reason for pk, back in handed_back(items).items() if back.step == RETURN}


def search(word: str) -> Q:
    """Items one search word finds. Reports and units matching it are small subqueries, not
    joins per item."""
    return (Q(number=word) | Q(text__icontains=word) | Q(subject_name__icontains=word) | Q(stop_name__icontains=word)
            | Q(speaker__icontains=word) | Q(leader_in_charge__icontains=word)
            | Q(source__in=Source.objects.filter(title__icontains=word).values("pk"))
            | Q(lead_unit__in=Unit.objects.filter(name__icontains=word).values("pk")))


@dataclass(frozen=True)
class Selection:
    """The filtered items, and the units they are limited to (None: not limited).

    The limit is what the user may see, or the unit filter when it lies within that (the
    items a unit inside the scope leads or co-operates on are all in the scope). It is left
    out of ``items`` so that ``rows`` can count and page it as ``UnitItems``' two halves.
    """

    items: object  # QuerySet[Item], ordered, not yet limited to ``scope``
    scope: set[int] | None

    def rows(self):
        """For counting and paging: ``items`` itself, or a unit's two halves."""
        return self.items if self.scope is None else UnitItems(self.items, self.scope)

    def queryset(self):
        """One queryset of the selection (for search pages and exports)."""
        return self.items if self.scope is None else self.items.filter(Item.involving(self.scope))


def select(filters: LedgerFilters, scope: set[int] | None = None, *, items=None,
           order: tuple[str, ...] = ("deadline", "id")) -> Selection:
    """The items ``filters`` select among ``items`` (default every item) that ``scope``'s
    units lead or co-operate on (None: all), in ``order``."""
    items = Item.objects.all() if items is None else items
    units = filters.unit_ids()
    if units is not None and (scope is None or units <= scope):
        scope, units = units, None
    chosen = items.filter(filters.condition())
    if units is not None:
        chosen = chosen.filter(Item.involving(units))
    if filters.lead_only and (leading := units if units is not None else scope) is not None:
        chosen = chosen.filter(lead_unit_id__in=leading)
        if leading is scope:
            scope = None  # what the scope's units lead lies within it: no co-operating half to add
    return Selection(chosen.order_by(*order), scope)
