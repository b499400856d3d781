"""LDAP / Active Directory through django-auth-ldap (needs python-ldap: the ``sso`` extra).

The user is found by a search (a service account binds for it, or an anonymous bind), then
binds with their own password; their groups come from a group search and map to a role and
unit through ``DUBAN_SSO_GROUPS`` (matched by the group's name or DN).
"""

from __future__ import annotations

from django_auth_ldap.backend import LDAPBackend


class DubanLDAPBackend(LDAPBackend):
    """django-auth-ldap, then duban's group mapping at every sign-in."""

    def authenticate_ldap_user(self, ldap_user, password):
        from duban.sso.mapping import apply

        user = super().authenticate_ldap_user(ldap_user, password)
        if user is not None:
            apply(user, set(ldap_user.group_names) | set(ldap_user.group_dns), "ldap")
        return user
