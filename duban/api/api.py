"""The REST API (django-ninja). OpenAPI at /api/openapi.json, browsable docs at /api/docs.

Every route needs a caller: a script with ``Authorization: Bearer <key>`` (``duban
create-token``) or a logged-in browser session (writes then need the CSRF token). The routes
call the same ``workflow`` and ``services`` functions as the pages, so the same rules apply;
refusals answer ``{"detail": "..."}`` with the status the rule chose.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from duban.api import assessment, documents, instructions, items, overview, progress, sources
from duban.api.auth import AUTH
from duban.api.schemas import Error, InvalidRequest
from duban.errors import InputError
from duban.ledger.workflow import WorkflowError

log = logging.getLogger("duban.api")


class ReadableJSONRenderer(JSONRenderer):
    """UTF-8 Chinese as-is instead of \\uXXXX escapes, so curl output and logs stay readable."""

    json_dumps_params = {"ensure_ascii": False}

def refuse_nul(value, loc: tuple) -> None:
    """U+0000 anywhere in the input (a text, a key, a file name) is a 422: PostgreSQL's text
    columns cannot hold it, so it would otherwise end in a server error there."""
    if isinstance(value, dict):
        for key, item in value.items():
            refuse_nul(key, loc)
            refuse_nul(item, (*loc, key))
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            refuse_nul(item, (*loc, n))
    elif "\x00" in (value if isinstance(value, str) else getattr(value, "name", None) or ""):
        raise ValidationError([{"type": "string_nul", "loc": loc, "msg": _("不能包含空字符（U+0000）")}])


class InputParser(Parser):
    """What ninja reads from a request, with two rules its schemas do not apply: a JSON body is
    an object (ninja's schemas read other values attribute by attribute, so ``[null, null]``
    passed as a body whose fields are all optional), and no text holds U+0000."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("the JSON body must be an object")
        refuse_nul(data, ("body",))
        return data

    def parse_querydict(self, data, list_fields, request):
        where = "query" if data is request.GET else "form"
        parsed = super().parse_querydict(data, list_fields, request)
        refuse_nul(parsed, (where,))
        return parsed


def _error_response(description: str, schema: type) -> dict:
    ref = {"$ref": f"#/components/schemas/{schema.__name__}"}
    return {"description": description, "content": {"application/json": {"schema": ref}}}


class DubanAPI(NinjaAPI):
    """ninja's API, with the answers every route shares declared in the schema.

    A route lists the refusals its rules produce (400/403/404/409/413); what follows from the
    route's shape is added here, from that shape: 401 where it needs a caller, 400 where it
    reads a body (one that cannot be parsed), 422 where it takes parameters or a body.
    """

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (Error, InvalidRequest):
            components.setdefault(model.__name__, model.model_json_schema())
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                if operation.get("security"):
                    responses.setdefault(401, _error_response("需要登录或 API 令牌", Error))
                if operation.get("requestBody"):
                    responses.setdefault(400, _error_response("请求体无法解析", Error))
                if operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault(422, _error_response("请求数据不符合接口定义", InvalidRequest))
        return schema


api = DubanAPI(
    title="duban 督办 API",
    version="1",
    description=("督办台账接口。脚本使用 `Authorization: Bearer <令牌>`（`duban create-token 用户名` 生成）；"
                 "浏览器使用登录会话，写操作需带 `X-CSRFToken` 请求头。出错时返回 `{\"detail\": \"原因\"}`。"),
    urls_namespace="api",
    auth=AUTH,
    renderer=ReadableJSONRenderer(),
    parser=InputParser(),
)


def _detail(request, message: str, status: int):
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(WorkflowError)
def workflow_refused(request, exc):
    return _detail(request, str(exc), exc.code)


@api.exception_handler(InputError)
def unreadable_input(request, exc):
    return _detail(request, str(exc) or _("无法读取输入。"), 400)


@api.exception_handler(HttpError)
def http_error(request, exc):
    if isinstance(exc.__cause__, ValidationError):  # ninja wraps what parse_body raises in a 400
        return invalid_request(request, exc.__cause__)
    message = exc.message
    if message.startswith("Cannot parse request body"):  # ninja's wording for a malformed body
        message = _("请求体无法解析：请发送 JSON 对象（上传文件时用 multipart/form-data）。")
    return _detail(request, message, exc.status_code)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _detail(request, _("需要登录，或在 Authorization 请求头中提供有效的 API 令牌。"), 401)


@api.exception_handler(Http404)
def not_found(request, exc):
    message = str(exc)
    # Django's get_object_or_404 says "No Item matches the given query." – say it plainly instead.
    if not message or "matches the given query" in message:
        message = _("未找到，或您无权查看。")
    return _detail(request, message, 404)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return _detail(request, str(exc) or _("您无权执行此操作。"), 403)


@api.exception_handler(ValidationError)
def invalid_request(request, exc):
    """One readable line in ``detail``; the full list stays in ``errors`` for programs."""
    parts = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "form", "payload", "path"))
        parts.append(f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", "")))
    body = {"detail": _("请求数据有误：") + "；".join(parts), "errors": exc.errors}
    return api.create_response(request, body, status=422)


@api.get("/health", auth=None, tags=["系统"], summary="健康检查")
def health(request):
    """Liveness probe: answers while the app can reach its database."""
    from duban.ledger.models import Item

    Item.objects.exists()
    return {"status": "ok"}


api.add_router("", items.router)
api.add_router("", instructions.router)
api.add_router("", progress.router)
api.add_router("", sources.router)
api.add_router("", overview.router)
api.add_router("", assessment.router)
api.add_router("", documents.router)
