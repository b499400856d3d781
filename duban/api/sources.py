"""Imported reports: import from a file, pasted text or a URL; list and read them."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate

from duban.api.access import caller, require_office, visible_items
from duban.api.params import Id, Pages
from duban.api.schemas import ImportOut, SourceDetail, SourceOut, TextImportIn, UrlImportIn, refusals
from duban.api.status import Status
from duban.errors import megabytes
from duban.ledger import services
from duban.ledger.models import Item, Source

router = Router(tags=["来源报道"])
IMPORTED = {200: ImportOut, 201: ImportOut}  # 201 new, 200 imported before


def visible_sources(user):
    if user.sees_everything:
        return Source.objects.all()
    return Source.objects.filter(pk__in=visible_items(user).values("source_id"))


def import_answer(source: Source, created: bool):
    proposals = source.items.filter(status=Item.Status.PROPOSED).count()
    return Status((201 if created else 200), {"created": created, "source": source, "proposals": proposals})


@router.post("/sources/import/file", response={**IMPORTED, **refusals(400, 403, 413)}, summary="导入报道：上传文件")
def import_file(request, file: File[UploadedFile]):
    """上传网页（.html）或文本文件。同一报道重复导入不会重复创建（返回 200，created=false）。"""
    user = caller(request)
    require_office(user)
    if file.size > settings.DUBAN_FETCH_MAX_BYTES:
        raise HttpError(413, _("文件过大（上限 %(limit)s）。") % {"limit": megabytes(settings.DUBAN_FETCH_MAX_BYTES)})
    source, created = services.import_report(file.read(), origin=Source.Origin.FILE, location=file.name,
                                             user=user)
    return import_answer(source, created)


@router.post("/sources/import/text", response={**IMPORTED, **refusals(400, 403)}, summary="导入报道：粘贴文本")
def import_text(request, payload: TextImportIn):
    user = caller(request)
    require_office(user)
    source, created = services.import_report(payload.text, origin=Source.Origin.TEXT,
                                             location=payload.location, user=user)
    return import_answer(source, created)


@router.post("/sources/import/url", response={**IMPORTED, **refusals(400, 403)}, summary="导入报道：网址")
def import_url(request, payload: UrlImportIn):
    """服务器抓取该网址（限时、限大小、拒绝内网和本机地址）后导入。"""
    user = caller(request)
    require_office(user)
    source, created = services.import_url(payload.url, user=user,
                                          allow_private=settings.DUBAN_ALLOW_PRIVATE_URLS)
    return import_answer(source, created)


class SourceFilter(Schema):
    q: str | None = Field(None, description="标题包含")


@router.get("/sources", response=list[SourceOut], summary="来源报道列表")
@paginate(Pages)
def list_sources(request, filters: Query[SourceFilter]):
    """联络员只看到产生了本单位事项的报道。"""
    sources = visible_sources(caller(request)).select_related("imported_by").defer("raw")
    if filters.q:
        sources = sources.filter(title__icontains=filters.q)
    return sources.order_by("-imported_at", "-id")


@router.get("/sources/{int:source_id}", response={200: SourceDetail, **refusals(404)}, summary="来源报道详情")
def get_source(request, source_id: Id):
    """文章、分析结果与由它产生的事项。分析结果含全部指示，只对督查室和领导返回。"""
    source = get_object_or_404(visible_sources(caller(request)).select_related("imported_by").defer("raw"),
                               pk=source_id)
    return source
