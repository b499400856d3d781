"""django-auth-ldap's settings from duban's DUBAN_LDAP_* environment (read by settings.py,
so it imports no models)."""

from __future__ import annotations


def settings_from(env: dict) -> dict:
    """django-auth-ldap's AUTH_LDAP_* settings from duban's DUBAN_LDAP_* environment."""
    import ldap
    from django_auth_ldap.config import ActiveDirectoryGroupType, GroupOfNamesType, LDAPSearch, PosixGroupType

    group_types = {"groupOfNames": GroupOfNamesType, "posixGroup": PosixGroupType,
                   "activeDirectory": ActiveDirectoryGroupType}
    kind = env.get("DUBAN_LDAP_GROUP_TYPE", "groupOfNames")
    if kind not in group_types:
        raise ValueError(f"DUBAN_LDAP_GROUP_TYPE 应为 {'、'.join(group_types)} 之一：{kind}")
    options = {ldap.OPT_REFERRALS: 0}  # Active Directory's referrals need another bind
    return {
        "AUTH_LDAP_SERVER_URI": env["DUBAN_LDAP_URI"],
        "AUTH_LDAP_BIND_DN": env.get("DUBAN_LDAP_BIND_DN", ""),
        "AUTH_LDAP_BIND_PASSWORD": env.get("DUBAN_LDAP_BIND_PASSWORD", ""),
        "AUTH_LDAP_START_TLS": env.get("DUBAN_LDAP_START_TLS", "0").lower() in ("1", "true", "yes", "on"),
        "AUTH_LDAP_CONNECTION_OPTIONS": options,
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(env["DUBAN_LDAP_USER_BASE"], ldap.SCOPE_SUBTREE,
                                            env.get("DUBAN_LDAP_USER_FILTER", "(uid=%(user)s)")),
        "AUTH_LDAP_GROUP_SEARCH": LDAPSearch(env.get("DUBAN_LDAP_GROUP_BASE", env["DUBAN_LDAP_USER_BASE"]),
                                             ldap.SCOPE_SUBTREE, "(objectClass=*)"),
        "AUTH_LDAP_GROUP_TYPE": group_types[kind](),
        "AUTH_LDAP_USER_ATTR_MAP": {"first_name": env.get("DUBAN_LDAP_NAME_ATTR", "cn"), "email": "mail",
                                    "phone": "telephoneNumber"},
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
        "AUTH_LDAP_FIND_GROUP_PERMS": False,
    }
