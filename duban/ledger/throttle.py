"""Login throttling: after DUBAN_LOGIN_MAX_FAILURES failed logins for one username from one
address within DUBAN_LOGIN_WINDOW_SECONDS, further attempts are refused until the window passes.

Failures are rows in the database (not a per-process cache), so every server process and
every way in (pages, API, admin) counts them together.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from duban import clock
from duban.ledger.models import LoginFailure


def client_address(request) -> str:
    """REMOTE_ADDR, or behind a proxy listed in DUBAN_TRUSTED_PROXIES the address that proxy
    saw: the last X-Forwarded-For entry (the one it appended; a client may forge the others)."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR") or ""
    if remote in getattr(settings, "DUBAN_TRUSTED_PROXIES", ()):
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return remote


def _key(username: str | None) -> str:
    return (username or "").strip().casefold()[:150]


def _window_start() -> dt.datetime:
    return clock.now() - dt.timedelta(seconds=settings.DUBAN_LOGIN_WINDOW_SECONDS)


def is_throttled(username: str | None, address: str) -> bool:
    recent = LoginFailure.objects.filter(username=_key(username), address=address, at__gte=_window_start())
    return recent.count() >= settings.DUBAN_LOGIN_MAX_FAILURES


class ThrottledModelBackend(ModelBackend):
    """Django's own password check, refused outright while the username+address is throttled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get("username")
        if is_throttled(username, client_address(request)):
            # PermissionDenied stops authenticate() from trying any other backend.
            raise PermissionDenied("too many failed logins")
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    LoginFailure.objects.filter(at__lt=_window_start()).delete()
    LoginFailure.objects.create(username=_key(credentials.get("username")), address=client_address(request))


@receiver(user_logged_in)
def _forget_failures(sender, request, user, **kwargs):
    LoginFailure.objects.filter(username=_key(user.get_username()), address=client_address(request)).delete()
