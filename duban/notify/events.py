"""The notices the ledger sends about one item, and who receives them."""

from __future__ import annotations

from django.db.models import Q

from duban.ledger.models import Item, User
from duban.notify.models import Target
from duban.notify.service import send


def unit_recipients(unit_ids) -> list:
    """The active liaisons of these units, then the units' group robots."""
    people = list(User.objects.filter(unit_id__in=unit_ids, role=User.Role.LIAISON, is_active=True)
                  .prefetch_related("notify_targets").order_by("pk"))
    robots = list(Target.objects.filter(unit_id__in=unit_ids, user__isnull=True).select_related("unit"))
    return people + robots


def office_recipients() -> list:
    """The office's active people (督查室 and administrators), each over their own channels."""
    office = Q(role__in=(User.Role.OFFICER, User.Role.ADMIN)) | Q(is_superuser=True)
    return list(User.objects.filter(office, is_active=True).prefetch_related("notify_targets").order_by("pk"))


def _deadline(item: Item) -> str:
    return f"{item.deadline:%Y-%m-%d}" if item.deadline else "未定"


def assigned(item: Item) -> list:
    """交办: the lead unit and the co-operating units learn of the new item."""
    units = [item.lead_unit_id, *item.co_units.values_list("pk", flat=True)]
    text = (f"{item.text}\n责任单位：{item.lead_unit}\n完成时限：{_deadline(item)}\n"
            "请及时签收并报送进展。")
    return send("assign", item, unit_recipients(units), text=text)


def returned(item: Item, reason: str) -> list:
    """退回: the lead unit learns why its 销号 request came back."""
    text = f"{item.text}\n退回理由：{reason}\n完成时限：{_deadline(item)}"
    return send("return", item, unit_recipients([item.lead_unit_id]), text=text)


def urge(item: Item, note: str = "", *, event: str = "urge", immediately: bool = False) -> list:
    """催办: the lead unit is pressed on one item (the 催办 button calls this; escalation too)."""
    late = item.days_overdue()
    state = f"已超期 {late} 天" if late else f"完成时限 {_deadline(item)}"
    text = f"{item.text}\n{state}。{note or '请抓紧办理并报送进展。'}"
    return send(event, item, unit_recipients([item.lead_unit_id]), text=text, immediately=immediately)


def instructed(item: Item, instruction) -> list:
    """领导批示: the lead unit reads the leader's words (and that the item is open again)."""
    leader = instruction.leader.get_full_name() or instruction.leader.username
    text = f"{item.text}\n{leader}批示：{instruction.text}"
    if instruction.reopened:
        text += "\n事项已重新打开，请继续办理。"
    return send("instruct", item, unit_recipients([item.lead_unit_id]) if item.lead_unit_id else [], text=text)


def declined(item: Item, reason: str, user: User | None) -> list:
    """非本单位职责: the office learns that a unit handed the item back, and why, to give it to
    another unit (it waits in 待重新交办). The lead unit is already cleared: the unit named is
    the one of the person who declined."""
    who = (user.get_full_name() or user.username) if user else "责任单位"
    unit = f"（{user.unit}）" if user and user.unit_id else ""
    text = (f"{item.text}\n{who}{unit}：非本单位职责，已退回督查室。\n理由：{reason}\n"
            "请重新交办（待重新交办）。")
    return send("decline", item, office_recipients(), text=text)


def presented(item: Item, request) -> list:
    """呈批: the leader is asked for a 批示 on the item."""
    text = f"{item.text}\n{request.note or '请批示。'}"
    return send("present", item, [request.leader], text=text)


# Workflow transitions that notify, and how.
ON_TRANSITION = {
    "assign": lambda item, reason: assigned(item),
    "return": lambda item, reason: returned(item, reason),
}


def after_transition(item: Item, action: str, reason: str = "", user: User | None = None) -> None:
    """Called by ``workflow.apply`` inside its transaction; delivery waits for the commit."""
    if action == "decline":  # goes to the office, not to a lead unit (the step cleared it)
        declined(item, reason, user)
    elif (handler := ON_TRANSITION.get(action)) and item.lead_unit_id:
        handler(item, reason)
