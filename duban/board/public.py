"""What the public may see of an item: the only place that reads a public item's fields.

Pages and the feed render ``PublicRow`` objects, never items, so a template cannot reach an
internal note, evidence, a progress report or a person's name by accident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from duban.board.models import PublicItem
from duban.ledger.models import Item

S = Item.Status
# Internal workflow states, as the public reads them.
PUBLIC_STATUS = {
    S.PROPOSED: "已立项", S.ACCEPTED: "已立项", S.ASSIGNED: "推进中", S.SIGNED: "推进中",
    S.IN_PROGRESS: "推进中", S.SUBMITTED: "待验收", S.CLOSED: "已办结",
}


@dataclass(frozen=True)
class PublicRow:
    id: int
    commitment: str
    unit: str
    status: str
    deadline: dt.date | None
    closed_on: dt.date | None
    published_at: dt.datetime
    updated_at: dt.datetime


def rows(limit: int | None = None) -> list[PublicRow]:
    """Public items, newest published first; rejected or merged items drop off the board."""
    found = (PublicItem.objects.filter(item__status__in=list(PUBLIC_STATUS))
             .select_related("item__lead_unit").order_by("-published_at", "-id"))
    return [row(p) for p in (found[:limit] if limit else found)]


def row(public: PublicItem) -> PublicRow:
    item = public.item
    return PublicRow(
        id=public.pk, commitment=public.commitment, unit=item.lead_unit.name if item.lead_unit else "",
        status=PUBLIC_STATUS[item.status], deadline=item.deadline,
        closed_on=timezone.localdate(item.closed_at) if item.status == S.CLOSED and item.closed_at else None,
        published_at=public.published_at, updated_at=max(public.published_at, item.updated_at))
