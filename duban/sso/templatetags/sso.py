from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.simple_tag
def sso_links() -> list[tuple[str, str]]:
    """(label, URL) of each directory sign-in that is switched on, for the login page."""
    links = []
    if settings.DUBAN_CAS_URL:
        links.append((settings.DUBAN_CAS_LABEL, reverse("sso:cas-login")))
    if settings.DUBAN_OIDC_CLIENT_ID:
        links.append((settings.DUBAN_OIDC_LABEL, reverse("sso:oidc-authenticate")))
    return links
