"""Every error under /api/ answers ``{"detail": ...}`` JSON, whoever produced it.

django-ninja's exception handlers (duban.api.api) cover what the routes raise. Some errors
never reach them: a crash Django turns into its HTML 500 page, ninja's plain-text 405, the
CSRF middleware's HTML 403, a request body too large for Django. This middleware sits
outside all of those and rewrites any non-JSON error response under /api/ into the JSON
shape, keeping its status and headers (``Allow`` on a 405).
"""

from __future__ import annotations

from http import HTTPStatus

from django.http import JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def _message(status: int, request) -> str:
    if status == 403:
        return _("拒绝访问：浏览器会话的写操作需要 X-CSRFToken 请求头。")
    if status == 404:
        return _("没有这个接口：%(path)s（接口列表见 /api/docs）") % {"path": request.path}
    if status == 405:
        return _("接口不支持 %(method)s 请求。") % {"method": request.method}
    if status == 413:
        return _("请求体过大。")
    if status >= 500:
        return _("服务器内部错误，已记入日志。请稍后重试，或联系管理员。")
    if status == 400:
        return _("请求无法处理。")
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # a status no standard names
        return str(status)


def json_error(request, status: int, message: str | None = None) -> JsonResponse:
    return JsonResponse({"detail": message or _message(status, request)}, status=status,
                        json_dumps_params={"ensure_ascii": False})


class JsonErrors:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code < 400 or not request.path.startswith(API_PREFIX)
                or response.get("Content-Type", "").startswith("application/json")):
            return response
        replacement = json_error(request, response.status_code)
        for header in KEPT_HEADERS:
            if header in response:
                replacement[header] = response[header]
        return replacement
