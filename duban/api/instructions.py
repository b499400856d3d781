"""Leaders on items: 批示, 呈批 and 圈阅 (``duban.ledger.instructions``), and the list of leaders."""

from ninja import Router

from duban.api.access import caller, visible_item
from duban.api.items import fresh
from duban.api.params import Id
from duban.api.schemas import (
    InstructionIn,
    InstructionOut,
    InstructionRequestOut,
    ItemDetail,
    LeaderOut,
    PresentIn,
    refusals,
)
from duban.api.status import Status
from duban.ledger import instructions
from duban.ledger.models import User

router = Router(tags=["领导批示"])


def _user(pk: int | None) -> User | None:
    return None if pk is None else User.objects.filter(pk=pk).first()


@router.get("/leaders", response=list[LeaderOut], summary="领导列表")
def list_leaders(request):
    """可批示、可呈批的领导（启用的领导账号）。"""
    return instructions.leaders()


@router.post("/items/{int:item_id}/instructions", response={201: InstructionOut, **refusals(400, 403, 404, 409)},
             summary="领导批示")
def give_instruction(request, item_id: Id, payload: InstructionIn):
    """领导对事项作出批示；督查室可代领导录入纸质批示（须给出 leader_id，记录录入人）。
    可同时重新打开已销号的事项（reopen）或调整优先级（priority）。通知责任单位联络员。"""
    item = visible_item(request, item_id)
    instructions.authorize_instruct(caller(request))  # before the leader id is looked up
    instruction = instructions.instruct(item, caller(request), payload.text, leader=_user(payload.leader_id),
                                        reopen=payload.reopen, priority=payload.priority or "")
    return Status(201, instruction)


@router.post("/items/{int:item_id}/submit-to-leader",
             response={201: InstructionRequestOut, **refusals(400, 403, 404, 409)}, summary="呈批")
def submit_to_leader(request, item_id: Id, payload: PresentIn):
    """督查室把事项呈送一位领导批示：进入该领导的待批示，领导批示后移出。"""
    item = visible_item(request, item_id)
    instructions.authorize_present(caller(request))
    return Status(201, instructions.present(item, caller(request), _user(payload.leader_id), payload.note))


# Declares 400 like every POST (the schema's rule), though it reads no body.
@router.post("/items/{int:item_id}/read", response={200: ItemDetail, **refusals(400, 403, 404)}, summary="圈阅")
def read_item(request, item_id: Id):
    """领导圈阅事项（标记为已阅，记入日志）；已圈阅且无新呈批时不重复记录。"""
    item = visible_item(request, item_id)
    instructions.read(item, caller(request))
    return fresh(item)
