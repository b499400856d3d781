"""Reference lists (units, subjects), the caller, and dashboard counts."""

from collections import Counter

from django.db.models import Q
from django.middleware.csrf import get_token
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from duban.analysis.schema import TOPICS
from duban.api.access import caller
from duban.api.params import Id, Pages
from duban.api.schemas import Dashboard, Me, SubjectOut, UnitOut
from duban.ledger.models import Extension, Item, Subject, Unit
from duban.ledger.scoping import LedgerCounts, UnitItems
from duban.ledger.units import named_like

router = Router(tags=["基础数据与统计"])


@router.get("/csrf", auth=None, summary="取得 CSRF 令牌（浏览器会话写操作用）")
def csrf(request):
    """同时设置 csrftoken Cookie；写操作时放在 X-CSRFToken 请求头中。使用 API 令牌时不需要。"""
    return {"csrftoken": get_token(request)}


@router.get("/me", response=Me, summary="当前用户")
def me(request):
    return caller(request)


class UnitFilter(Schema):
    q: str | None = Field(None, description="名称或别名包含")
    parent: Id | None = Field(None, description="上级单位")
    active: bool | None = Field(True, description="只列启用的单位（false 只列停用的）")


@router.get("/units", response=list[UnitOut], summary="单位列表")
def list_units(request, filters: Query[UnitFilter]):
    units = Unit.objects.prefetch_related("aliases")
    if filters.q:
        units = units.filter(named_like(filters.q))
    if filters.parent is not None:
        units = units.filter(parent_id=filters.parent)
    if filters.active is not None:
        units = units.filter(is_active=filters.active)
    return units


class SubjectFilter(Schema):
    q: str | None = Field(None, description="名称包含")
    kind: str | None = Field(None, description="对象类型")


@router.get("/subjects", response=list[SubjectOut], summary="对象列表（项目、村、社区、企业…）")
@paginate(Pages)
def list_subjects(request, filters: Query[SubjectFilter]):
    subjects = Subject.objects.prefetch_related("aliases")
    if filters.q:
        subjects = subjects.filter(name__icontains=filters.q)
    if filters.kind:
        subjects = subjects.filter(kind=filters.kind)
    return subjects.order_by("name", "id")


def _listed(counts: Counter, labels: dict) -> list[dict]:
    """Non-zero counts, largest first, with labels (None: 未指定)."""
    rows = sorted(((key, n) for key, n in counts.items() if n), key=lambda pair: (-pair[1], str(pair[0])))
    return [{"key": None if key is None else str(key),
             "label": str(labels.get(key, key if key is not None else "未指定")),
             "count": n} for key, n in rows]


@router.get("/dashboard", response=Dashboard, summary="统计：按状态、亮灯、责任单位、领域")
def dashboard(request):
    """只统计当前用户可见的事项；亮灯、单位、领域只统计台账内事项。"""
    user = caller(request)
    scope = user.visible_unit_ids()
    # A unit's items in two disjoint halves (see duban.ledger.scoping): the counts add up.
    parts = [Item.objects.all()] if scope is None else UnitItems(Item.objects.all(), scope).parts
    counts = LedgerCounts.of(parts)
    by_unit = Counter({pk: sum(lights.values()) for pk, lights in counts.by_unit.items()})
    names = dict(Unit.objects.filter(pk__in=[pk for pk in by_unit if pk]).values_list("pk", "name"))
    extensions = Extension.objects.filter(status=Extension.Status.PENDING)
    if scope is not None:  # the few pending requests, tested against their items' units
        co = Item.co_units.through.objects.filter(unit_id__in=scope).values("item_id")
        extensions = extensions.filter(Q(item__lead_unit_id__in=scope) | Q(item_id__in=co))
    return {
        "total": counts.total,
        "in_ledger": counts.in_ledger,
        "by_status": _listed(counts.by_status, dict(Item.Status.choices)),
        "by_light": _listed(counts.by_light, dict(Item.Light.choices)),
        "by_unit": _listed(by_unit, names),
        "by_topic": _listed(counts.by_topic, {t: t for t in TOPICS}),
        "pending_extensions": extensions.count(),
    }
