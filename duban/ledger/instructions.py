"""Leaders on items: 批示 (an instruction), 呈批 (the office asks a leader for one) and 圈阅
(a leader marks an item as read).

- 批示: given by a leader, or typed in by the office from a paper 批示 on a named leader's
  behalf (``recorded_by`` keeps who typed it). It may re-open a closed item (the 重新打开 step,
  with the 批示 as its reason) and set the item's priority. It answers that leader's open 呈批
  on the item, and the lead unit's liaisons are told (``duban.notify`` event ``instruct``).
- 呈批: the office asks one leader; the item is in that leader's 待批示 queue (ledger filter
  ``awaiting_instruction``) until the leader gives a 批示 on it.
- 圈阅: the leader's own mark (the office cannot 圈阅 for them); it marks their open 呈批 on the
  item as read, so a leader's queue tells read requests from unread ones.

Each is a journal line (``instruct``, ``present``, ``read``). Pages and the API call these.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from duban import clock
from duban.ledger import workflow
from duban.ledger.models import Instruction, InstructionRequest, Item, Journal, Reading, User
from duban.notify import events as notify_events

INSTRUCT, PRESENT, READ = "instruct", "present", "read"  # journal actions and notice events
REOPEN = workflow.TRANSITIONS["reopen"]


def leaders():
    """The people a 批示 can be given by or asked of: active users with the leader role."""
    return User.objects.filter(role=User.Role.LEADER, is_active=True).order_by("username")


def name_of(user: User) -> str:
    return user.get_full_name() or user.username


def is_leader(user: User | None) -> bool:
    return user is not None and user.is_authenticated and user.is_active and user.role == User.Role.LEADER


def may_instruct(user: User | None) -> bool:
    """Leaders give 批示; the office (and the command line) records paper ones for them."""
    return is_leader(user) or workflow.may(user, workflow.OFFICE, None)


def may_present(user: User | None) -> bool:
    return workflow.may(user, workflow.OFFICE, None)


def authorize_instruct(user: User | None) -> None:
    """Checked before anything else about the request, like ``workflow.authorize``."""
    if not may_instruct(user):
        raise workflow.NotAllowed(_("只有领导可以批示（督查室可代领导录入纸质批示）。"))


def authorize_present(user: User | None) -> None:
    if not may_present(user):
        raise workflow.NotAllowed(_("只有督查室可以呈批。"))


def authorize_read(user: User | None) -> None:
    if not is_leader(user):
        raise workflow.NotAllowed(_("只有领导可以圈阅。"))


def takes_instructions(item: Item) -> bool:
    """Only items in the ledger (立项 or after): a proposal is the office's to review first, and
    rejected, merged or withdrawn ones are no work."""
    return item.status not in Item.NOT_IN_LEDGER


def reopenable(item: Item) -> bool:
    """A 批示 may re-open the item: the workflow's 重新打开 step would take it."""
    return item.status in REOPEN.sources


def check_open(item: Item) -> None:
    if not takes_instructions(item):
        raise workflow.InvalidTransition(_("事项“%(item)s”当前状态为“%(status)s”，不能批示或呈批。")
                                         % {"item": item, "status": item.get_status_display()})


def check_leader(leader: User | None) -> User:
    if leader is None or not is_leader(leader):
        raise workflow.WorkflowError(_("请选择一位领导。"))
    return leader


def whose(user: User | None, leader: User | None) -> User:
    """The leader a 批示 is from: the leader giving it, or the one the office names."""
    if is_leader(user):
        if leader is not None and leader.pk != user.pk:
            raise workflow.NotAllowed(_("领导只能以本人名义批示。"))
        return user
    return check_leader(leader)


@transaction.atomic
def instruct(item: Item, user: User | None, text: str, *, leader: User | None = None, reopen: bool = False,
             priority: str = "") -> Instruction:
    """Record a 批示 on ``item``; with ``reopen`` a closed item goes back to 办理中, with
    ``priority`` the item's priority changes. All in one transaction, each change journaled."""
    authorize_instruct(user)
    leader = whose(user, leader)
    text = text.strip()
    if not text:
        raise workflow.ReasonRequired(_("请填写批示内容。"))
    if priority:
        workflow.check_priority(priority)
    item = Item.objects.select_for_update().get(pk=item.pk)
    check_open(item)
    if reopen and not reopenable(item):
        raise workflow.InvalidTransition(_("只有已销号的事项可以由批示重新打开。"))
    changes_priority = bool(priority) and priority != item.priority
    instruction = Instruction.objects.create(item=item, leader=leader, text=text, given_at=clock.now(),
                                             recorded_by=user, reopened=reopen,
                                             priority=priority if changes_priority else "")
    Journal.record(user=user, item=item, action=INSTRUCT, field="instruction", new=f"{name_of(leader)}：{text}")
    if changes_priority:
        old, item.priority = item.priority, priority
        workflow.save_fields(item, ["priority"])
        Journal.record(user=user, item=item, action=INSTRUCT, field="priority", old=old, new=priority)
    if reopen:
        workflow.set_status(item, REOPEN.target, user, action=REOPEN.name, reason=text)
    InstructionRequest.objects.filter(item=item, leader=leader, answer=None).update(answer=instruction)
    notify_events.instructed(item, instruction)
    return instruction


@transaction.atomic
def present(item: Item, user: User | None, leader: User | None, note: str = "") -> InstructionRequest:
    """呈批: ask ``leader`` for a 批示 on ``item`` (one open request per leader and item)."""
    authorize_present(user)
    leader = check_leader(leader)
    item = Item.objects.select_for_update().get(pk=item.pk)
    check_open(item)
    if InstructionRequest.objects.filter(item=item, leader=leader, answer=None).exists():
        raise workflow.InvalidTransition(_("该事项已呈%(leader)s批示，尚未批示。") % {"leader": name_of(leader)})
    request = InstructionRequest.objects.create(item=item, leader=leader, requested_by=user, note=note.strip(),
                                                requested_at=clock.now())
    Journal.record(user=user, item=item, action=PRESENT, field="leader", new=name_of(leader), reason=request.note)
    notify_events.presented(item, request)
    return request


@transaction.atomic
def read(item: Item, user: User | None) -> bool:
    """圈阅 ``item``; False when the leader had 圈阅'd it already and nothing new asks for it
    (no second journal line for a second click)."""
    authorize_read(user)
    return _read(item, user)


@transaction.atomic
def read_many(items, user: User | None) -> int:
    """圈阅 several items (from the ledger); how many were not 圈阅'd already."""
    authorize_read(user)
    return sum(_read(item, user) for item in items)


def _read(item: Item, user: User) -> bool:
    unread = InstructionRequest.objects.filter(item=item, leader=user, answer=None, read_at=None)
    if Reading.objects.filter(item=item, user=user).exists() and not unread.exists():
        return False
    now = clock.now()
    Reading.objects.update_or_create(item=item, user=user, defaults={"at": now})
    unread.update(read_at=now)
    Journal.record(user=user, item=item, action=READ)
    return True

