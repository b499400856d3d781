"""The item workflow. Transitions are data; every change goes through ``apply`` or ``edit``.

    proposed → accept → accepted → assign → assigned → sign → signed → (progress) → in_progress
    → submit → submitted → close → closed;   submitted → return (reason) → in_progress;
    closed → reopen (reason) → in_progress;   proposed → reject (reason) → rejected.

Pages, the API and the CLI call these functions, so one set of rules decides what each role
may do, and every change is journaled in the same database transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from duban import clock
from duban.ledger.models import Item, Journal, User
from duban.notify import events as notify_events

S = Item.Status

# Who may act: "office" (督查室 officers and admins), "lead" (a liaison of the item's lead
# unit or a unit above it), "member" (lead or co-operating unit's liaison).
OFFICE, LEAD, MEMBER = "office", "lead", "member"


class WorkflowError(Exception):
    """Base for refused actions; ``code`` is the HTTP status the API answers with."""

    code = 400


class NotAllowed(WorkflowError):
    code = 403


class InvalidTransition(WorkflowError):
    code = 409


class Conflict(WorkflowError):
    """Someone else changed the item since the user loaded it."""

    code = 409


class ReasonRequired(WorkflowError):
    code = 400


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    actor: str
    needs_reason: bool = False


TRANSITIONS = {t.name: t for t in [
    Transition("accept", "立项", (S.PROPOSED,), S.ACCEPTED, OFFICE),
    Transition("reject", "不予立项", (S.PROPOSED,), S.REJECTED, OFFICE, needs_reason=True),
    Transition("assign", "交办", (S.PROPOSED, S.ACCEPTED), S.ASSIGNED, OFFICE),
    Transition("sign", "签收", (S.ASSIGNED,), S.SIGNED, LEAD),
    Transition("start", "开始办理", (S.SIGNED,), S.IN_PROGRESS, LEAD),
    Transition("submit", "申请销号", (S.SIGNED, S.IN_PROGRESS), S.SUBMITTED, LEAD),
    Transition("close", "销号", (S.SUBMITTED,), S.CLOSED, OFFICE),
    Transition("return", "退回", (S.SUBMITTED,), S.IN_PROGRESS, OFFICE, needs_reason=True),
    Transition("reopen", "重新打开", (S.CLOSED,), S.IN_PROGRESS, OFFICE, needs_reason=True),
]}


def is_member(user: User, item: Item, *, lead_only: bool) -> bool:
    if not user.is_authenticated or user.unit_id is None:
        return False
    units = user.unit.descendant_ids()
    if item.lead_unit_id in units:
        return True
    return not lead_only and item.co_units.filter(pk__in=units).exists()


def may(user: User, actor: str, item: Item) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if actor == OFFICE:
        return user.is_office
    if user.role != User.Role.LIAISON:
        return False
    return is_member(user, item, lead_only=(actor == LEAD))


def allowed_actions(user: User, item: Item) -> list[Transition]:
    """The transitions this user may take on this item now (for showing buttons)."""
    return [t for t in TRANSITIONS.values() if item.status in t.sources and may(user, t.actor, item)]


def check_version(item: Item, version: int | None) -> None:
    if version is not None and int(version) != item.version:
        raise Conflict(f"事项已被他人修改（当前版本 {item.version}，您提交的是 {version}），请刷新后重试。")


def save_fields(item: Item, fields: list[str]) -> None:
    """Write ``fields`` and bump the version, refusing if the row moved underneath us."""
    values = {f: getattr(item, f) for f in fields}
    values["version"] = item.version + 1
    values["updated_at"] = clock.now()
    if not Item.objects.filter(pk=item.pk, version=item.version).update(**values):
        raise Conflict("事项已被他人修改，请刷新后重试。")
    item.version += 1


def set_status(item: Item, status: str, user: User | None, *, action: str, reason: str = "") -> None:
    """A status change that follows from another action (a first progress report starts work)."""
    old = item.status
    item.status = status
    save_fields(item, ["status"])
    Journal.record(user=user, item=item, action=action, field="status", old=old, new=status, reason=reason)


@transaction.atomic
def apply(item: Item, action: str, user: User, *, reason: str = "", version: int | None = None,
          **changes) -> Item:
    """Take transition ``action`` on ``item`` as ``user``; journal it; return the item.

    ``changes`` are field values set in the same step (``assign`` takes ``lead_unit``,
    ``deadline``, ``leader_in_charge``). ``version`` is the version the user saw.
    """
    try:
        transition = TRANSITIONS[action]
    except KeyError:
        raise InvalidTransition(f"未知操作：{action}") from None
    item = Item.objects.select_for_update().get(pk=item.pk)
    check_version(item, version)
    if not may(user, transition.actor, item):
        raise NotAllowed(f"您无权对此事项执行“{transition.label}”。")
    if item.status not in transition.sources:
        raise InvalidTransition(
            f"事项当前状态为“{item.get_status_display()}”，不能执行“{transition.label}”。")
    if transition.needs_reason and not reason.strip():
        raise ReasonRequired(f"“{transition.label}”需要填写理由。")
    co_units = changes.pop("co_units", None)
    if changes or co_units is not None:
        _check_changes(transition, changes)
    for field, value in changes.items():
        old = getattr(item, field)
        if old != value:
            setattr(item, field, value)
            Journal.record(user=user, item=item, action=action, field=field, old=old, new=value, reason=reason)
    if transition.target == S.ASSIGNED and (item.lead_unit_id is None or item.deadline is None):
        raise WorkflowError("交办需要指定责任单位和完成时限。")
    old_status = item.status
    item.status = transition.target
    fields = ["status", *changes]
    if transition.target == S.ASSIGNED:
        item.assigned_at = clock.now()
        fields.append("assigned_at")
    if transition.target == S.CLOSED:
        item.closed_at = clock.now()
        fields.append("closed_at")
    save_fields(item, fields)
    if co_units is not None:
        set_co_units(item, co_units, user, action=action, reason=reason)
    Journal.record(user=user, item=item, action=action, field="status", old=old_status,
                   new=item.status, reason=reason)
    notify_events.after_transition(item, action, reason)
    return item


def _check_changes(transition: Transition, changes: dict) -> None:
    """Only the office changes fields along with a step, and only the editable ones."""
    if transition.actor != OFFICE:
        raise WorkflowError(f"“{transition.label}”不能同时修改事项内容。")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise WorkflowError(f"不能修改字段：{'、'.join(sorted(unknown))}")


def set_co_units(item: Item, units, user: User | None, *, action: str, reason: str = "") -> bool:
    """Replace the co-operating units; one journal line with the old and new lists."""
    old = list(item.co_units.all())
    units = list(units)
    if {u.pk for u in old} == {u.pk for u in units}:
        return False
    item.co_units.set(units)
    Journal.record(user=user, item=item, action=action, field="co_units", old="、".join(u.name for u in old),
                   new="、".join(u.name for u in units), reason=reason)
    return True


EDITABLE_FIELDS = ("text", "speaker", "subject_name", "subject", "topic", "level", "parent", "lead_unit",
                   "suggested_unit", "leader_in_charge", "deadline", "deadline_text")


@transaction.atomic
def edit(item: Item, user: User, *, reason: str = "", version: int | None = None, **changes) -> Item:
    """Change item fields (office only, not once closed), one journal line per changed field.

    ``co_units`` (a list of units) may be changed too.
    """
    item = Item.objects.select_for_update().get(pk=item.pk)
    check_version(item, version)
    if not user.is_authenticated or not user.is_office:
        raise NotAllowed("只有督查室可以修改事项。")
    if item.status in Item.FINISHED:
        raise InvalidTransition("已办结的事项不能修改，请先重新打开。")
    co_units = changes.pop("co_units", None)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise WorkflowError(f"不能修改字段：{'、'.join(sorted(unknown))}")
    changed = []
    for field, value in changes.items():
        old = getattr(item, field)
        if old != value:
            setattr(item, field, value)
            changed.append(field)
            Journal.record(user=user, item=item, action="edit", field=field, old=old, new=value, reason=reason)
    if co_units is not None and set_co_units(item, co_units, user, action="edit", reason=reason) and not changed:
        save_fields(item, [])  # a change of co-operating units is a new version too
    if changed:
        save_fields(item, changed)
    return item
