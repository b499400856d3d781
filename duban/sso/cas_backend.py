"""CAS (common in government and university portals) through django-cas-ng (the ``sso``
extra): protocol version DUBAN_CAS_VERSION (default 3); the user's groups come from the CAS
attribute DUBAN_CAS_GROUPS_ATTRIBUTE (default ``memberOf``), their name from ``displayName``."""

from __future__ import annotations

from django.conf import settings
from django.dispatch import receiver
from django_cas_ng.backends import CASBackend
from django_cas_ng.signals import cas_user_authenticated

from duban.sso.mapping import apply


@receiver(cas_user_authenticated, dispatch_uid="duban.sso.cas")
def _keep_attributes(sender, user, attributes=None, **kwargs):
    if user is not None:
        user._cas_attributes = attributes or {}


def as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


class DubanCASBackend(CASBackend):
    def authenticate(self, request, ticket, service):
        user = super().authenticate(request, ticket, service)
        if user is not None:
            attributes = getattr(user, "_cas_attributes", {})
            name = as_list(attributes.get("displayName") or attributes.get("cn"))
            if name:
                user.first_name = name[0][:150]
            apply(user, as_list(attributes.get(settings.DUBAN_CAS_GROUPS_ATTRIBUTE)), "cas")
        return user
