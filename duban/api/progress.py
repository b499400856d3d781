"""Progress reports with evidence files, evidence download, deadline extensions."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, UploadedFile
from ninja.pagination import paginate

from duban.api.access import caller, visible_item, visible_items
from duban.api.params import Id, Pages
from duban.api.schemas import DecisionIn, ExtensionIn, ExtensionOut, ProgressIn, ProgressOut, refusals
from duban.api.status import Status
from duban.ledger import evidence_files, services
from duban.ledger.models import Evidence, Extension

router = Router(tags=["进展与延期"])


def progress_rows(item):
    return item.progress.select_related("unit", "author").prefetch_related("evidence")


@router.get("/items/{int:item_id}/progress", response={200: list[ProgressOut], **refusals(404)}, summary="进展列表")
def list_progress(request, item_id: Id):
    return progress_rows(visible_item(request, item_id))


@router.post("/items/{int:item_id}/progress", response={201: ProgressOut, **refusals(400, 403, 404, 409)},
             summary="报送进展（可附佐证材料）")
def report_progress(request, item_id: Id, payload: Form[ProgressIn], files: File[list[UploadedFile]] = None):
    """multipart/form-data：text、percent、milestone、version 为表单字段，files 可重复给出多个文件。

    已签收事项的第一次进展会把状态变为“办理中”。文件大小与类型有限制。
    """
    item = visible_item(request, item_id)
    progress = services.report_progress(item, caller(request), text=payload.text, percent=payload.percent,
                                        milestone=payload.milestone, files=files or (),
                                        version=payload.version)
    return Status(201, progress_rows(item).get(pk=progress.pk))


def _attachment() -> dict:
    """The download's 200 for the schema: the file's bytes, in one of the types uploads accept."""
    types = sorted({*settings.DUBAN_EVIDENCE_TYPES.values(), "application/octet-stream"})
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"description": "文件（作为附件下载）", "content": dict.fromkeys(types, binary),
            "headers": {"Content-Disposition": {"schema": {"type": "string"}, "description": "attachment; filename=…"}}}


def _visible_evidence(request, evidence_id: int) -> Evidence:
    evidence = get_object_or_404(Evidence.objects.select_related("progress"), pk=evidence_id)
    visible_item(request, evidence.progress.item_id)
    return evidence


@router.get("/evidence/{int:evidence_id}", url_name="evidence_download", response=refusals(404),
            openapi_extra={"responses": {200: _attachment()}}, summary="下载佐证材料")
def download_evidence(request, evidence_id: Id):
    """只有能看到该事项的用户才能下载；总是以附件形式下载。"""
    return evidence_files.download(_visible_evidence(request, evidence_id))


def _inline() -> dict:
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"description": "图片或 PDF（在页面中显示）", "content": dict.fromkeys(sorted(evidence_files.PREVIEWS), binary),
            "headers": {"Content-Disposition": {"schema": {"type": "string"}, "description": "inline; filename=…"}}}


@router.get("/evidence/{int:evidence_id}/preview", url_name="evidence_preview", response=refusals(404),
            openapi_extra={"responses": {200: _inline()}}, summary="预览佐证材料（图片、PDF）")
def preview_evidence(request, evidence_id: Id):
    """只有能看到该事项的用户才能预览；只有内容确为 PNG、JPEG 或 PDF 的文件可以预览，其他文件答 404，请下载。"""
    return evidence_files.preview(_visible_evidence(request, evidence_id))


@router.get("/evidence/{int:evidence_id}/thumbnail", url_name="evidence_thumbnail", response=refusals(404),
            openapi_extra={"responses": {200: {"description": "缩略图（JPEG，长边不超过 320 像素）",
                                               "content": {"image/jpeg": {"schema": {"type": "string",
                                                                                     "format": "binary"}}}}}},
            summary="佐证材料缩略图（图片、PDF 首页）")
def evidence_thumbnail(request, evidence_id: Id):
    """图片缩小、PDF 取首页，生成 JPEG 缩略图；权限与下载相同；其他类型或无法生成时答 404。"""
    return evidence_files.thumbnail(_visible_evidence(request, evidence_id))


@router.get("/items/{int:item_id}/extensions", response={200: list[ExtensionOut], **refusals(404)},
            summary="事项的延期申请")
def item_extensions(request, item_id: Id):
    return visible_item(request, item_id).extensions.select_related("requested_by", "decided_by")


@router.post("/items/{int:item_id}/extensions", response={201: ExtensionOut, **refusals(400, 403, 404, 409)},
             summary="申请延期")
def request_extension(request, item_id: Id, payload: ExtensionIn):
    item = visible_item(request, item_id)
    extension = services.request_extension(item, caller(request), new_deadline=payload.new_deadline,
                                           reason=payload.reason)
    return Status(201, extension)


class ExtensionFilter(Schema):
    status: str | None = Field(None, description="pending 待审批 / approved 已同意 / denied 未同意")


@router.get("/extensions", response=list[ExtensionOut], summary="延期申请列表")
@paginate(Pages)
def list_extensions(request, filters: Query[ExtensionFilter]):
    """当前用户可见事项的延期申请，新的在前。"""
    rows = Extension.objects.filter(item__in=visible_items(caller(request)).values("pk"))
    if filters.status:
        rows = rows.filter(status=filters.status)
    return rows.select_related("requested_by", "decided_by").order_by("-requested_at", "-id")


@router.post("/extensions/{int:extension_id}/decide", response={200: ExtensionOut, **refusals(403, 404, 409)},
             summary="审批延期申请")
def decide_extension(request, extension_id: Id, payload: DecisionIn):
    """督查室同意（事项完成时限随之变更并记入日志）或不同意。"""
    extension = get_object_or_404(Extension, pk=extension_id)
    visible_item(request, extension.item_id)
    return services.decide_extension(extension, caller(request), approve=payload.approve,
                                     reason=payload.reason)
