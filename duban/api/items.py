"""Ledger items: list, read, edit, workflow transitions, split, merge, journal."""

from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from duban.api.access import caller, visible_item
from duban.api.params import Day, Id, Pages
from duban.api.schemas import (
    AssignIn,
    CloseIn,
    ItemDetail,
    ItemEdit,
    ItemOut,
    JournalOut,
    LightName,
    MergeIn,
    PriorityName,
    RatingName,
    ReasonedTransitionIn,
    SplitIn,
    StatusName,
    SubmitIn,
    Topic,
    TransitionIn,
    UrgeIn,
    refusals,
)
from duban.ledger import closing, services, urging, workflow
from duban.ledger.filters import LedgerFilters, select
from duban.ledger.models import Item, Subject, Unit

router = Router(tags=["事项"])

Ordering = Literal["deadline", "-deadline", "created_at", "-created_at", "updated_at", "-updated_at", "id", "-id"]


class ItemFilter(Schema):
    """The ledger's filters (``duban.ledger.filters``: the same meaning as on the ledger page)."""

    unit: Id | None = Field(None, description="责任单位或配合单位（含其下级单位）")
    topic: Topic | None = Field(None, description="领域")
    status: list[StatusName] | None = Field(None, description="状态（可重复给出多个）")
    light: LightName | None = Field(None, description="亮灯")
    leader: str | None = Field(None, description="讲话领导或责任领导（包含该文字）")
    source: Id | None = Field(None, description="来源报道")
    subject: Id | None = Field(None, description="对象（含并入它的对象）")
    since: Day | None = Field(None, description="报道日期不早于（活动日期，无则导入日期）")
    until: Day | None = Field(None, description="报道日期不晚于（活动日期，无则导入日期）")
    deadline_from: Day | None = Field(None, description="完成时限不早于")
    deadline_to: Day | None = Field(None, description="完成时限不晚于")
    created_from: Day | None = Field(None, description="创建日期不早于")
    created_to: Day | None = Field(None, description="创建日期不晚于")
    assigned_from: Day | None = Field(None, description="交办日期不早于")
    assigned_to: Day | None = Field(None, description="交办日期不晚于")
    closed_from: Day | None = Field(None, description="销号日期不早于")
    closed_to: Day | None = Field(None, description="销号日期不晚于")
    in_ledger: bool | None = Field(None, description="true 只看台账内事项；false 只看待审核、不予立项、已合并")
    pending_extension: bool | None = Field(None, description="true 只看有待审批延期申请的事项")
    returned: bool | None = Field(None, description="true 只看被退回后仍在办理的事项")
    lead_unit: Id | None = Field(None, description="牵头的责任单位（仅该单位，不含下级和配合单位；考核按此统计）")
    on_time: bool | None = Field(None, description="true 只看按期销号的事项（销号日不晚于完成时限），false 只看逾期销号的")
    rating: RatingName | Literal["none"] | None = Field(None, description="评价（none 为未评价）")
    returned_from: Day | None = Field(None, description="被退回日期不早于")
    returned_to: Day | None = Field(None, description="被退回日期不晚于")
    declined: bool | None = Field(None, description="true 只看责任单位以“非本单位职责”退回、待重新交办的事项")
    lead_only: bool | None = Field(None, description="true 只看所选单位（未选则本人单位）牵头的事项，不含仅配合的")
    awaiting_instruction: Id | None = Field(None, description="待该领导（用户 id）批示的事项（已呈批、尚未批示）")
    instruction_read: bool | None = Field(
        None, description="与 awaiting_instruction 同用：true 只看该领导已圈阅的，false 只看未阅的")
    priority: PriorityName | None = Field(None, description="优先级")
    q: str | None = Field(None, description="全文检索（多个词须都出现）：事项、对象、点位、讲话领导、责任领导、来源报道标题、责任单位")


def with_relations(items):
    return items.select_related("lead_unit", "suggested_unit").prefetch_related("co_units", "suggested_co_units")


def fresh(item: Item) -> Item:
    """The item as stored now, with what ``ItemOut`` shows loaded in a fixed number of queries."""
    return with_relations(Item.objects.filter(pk=item.pk)).get()


@router.get("/items", response=list[ItemOut], summary="事项列表（筛选、分页）")
@paginate(Pages)
def list_items(request, filters: Query[ItemFilter], ordering: Ordering = "deadline"):
    """联络员只能看到本单位（含下级单位）作为责任或配合单位的事项。"""
    chosen = select(LedgerFilters.of(filters.dict()), caller(request).visible_unit_ids(),
                    items=with_relations(Item.objects.with_light()), order=(ordering, "id"))
    return chosen.rows()  # a unit's items count and page as two halves (see duban.ledger.scoping)


@router.get("/items/{int:item_id}", response={200: ItemDetail, **refusals(404)}, summary="事项详情")
def get_item(request, item_id: Id):
    """含进展、佐证材料、延期申请、操作日志，以及当前用户可执行的操作。"""
    return fresh(visible_item(request, item_id))


def _related(model, pk, label):
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise workflow.WorkflowError(_("%(label)s不存在：%(pk)s") % {"label": label, "pk": pk})
    return obj


# Links are sent as ids (null clears them). Of the plain fields only the deadline may be
# cleared; null for the others means "leave as is", since the columns cannot hold NULL.
RELATIONS = {"subject_id": (Subject, gettext_lazy("对象")), "parent_id": (Item, gettext_lazy("主题事项")),
             "lead_unit_id": (Unit, gettext_lazy("单位")), "suggested_unit_id": (Unit, gettext_lazy("单位"))}
NULLABLE = {"deadline"}


def edit_changes(payload: ItemEdit) -> dict:
    changes = {}
    for field, value in payload.dict(exclude_unset=True, exclude={"version", "reason"}).items():
        if field in RELATIONS:
            model, label = RELATIONS[field]
            changes[field.removesuffix("_id")] = _related(model, value, label)
        elif value is not None or field in NULLABLE:
            changes[field] = value
    return changes


@router.patch("/items/{int:item_id}", response={200: ItemOut, **refusals(400, 403, 404, 409)}, summary="修改事项")
def edit_item(request, item_id: Id, payload: ItemEdit):
    """督查室修改事项字段，每个改动的字段记一行日志。版本号不符时返回 409。"""
    item = visible_item(request, item_id)
    workflow.authorize_edit(caller(request))  # before the ids in the body are looked up
    item = workflow.edit(item, caller(request), reason=payload.reason, version=payload.version,
                         **edit_changes(payload))
    return fresh(item)


def _transition_view(transition: workflow.Transition):
    body = CloseIn if transition.rates else ReasonedTransitionIn if transition.needs_reason else TransitionIn

    def take(request, item_id: Id, payload: body):
        item = visible_item(request, item_id)
        rating = {"rating": payload.rating, "rating_note": payload.rating_note} if transition.rates else {}
        item = workflow.apply(item, transition.name, caller(request), reason=payload.reason,
                              version=payload.version, **rating)
        return fresh(item)

    return take


def _assign_view(transition: workflow.Transition):
    def assign(request, item_id: Id, payload: AssignIn):
        item = visible_item(request, item_id)
        workflow.authorize(caller(request), transition.name, item)  # before the ids in the body are looked up
        changes = {}
        if payload.lead_unit_id is not None:
            changes["lead_unit"] = _related(Unit, payload.lead_unit_id, _("单位"))
        if payload.co_unit_ids is not None:
            changes["co_units"] = [_related(Unit, pk, _("单位")) for pk in payload.co_unit_ids]
        if payload.deadline is not None:
            changes["deadline"] = payload.deadline
        if payload.leader_in_charge is not None:
            changes["leader_in_charge"] = payload.leader_in_charge
        item = workflow.apply(item, transition.name, caller(request), reason=payload.reason,
                              version=payload.version, **changes)
        return fresh(item)

    return assign


def _submit_view(transition: workflow.Transition):
    def submit(request, item_id: Id, payload: SubmitIn):
        item = visible_item(request, item_id)
        item = closing.submit(item, caller(request), completion=payload.completion, measures=payload.measures,
                              problems=payload.problems, version=payload.version)
        return fresh(item)

    return submit


# One route per transition, generated from the workflow's table so a new transition gets a route.
VIEWS = {"assign": _assign_view, "submit": _submit_view}
for _transition in workflow.TRANSITIONS.values():
    _view = VIEWS.get(_transition.name, _transition_view)(_transition)
    _view.__name__ = f"item_{_transition.name}"
    # assign and submit take fields the ledger may refuse (400), and 销号 without a rating is
    # refused (400) too; the other steps at most a reason.
    _codes = (400, 403, 404, 409) if _transition.name in VIEWS or _transition.rates else (403, 404, 409)
    router.add_api_operation(
        f"/items/{{int:item_id}}/{_transition.name}", ["POST"], _view,
        response={200: ItemOut, **refusals(*_codes)},
        operation_id=f"item_{_transition.name}",
        summary=_transition.label,
        description=(f"流转操作“{_transition.label}”：" + "、".join(str(Item.Status(s).label) for s in _transition.sources)
                     + f" → {Item.Status(_transition.target).label}。" + ("须填写理由。" if _transition.needs_reason else "")
                     + ("须评价（rating）。" if _transition.rates else "")
                     + ("须同时填写办结报告。" if _transition.needs_report else "")),
    )


@router.post("/items/{int:item_id}/urge", response={200: ItemDetail, **refusals(403, 404, 409)}, summary="催办")
def urge_item(request, item_id: Id, payload: UrgeIn):
    """督查室催办在办事项（已交办至申请销号）：记入日志，并通知责任单位联络员和单位群。"""
    item = visible_item(request, item_id)
    urging.urge(item, caller(request), payload.note)
    return fresh(item)


@router.post("/items/{int:item_id}/split", response={200: list[ItemOut], **refusals(403, 404, 409)},
             summary="拆分待审核事项")
def split_item(request, item_id: Id, payload: SplitIn):
    """把一条待审核事项拆成几条；返回拆分后的全部事项（原事项在前）。"""
    item = visible_item(request, item_id)
    parts = services.split(item, caller(request), payload.parts, version=payload.version)
    return with_relations(Item.objects.filter(pk__in=[p.pk for p in parts])).order_by("id")


@router.post("/items/merge", response={200: ItemOut, **refusals(400, 403, 404, 409)}, summary="合并待审核事项")
def merge_items(request, payload: MergeIn):
    """把 ids 中的事项并入 into；被并入的事项状态变为“已合并”。"""
    into = visible_item(request, payload.into)
    others = [visible_item(request, pk) for pk in payload.ids if pk != payload.into]
    item = services.merge(others, caller(request), into=into, text=payload.text)
    return fresh(item)


@router.get("/items/{int:item_id}/journal", response={200: list[JournalOut], **refusals(404)}, summary="事项操作日志")
def item_journal(request, item_id: Id):
    """只读：任何接口都不能修改或删除日志。"""
    return visible_item(request, item_id).journal.all()

