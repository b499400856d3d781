"""办结报告: the lead unit's report that comes with its 申请销号.

``submit`` files the report and takes the ``submit`` step in one transaction: the report
(完成情况 required; 主要措施及成效, 存在问题及下步打算 optional) is a journal line of
its own, then the status change follows. The rule that 申请销号 needs a report on the item
as it stands lives in ``workflow`` (``HAS_CLOSING_REPORT``); its 佐证材料 are the evidence
already uploaded with progress reports (``ClosingReport.evidence``). Pages, the API and
``duban notice`` read ``latest``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from duban.ledger import workflow
from duban.ledger.models import ClosingReport, Item, Journal, User

FIELD = "closing_report"  # the journal's field for a filed report


@transaction.atomic
def submit(item: Item, user: User, *, completion: str, measures: str = "", problems: str = "",
           version: int | None = None) -> Item:
    """申请销号 with a 办结报告; returns the item, now 申请销号."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    workflow.authorize(user, "submit", item)  # a refused caller learns nothing about the report's rules
    workflow.check_version(item, version)
    if not completion.strip():
        raise workflow.WorkflowError(_("办结报告须填写完成情况。"))
    report = ClosingReport.objects.create(
        item=item, author=user, unit=user.unit if user.unit_id else item.lead_unit, completion=completion.strip(),
        measures=measures.strip(), problems=problems.strip(), item_version=item.version)
    Journal.record(user=user, item=item, action="submit", field=FIELD, new=report.completion)
    return workflow.apply(item, "submit", user, version=item.version)


def latest(item: Item) -> ClosingReport | None:
    """The report the office reads: the one filed last."""
    return item.closing_reports.select_related("author", "unit").order_by("-created_at", "-id").first()
