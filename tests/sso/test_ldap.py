"""Sign-in against a real OpenLDAP server: users are created from the directory with the
role and unit their groups map to; no mapping gives a clear page; local accounts still work."""

import json

import pytest
from django.urls import reverse

from duban.ledger.models import Unit, User
from duban.sso.ldap_config import settings_from
from duban.sso.models import SsoAccount
from tests.sso.conftest import SUFFIX

pytestmark = pytest.mark.django_db
GROUPS = {"tianqiao": {"role": "liaison", "unit": "天桥街道"},
          f"cn=duchashi,ou=groups,{SUFFIX}": {"role": "officer"}}


@pytest.fixture
def ldap_on(slapd, settings):
    for name, value in settings_from({"DUBAN_LDAP_URI": slapd, "DUBAN_LDAP_USER_BASE": f"ou=people,{SUFFIX}",
                                      "DUBAN_LDAP_GROUP_BASE": f"ou=groups,{SUFFIX}"}).items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "duban.sso.ldap_backend.DubanLDAPBackend"]
    settings.DUBAN_SSO_GROUPS = json.dumps(GROUPS)
    return Unit.objects.create(name="天桥街道")


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_first_login_creates_the_user_from_the_directory(client, ldap_on):
    response = login(client, "zhang", "pw-zhang")
    assert response.status_code == 302
    user = User.objects.get(username="zhang")
    # In tianqiao (liaison of 天桥街道) and duchashi (officer, matched by DN): the stronger role.
    assert (user.role, user.unit, user.first_name, user.email, user.phone) == (
        "officer", ldap_on, "张联络", "zhang@example.gov.cn", "13800000001")
    assert not user.has_usable_password()
    account = SsoAccount.objects.get(user=user)
    assert account.source == "ldap" and account.mapped and "tianqiao" in account.groups
    assert client.get(reverse("dashboard")).status_code == 200


def test_liaison_gets_the_unit_of_the_group(client, ldap_on, settings):
    settings.DUBAN_SSO_GROUPS = json.dumps({"tianqiao": GROUPS["tianqiao"]})
    login(client, "zhang", "pw-zhang")
    user = User.objects.get(username="zhang")
    assert (user.role, user.unit) == ("liaison", ldap_on)
    assert client.get(reverse("dashboard")).status_code == 403  # a liaison, as mapped


def test_the_directory_is_the_source_of_truth_at_each_login(client, ldap_on, settings):
    login(client, "wang", "pw-wang")
    assert User.objects.get(username="wang").role == "officer"
    client.logout()
    settings.DUBAN_SSO_GROUPS = "{}"  # the group no longer grants anything
    login(client, "wang", "pw-wang")
    wang = User.objects.get(username="wang")
    assert (wang.role, wang.unit, wang.is_staff) == ("liaison", None, False)


def test_no_mapping_gives_a_clear_page(client, ldap_on):
    assert login(client, "li", "pw-li").status_code == 302
    for url in ("/", reverse("ledger"), reverse("dashboard")):
        response = client.get(url)
        assert response.status_code == 403
        page = response.content.decode()
        assert "尚未开通督办系统权限" in page and "visitors" in page and "李访客" in page
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/").status_code == 302  # signed out: the login page again


def test_wrong_password_and_unknown_user_fail(client, ldap_on):
    assert login(client, "zhang", "wrong").status_code == 200
    assert login(client, "nobody", "pw").status_code == 200
    assert not User.objects.filter(username__in=["zhang", "nobody"]).exists()


def test_local_accounts_still_work(client, ldap_on):
    User.objects.create_user("local", password="pw-local-123", role=User.Role.OFFICER)
    assert login(client, "local", "pw-local-123").status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
