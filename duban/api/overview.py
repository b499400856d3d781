"""Reference lists (units, subjects), the caller, and dashboard counts."""

from django.db.models import Count as CountOf
from django.middleware.csrf import get_token
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from duban.analysis.schema import TOPICS
from duban.api.access import caller, visible_items
from duban.api.schemas import Dashboard, Me, SubjectOut, UnitOut
from duban.ledger.models import Extension, Item, Subject, Unit

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
    parent: int | None = Field(None, description="上级单位")
    active: bool | None = Field(True, description="只列启用的单位（false 只列停用的）")


@router.get("/units", response=list[UnitOut], summary="单位列表")
def list_units(request, filters: Query[UnitFilter]):
    units = Unit.objects.prefetch_related("aliases")
    if filters.q:
        units = units.filter(pk__in=Unit.objects.filter(name__icontains=filters.q).values("pk")
                             .union(Unit.objects.filter(aliases__alias__icontains=filters.q).values("pk")))
    if filters.parent is not None:
        units = units.filter(parent_id=filters.parent)
    if filters.active is not None:
        units = units.filter(is_active=filters.active)
    return units


class SubjectFilter(Schema):
    q: str | None = Field(None, description="名称包含")
    kind: str | None = Field(None, description="对象类型")


@router.get("/subjects", response=list[SubjectOut], summary="对象列表（项目、村、社区、企业…）")
@paginate(LimitOffsetPagination, max_limit=500)
def list_subjects(request, filters: Query[SubjectFilter]):
    subjects = Subject.objects.prefetch_related("aliases")
    if filters.q:
        subjects = subjects.filter(name__icontains=filters.q)
    if filters.kind:
        subjects = subjects.filter(kind=filters.kind)
    return subjects.order_by("name", "id")


def _counts(items, field: str, labels: dict) -> list[dict]:
    rows = items.order_by().values(field).annotate(n=CountOf("pk")).order_by("-n", field)
    return [{"key": None if row[field] is None else str(row[field]),
             "label": str(labels.get(row[field], row[field] if row[field] is not None else "未指定")),
             "count": row["n"]} for row in rows]


@router.get("/dashboard", response=Dashboard, summary="统计：按状态、亮灯、责任单位、领域")
def dashboard(request):
    """只统计当前用户可见的事项；亮灯、单位、领域只统计台账内事项。"""
    items = visible_items(caller(request))
    ledger = items.in_ledger().with_light()
    by_unit = _counts(ledger, "lead_unit", {})
    names = dict(Unit.objects.filter(pk__in=[r["key"] for r in by_unit if r["key"]]).values_list("pk", "name"))
    for row in by_unit:
        row["label"] = names.get(int(row["key"]), row["label"]) if row["key"] else row["label"]
    return {
        "total": items.count(),
        "in_ledger": ledger.count(),
        "by_status": _counts(items, "status", dict(Item.Status.choices)),
        "by_light": _counts(ledger, "light_sql", dict(Item.Light.choices)),
        "by_unit": by_unit,
        "by_topic": _counts(ledger, "topic", {t: t for t in TOPICS}),
        "pending_extensions": Extension.objects.filter(status=Extension.Status.PENDING,
                                                       item__in=items.values("pk")).count(),
    }
