from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _

from duban.api.api import api


def unknown_route(request, rest):
    """Scripts get JSON for a mistyped path too, not Django's HTML 404 page."""
    return JsonResponse({"detail": _("没有这个接口：%(path)s（接口列表见 /api/docs）") % {"path": request.path}},
                        status=404, json_dumps_params={"ensure_ascii": False})


urlpatterns = [path("", api.urls), re_path(r"^(?P<rest>.*)$", unknown_route)]
