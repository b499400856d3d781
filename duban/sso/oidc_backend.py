"""OpenID Connect through mozilla-django-oidc (the ``sso`` extra): authorization code flow
with PKCE; the user is ``preferred_username`` (else ``sub``), the name and email come from
the claims, groups from the claim DUBAN_OIDC_GROUPS_CLAIM (default ``groups``)."""

from __future__ import annotations

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from duban.sso.cas_backend import as_list
from duban.sso.mapping import apply


class DubanOIDCBackend(OIDCAuthenticationBackend):
    def username_of(self, claims) -> str:
        return str(claims.get("preferred_username") or claims["sub"])[:150]

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))  # not the library's default of requiring an email

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=self.username_of(claims))

    def create_user(self, claims):
        return self.update_user(self.UserModel(username=self.username_of(claims)), claims)

    def update_user(self, user, claims):
        user.first_name = str(claims.get("name") or user.first_name)[:150]
        user.email = str(claims.get("email") or user.email)
        apply(user, as_list(claims.get(settings.DUBAN_OIDC_GROUPS_CLAIM)), "oidc")
        return user
