"""The item workflow. Transitions are data; every change goes through ``apply`` or ``edit``.

    proposed → accept → accepted → assign → assigned → sign → signed → (progress) → in_progress
    → submit → submitted → close → closed;   submitted → return (reason) → in_progress;
    closed → reopen (reason) → in_progress;   proposed → reject (reason) → rejected;
    proposed/accepted → withdraw (reason) → withdrawn → restore → proposed;
    assigned/signed → decline (reason, 非本单位职责) → accepted, lead unit cleared → assign again.

Besides status and role, a step may have conditions on the item itself (``Condition``):
销号 without any evidence needs a reason, which goes into the journal with the status
change. A step may also be taken with a form (``needs_report``): 申请销号 comes with a
办结报告 (``closing.submit`` files it and takes the step). The report replaced the older
rule of one progress report before 申请销号: its 完成情况 says in full what a progress
report said in passing, and its 佐证材料 are the evidence progress reports uploaded.
销号 rates the result (评价, ``Rating``): required, except for a spreadsheet import
(``allow_unrated``), whose items count as 未评价; 重新打开 clears the rating (the journal
keeps it).

Pages, the API and the CLI call these functions, so one set of rules decides what each role
may do, and every change is journaled in the same database transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban import clock
from duban.ledger import numbering
from duban.ledger.models import ClosingReport, Evidence, Item, Journal, Rating, User
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


class RatingRequired(WorkflowError):
    """销号 without a 评价 (or with an unknown grade)."""

    code = 400


class ConditionNotMet(InvalidTransition):
    """The item is not ready for this step."""


class ReportRequired(WorkflowError):
    """申请销号 without its 办结报告."""

    code = 400


@dataclass(frozen=True)
class Condition:
    """A rule about the item's content, beyond its status and the user's role."""

    holds: Callable[[Item], bool]
    message: str  # said to the user when it does not hold


def has_closing_report(item: Item) -> bool:
    """A 办结报告 filed on the item as it stands (its version then is the version now)."""
    return ClosingReport.objects.filter(item=item, item_version=item.version).exists()


def has_evidence(item: Item) -> bool:
    return Evidence.objects.filter(progress__item=item).exists()


HAS_EVIDENCE = Condition(has_evidence, gettext_lazy("该事项没有佐证材料，销号须填写理由（记入办理记录）。"))


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    actor: str
    needs_reason: bool = False
    requires: Condition | None = None  # refused while it does not hold
    reason_unless: Condition | None = None  # a reason is required while it does not hold
    rates: bool = False  # the office rates the result (评价) in this step
    needs_report: bool = False  # taken with a 办结报告 (``closing.submit``), never bare
    clears: tuple[str, ...] = ()  # fields emptied by this step (each journaled with its old value)

    def unmet(self, item: Item) -> str:
        """Why this step cannot be taken on ``item`` yet ('' when it can)."""
        return "" if self.requires is None or self.requires.holds(item) else str(self.requires.message)

    def reason_prompt(self, item: Item) -> str:
        """Why a reason is asked for on ``item`` ('' when none is needed)."""
        if self.needs_reason:
            return _("“%(action)s”需要填写理由。") % {"action": _(self.label)}
        if self.reason_unless is not None and not self.reason_unless.holds(item):
            return str(self.reason_unless.message)
        return ""


TRANSITIONS = {t.name: t for t in [
    Transition("accept", "立项", (S.PROPOSED,), S.ACCEPTED, OFFICE),
    Transition("reject", "不予立项", (S.PROPOSED,), S.REJECTED, OFFICE, needs_reason=True),
    Transition("assign", "交办", (S.PROPOSED, S.ACCEPTED), S.ASSIGNED, OFFICE),
    Transition("sign", "签收", (S.ASSIGNED,), S.SIGNED, LEAD),
    Transition("start", "开始办理", (S.SIGNED,), S.IN_PROGRESS, LEAD),
    Transition("submit", "申请销号", (S.SIGNED, S.IN_PROGRESS), S.SUBMITTED, LEAD, needs_report=True),
    Transition("close", "销号", (S.SUBMITTED,), S.CLOSED, OFFICE, reason_unless=HAS_EVIDENCE,
               rates=True),
    Transition("return", "退回", (S.SUBMITTED,), S.IN_PROGRESS, OFFICE, needs_reason=True),
    Transition("reopen", "重新打开", (S.CLOSED,), S.IN_PROGRESS, OFFICE, needs_reason=True),
    # Withdrawn: entered by mistake (a junk import, a wrong line), unlike 不予立项, a decision
    # about real content. Never deleted; restored to the review.
    Transition("withdraw", "撤回", (S.PROPOSED, S.ACCEPTED), S.WITHDRAWN, OFFICE, needs_reason=True),
    Transition("restore", "恢复", (S.WITHDRAWN,), S.PROPOSED, OFFICE),
    # 非本单位职责: the lead unit hands the item back before work starts (a first progress
    # report makes it 办理中). The office gives it to another unit (待重新交办); the 督办编号
    # stays, the old unit is in the journal's lead_unit line. The analyser's suggestion goes
    # too: 交办 “按建议单位” must not send the item back where it came from.
    Transition("decline", "非本单位职责", (S.ASSIGNED, S.SIGNED), S.ACCEPTED, LEAD, needs_reason=True,
               clears=("lead_unit", "suggested_unit")),
]}


def is_member(user: User, item: Item, *, lead_only: bool) -> bool:
    if not user.is_authenticated or user.unit_id is None:
        return False
    units = user.unit.descendant_ids()
    if item.lead_unit_id in units:
        return True
    return not lead_only and item.co_units.filter(pk__in=units).exists()


def may(user: User | None, actor: str, item: Item) -> bool:
    if user is None:  # the command line, run by whoever owns the server: the office's rights
        return actor == OFFICE
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


def authorize(user: User, action: str, item: Item) -> Transition:
    """The transition ``action``, if ``user`` may take it on ``item``; else ``NotAllowed``.

    Checked before anything else about the request (version, state, fields), so a forbidden
    request answers 403 whatever it carries. Callers that resolve the request's ids first
    call it themselves.
    """
    try:
        transition = TRANSITIONS[action]
    except KeyError:
        raise InvalidTransition(_("未知操作：%(action)s") % {"action": action}) from None
    if not may(user, transition.actor, item):
        raise NotAllowed(_("您无权对此事项执行“%(action)s”。") % {"action": _(transition.label)})
    return transition


def authorize_edit(user: User | None) -> None:
    """Only the office edits items (the command line has its rights); checked first, like ``authorize``."""
    if not may(user, OFFICE, None):
        raise NotAllowed(_("只有督查室可以修改事项。"))


def check_version(item: Item, version: int | None) -> None:
    if version is not None and int(version) != item.version:
        raise Conflict(_("事项已被他人修改（当前版本 %(current)s，您提交的是 %(seen)s），请刷新后重试。")
                       % {"current": item.version, "seen": version})


def save_fields(item: Item, fields: list[str]) -> None:
    """Write ``fields`` and bump the version, refusing if the row moved underneath us."""
    values = {f: getattr(item, f) for f in fields}
    values["version"] = item.version + 1
    values["updated_at"] = clock.now()
    if not Item.objects.filter(pk=item.pk, version=item.version).update(**values):
        raise Conflict(_("事项已被他人修改，请刷新后重试。"))
    item.version += 1


def set_status(item: Item, status: str, user: User | None, *, action: str, reason: str = "") -> None:
    """A status change that follows from another action (a first progress report starts work)."""
    old = item.status
    item.status = status
    save_fields(item, ["status"])
    Journal.record(user=user, item=item, action=action, field="status", old=old, new=status, reason=reason)


@transaction.atomic
def apply(item: Item, action: str, user: User, *, reason: str = "", version: int | None = None,
          rating: str = "", rating_note: str = "", allow_unrated: bool = False, **changes) -> Item:
    """Take transition ``action`` on ``item`` as ``user``; journal it; return the item.

    ``changes`` are field values set in the same step (``assign`` takes ``lead_unit``,
    ``deadline``, ``leader_in_charge``). ``version`` is the version the user saw.
    ``rating`` (a ``Rating`` value) and ``rating_note`` are the 评价 of a 销号, which needs
    one unless ``allow_unrated`` (a spreadsheet import: no column for it).
    """
    item = Item.objects.select_for_update().get(pk=item.pk)
    transition = authorize(user, action, item)
    check_version(item, version)
    if item.status not in transition.sources:
        raise InvalidTransition(_("事项当前状态为“%(status)s”，不能执行“%(action)s”。")
                                % {"status": item.get_status_display(), "action": _(transition.label)})
    if unmet := transition.unmet(item):
        raise ConditionNotMet(unmet)
    if not reason.strip() and (prompt := transition.reason_prompt(item)):
        raise ReasonRequired(prompt)
    if transition.needs_report and not has_closing_report(item):
        raise ReportRequired(_("申请销号须同时填写办结报告（完成情况、主要措施及成效、存在问题及下步打算）。"))
    rating = checked_rating(transition, rating, rating_note, allow_unrated=allow_unrated)
    co_units = changes.pop("co_units", None)
    if changes or co_units is not None:
        _check_changes(transition, changes)
    for field, value in changes.items():
        old = getattr(item, field)
        if old != value:
            setattr(item, field, value)
            Journal.record(user=user, item=item, action=action, field=field, old=old, new=value, reason=reason)
    if transition.target == S.ASSIGNED and (item.lead_unit_id is None or item.deadline is None):
        raise WorkflowError(_("交办需要指定责任单位和完成时限。"))
    old_status = item.status
    item.status = transition.target
    fields = ["status", *changes, *_clear(item, transition, user, reason)]
    if transition.target == S.ASSIGNED:
        item.assigned_at = clock.now()
        fields.append("assigned_at")
        if not item.number:  # the first 交办 numbers the item; the number stays for good
            item.number = numbering.next_number()
            fields.append("number")
            Journal.record(user=user, item=item, action=action, field="number", new=item.number)
    if transition.target == S.CLOSED:
        item.closed_at = clock.now()
        fields.append("closed_at")
    if transition.rates or old_status == S.CLOSED:  # 重新打开 clears the rating; the journal keeps it
        fields += set_rating(item, rating, rating_note.strip() if rating else "", user, action=action, reason=reason)
    save_fields(item, fields)
    if co_units is None and "lead_unit" in changes:
        co_units = item.co_units.all()  # a co-unit made lead leaves the co-units
    if co_units is not None:
        set_co_units(item, co_units, user, action=action, reason=reason)
    Journal.record(user=user, item=item, action=action, field="status", old=old_status,
                   new=item.status, reason=reason)
    notify_events.after_transition(item, action, reason, user)
    return item


def checked_rating(transition: Transition, rating: str | None, note: str | None, *, allow_unrated: bool) -> str:
    """The grade a step stores: one of ``Rating`` where the step rates (销号), none elsewhere."""
    rating, note = (rating or "").strip(), (note or "").strip()
    grades = "、".join(str(label) for label in Rating.labels)
    if not transition.rates:
        if rating or note:
            raise WorkflowError(_("只有销号时可以评价。"))
        return ""
    if rating and rating not in Rating.values:
        raise RatingRequired(_("评价应为以下之一：%(grades)s。") % {"grades": grades})
    if not rating and not allow_unrated:
        raise RatingRequired(_("销号须评价办理结果（%(grades)s）。") % {"grades": grades})
    if note and not rating:
        raise RatingRequired(_("填写了评价说明，请同时选择评价。"))
    return rating


def set_rating(item: Item, rating: str, note: str, user: User | None, *, action: str, reason: str) -> list[str]:
    """Set the 评价 and its note, one journal line per changed field; answers the changed fields."""
    changed = []
    for field, value in (("rating", rating), ("rating_note", note)):
        old = getattr(item, field)
        if old != value:
            setattr(item, field, value)
            changed.append(field)
            Journal.record(user=user, item=item, action=action, field=field, old=old, new=value, reason=reason)
    return changed


def _clear(item: Item, transition: Transition, user: User | None, reason: str) -> list[str]:
    """Empty the fields the step clears; the journal keeps what they held."""
    cleared = []
    for field in transition.clears:
        old = getattr(item, field)
        if old is not None:
            setattr(item, field, None)
            cleared.append(field)
            Journal.record(user=user, item=item, action=transition.name, field=field, old=old, reason=reason)
    return cleared


def _check_changes(transition: Transition, changes: dict) -> None:
    """Only the office changes fields along with a step, and only the editable ones."""
    if transition.actor != OFFICE:
        raise WorkflowError(_("“%(action)s”不能同时修改事项内容。") % {"action": _(transition.label)})
    check_fields(changes)


def check_fields(changes: dict) -> None:
    """Only the editable fields, each with a value it may hold."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise WorkflowError(_("不能修改字段：%(fields)s") % {"fields": "、".join(sorted(unknown))})
    if "priority" in changes:
        check_priority(changes["priority"])


def set_co_units(item: Item, units, user: User | None, *, action: str, reason: str = "") -> bool:
    """Replace the co-operating units; one journal line with the old and new lists.

    The lead unit is never also its own co-unit (chosen as lead, it leaves the co-units).
    """
    old = list(item.co_units.all())
    units = [u for u in dict.fromkeys(units) if u.pk != item.lead_unit_id]
    if {u.pk for u in old} == {u.pk for u in units}:
        return False
    item.co_units.set(units)
    Journal.record(user=user, item=item, action=action, field="co_units", old="、".join(u.name for u in old),
                   new="、".join(u.name for u in units), reason=reason)
    return True


EDITABLE_FIELDS = ("text", "speaker", "subject_name", "subject", "topic", "level", "parent", "lead_unit",
                   "suggested_unit", "leader_in_charge", "deadline", "deadline_text", "priority")


def check_priority(priority: str) -> None:
    """A priority is one of ``Item.Priority`` (修改事项 and a leader's 批示 alike)."""
    if priority not in Item.Priority.values:
        raise WorkflowError(_("未知的优先级：%(priority)s") % {"priority": priority})


@transaction.atomic
def edit(item: Item, user: User, *, reason: str = "", version: int | None = None, **changes) -> Item:
    """Change item fields (office only, not once closed), one journal line per changed field.

    ``co_units`` (a list of units) may be changed too.
    """
    authorize_edit(user)
    item = Item.objects.select_for_update().get(pk=item.pk)
    check_version(item, version)
    if item.status in Item.FINISHED:
        raise InvalidTransition(_("已办结的事项不能修改，请先重新打开。"))
    co_units = changes.pop("co_units", None)
    if co_units is None and "lead_unit" in changes:
        co_units = item.co_units.all()  # a co-unit made lead leaves the co-units
    check_fields(changes)
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
