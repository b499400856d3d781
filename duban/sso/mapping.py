"""Directory groups → duban role and unit (``DUBAN_SSO_GROUPS``), applied at every sign-in.

``DUBAN_SSO_GROUPS`` is a JSON object from a group (its name, or for LDAP also its DN;
compared without case) to what it grants::

    {"督查室": {"role": "officer"}, "区领导": {"role": "leader"},
     "天桥街道": {"role": "liaison", "unit": "天桥街道"}, "duban-admins": {"role": "admin"}}

A user in several groups gets the strongest role (admin > officer > leader > liaison) and
the unit of the first group that names one. A liaison needs a unit. The directory is the
source of truth: a user whose groups map to nothing loses any role they had (liaison, no unit:
they see nothing) and is shown a page saying whom to ask.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings

from duban import clock

ROLE_ORDER = ["liaison", "leader", "officer", "admin"]


@dataclass(frozen=True)
class Grant:
    role: str
    unit_name: str = ""


def configured() -> dict[str, dict]:
    raw = settings.DUBAN_SSO_GROUPS
    table = json.loads(raw) if isinstance(raw, str) and raw.strip() else (raw or {})
    return {str(k).strip().lower(): v for k, v in table.items()}


def grant_for(groups, table: dict[str, dict] | None = None) -> Grant | None:
    """The role and unit these groups give, or None when they give no usable role."""
    table = configured() if table is None else table
    matched = [table[g.strip().lower()] for g in groups if g and g.strip().lower() in table]
    roles = [m.get("role") for m in matched if m.get("role") in ROLE_ORDER]
    if not roles:
        return None
    role = max(roles, key=ROLE_ORDER.index)
    unit = next((m["unit"] for m in matched if m.get("unit")), "")
    if role == "liaison" and not unit:
        return None
    return Grant(role, unit)


def apply(user, groups, source: str) -> bool:
    """Set ``user``'s role and unit from ``groups`` (and save); True when they gave a role."""
    from duban.ledger.models import User
    from duban.ledger.units import resolve_unit
    from duban.sso.models import SsoAccount

    groups = sorted({str(g) for g in groups})
    grant = grant_for(groups)
    unit = resolve_unit(grant.unit_name) if grant and grant.unit_name else None
    if grant and grant.unit_name and unit is None:
        grant = None  # the unit is not in duban: do not guess
    user.role = grant.role if grant else User.Role.LIAISON
    user.unit = unit
    user.is_staff = user.is_superuser = bool(grant and grant.role == "admin")
    if user.pk is None:
        user.set_unusable_password()  # signs in through the directory only
    user.save()
    SsoAccount.objects.update_or_create(user=user, defaults={
        "source": source, "groups": groups, "mapped": grant is not None, "synced_at": clock.now()})
    return grant is not None


SESSION_KEY = "duban_sso_unmapped"


def remember_refusal(sender, request, user, **kwargs):
    """At sign-in, mark the session of a directory user whose groups gave no role."""
    from duban.sso.models import SsoAccount

    if request is not None and SsoAccount.objects.filter(user=user, mapped=False).exists():
        request.session[SESSION_KEY] = True
