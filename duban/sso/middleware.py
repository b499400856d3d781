"""A directory user whose groups give no role sees one page saying so (403), whatever they open."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from duban.sso.mapping import SESSION_KEY


class UnmappedUserMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a browser with a session can carry the mark; others' sessions stay untouched
        # (the public board's answers must not vary on a cookie).
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.session.get(SESSION_KEY) \
                and request.path not in (reverse("logout"), reverse("login")):
            if request.user.is_authenticated:
                from duban.sso.models import SsoAccount

                account = SsoAccount.objects.filter(user=request.user).first()
                return render(request, "sso/unmapped.html", {"account": account}, status=403)
            request.session.pop(SESSION_KEY, None)
        return self.get_response(request)
