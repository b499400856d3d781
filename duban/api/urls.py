from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from duban.api.api import api
from duban.api.middleware import json_error


@csrf_exempt  # it changes nothing: a write to a mistyped path is a 404, not a CSRF failure
def unknown_route(request, rest):
    """Scripts get JSON for a mistyped path too, not Django's HTML 404 page."""
    return json_error(request, 404)


urlpatterns = [path("", api.urls), re_path(r"^(?P<rest>.*)$", unknown_route)]
