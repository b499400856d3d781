"""Withdrawing a report that should not have been imported (junk, the wrong file), and restoring it.

Nothing is deleted: the report leaves the lists (``Source.withdrawn_at``), its proposals become
``withdrawn`` through the workflow, and the journal says who did it and why.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import pgettext_lazy

from duban import clock
from duban.ledger import services, workflow
from duban.ledger.models import Item, Journal, Source, User

S = Item.Status
# Items a report may still be withdrawn with: nothing has been handed to a unit yet.
WITHDRAWABLE = (S.PROPOSED, S.ACCEPTED)
LEFT_AS_THEY_ARE = (S.REJECTED, S.MERGED, S.WITHDRAWN)


@transaction.atomic
def withdraw_source(source: Source, user: User, *, reason: str) -> Source:
    """Withdraw a report and its open proposals; refused once any of its items was assigned."""
    services.require_office(user, pgettext_lazy("refused action", "撤回报道"))
    reason = (reason or "").strip()
    if not reason:
        raise workflow.ReasonRequired("撤回报道需要填写理由。")
    source = Source.objects.select_for_update().get(pk=source.pk)
    if source.withdrawn_at is not None:
        raise workflow.InvalidTransition("这篇报道已撤回。")
    assigned = source.items.exclude(status__in=(*WITHDRAWABLE, *LEFT_AS_THEY_ARE)).count()
    if assigned:
        raise workflow.InvalidTransition(
            f"这篇报道已有 {assigned} 项交办给单位，不能整篇撤回；请在事项页逐项处理。")
    for item in source.items.filter(status__in=WITHDRAWABLE).order_by("pk"):
        workflow.apply(item, "withdraw", user, reason=f"随报道撤回：{reason}")
    source.withdrawn_at = clock.now()
    source.save(update_fields=["withdrawn_at"])
    Journal.record(user=user, target=f"ledger.source:{source.pk}", action="withdraw", field="withdrawn_at",
                   new=source.withdrawn_at.isoformat(timespec="seconds"), reason=reason)
    return source


@transaction.atomic
def restore_source(source: Source, user: User) -> Source:
    """Bring a withdrawn report back; the proposals withdrawn with it are to review again."""
    services.require_office(user, pgettext_lazy("refused action", "恢复报道"))
    source = Source.objects.select_for_update().get(pk=source.pk)
    if source.withdrawn_at is None:
        raise workflow.InvalidTransition("这篇报道没有撤回。")
    withdrawn_with_it = Journal.objects.filter(
        item__source=source, action="withdraw", field="status", reason__startswith="随报道撤回").values("item_id")
    for item in source.items.filter(status=S.WITHDRAWN, pk__in=withdrawn_with_it).order_by("pk"):
        workflow.apply(item, "restore", user, reason="恢复报道")
    old, source.withdrawn_at = source.withdrawn_at, None
    source.save(update_fields=["withdrawn_at"])
    Journal.record(user=user, target=f"ledger.source:{source.pk}", action="restore", field="withdrawn_at",
                   old=old.isoformat(timespec="seconds"), new="")
    return source
