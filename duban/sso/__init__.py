"""Single sign-on: LDAP / Active Directory, OIDC and CAS through kept libraries, each switched
on by settings, beside the local accounts. Directory groups map to duban roles and units."""
