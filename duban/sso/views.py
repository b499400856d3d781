"""Entry points of the directory sign-ins: 404 while a method is switched off, so the URL
conf stays the same whatever the settings (the libraries load only when switched on)."""

from django.conf import settings
from django.http import Http404


def cas_login(request):
    if not settings.DUBAN_CAS_URL:
        raise Http404
    from django_cas_ng.views import LoginView

    return LoginView.as_view()(request)


def cas_logout(request):
    if not settings.DUBAN_CAS_URL:
        raise Http404
    from django_cas_ng.views import LogoutView

    return LogoutView.as_view()(request)


def oidc_authenticate(request):
    if not settings.DUBAN_OIDC_CLIENT_ID:
        raise Http404
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    return OIDCAuthenticationRequestView.as_view()(request)


def oidc_callback(request):
    if not settings.DUBAN_OIDC_CLIENT_ID:
        raise Http404
    from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

    return OIDCAuthenticationCallbackView.as_view()(request)
