"""Who is calling: a script with ``Authorization: Bearer <key>``, or a logged-in browser.

Token requests carry no ambient credentials, so they need no CSRF token; session requests
do (ninja's cookie auth runs Django's CSRF check on unsafe methods).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from duban.api.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user  # so code that reads request.user sees the token's owner
        return user


class SessionAuth(APIKeyCookie):
    """Django's session, with CSRF enforced on writes.

    Unlike ninja's ``django_auth``, an anonymous caller gets 401 (not a CSRF 403), so the
    answer tells them what is missing.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        if check_csrf(request):
            raise HttpError(403, _("CSRF 校验失败：浏览器会话的写操作需要 X-CSRFToken 请求头。"))
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = request.user
        return user if user.is_authenticated and user.is_active else None


# Tried in order: a request with a valid bearer token never needs a CSRF token.
AUTH = [TokenAuth(), SessionAuth()]
