"""Token auth for scripts, session auth with CSRF for the browser, and the token commands."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from duban.api.models import ApiToken, hash_key
from duban.ledger.models import Item
from tests.api.conftest import ApiClient, snapshot

pytestmark = pytest.mark.django_db


def test_token_authenticates_and_records_use(people):
    token, key = ApiToken.issue(people["officer"], name="周报脚本")
    response = ApiClient(key).get("/api/me")
    assert response.status_code == 200
    assert response.json()["username"] == "officer" and response.json()["role"] == "officer"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_only_a_hash_of_the_key_is_stored(people):
    token, key = ApiToken.issue(people["officer"])
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in [str(v) for v in stored.values()]
    assert stored["key_hash"] == hash_key(key)


@pytest.mark.parametrize("header", [
    "Bearer duban_not-a-real-key",
    "Bearer ",
    "Token {key}",  # the wrong scheme is not accepted either
])
def test_bad_credentials_are_refused(people, header):
    _, key = ApiToken.issue(people["officer"])
    response = Client().get("/api/me", headers={"Authorization": header.format(key=key)})
    assert response.status_code == 401
    assert response.json() == {"detail": response.json()["detail"]} and "令牌" in response.json()["detail"]


def test_revoked_token_is_refused_and_changes_nothing(people, make_item):
    token, key = ApiToken.issue(people["officer"])
    item = make_item(status=Item.Status.PROPOSED)
    token.revoke()
    before = snapshot()
    response = ApiClient(key).post(f"/api/items/{item.pk}/accept", {})
    assert response.status_code == 401
    assert snapshot() == before


def test_token_of_a_deactivated_user_is_refused(people):
    _, key = ApiToken.issue(people["officer"])
    people["officer"].is_active = False
    people["officer"].save()
    assert ApiClient(key).get("/api/me").status_code == 401


def test_token_request_needs_no_csrf(people, make_item):
    _, key = ApiToken.issue(people["officer"])
    item = make_item(status=Item.Status.PROPOSED)
    client = ApiClient(key, client=Client(enforce_csrf_checks=True))
    assert client.post(f"/api/items/{item.pk}/accept", {}).status_code == 200


@pytest.fixture
def browser(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["officer"])
    return client


def test_session_reads_work_without_csrf(browser):
    assert browser.get("/api/me").json()["username"] == "officer"


def test_session_write_without_csrf_is_refused_and_changes_nothing(browser, make_item):
    item = make_item(status=Item.Status.PROPOSED)
    before = snapshot()
    response = ApiClient(client=browser).post(f"/api/items/{item.pk}/accept", {})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert snapshot() == before


def test_session_write_with_csrf_token_is_accepted(browser, make_item):
    item = make_item(status=Item.Status.PROPOSED)
    token = browser.get("/api/csrf").json()["csrftoken"]
    response = ApiClient(client=browser).post(f"/api/items/{item.pk}/accept", {}, headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.content
    item.refresh_from_db()
    assert item.status == Item.Status.ACCEPTED


def test_session_of_a_logged_out_browser_is_anonymous(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["officer"])
    client.logout()
    assert client.get("/api/me").status_code == 401


def test_create_token_prints_a_working_key_once(people):
    out, err = StringIO(), StringIO()
    call_command("create_token", "liaison_a", "--name", "月报", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert ApiClient(key).get("/api/me").json()["username"] == "liaison_a"
    assert ApiToken.objects.get().name == "月报"
    assert key not in err.getvalue()


def test_create_token_for_unknown_user_is_a_clear_error(db):
    with pytest.raises(CommandError, match="用户不存在"):
        call_command("create_token", "nobody", stdout=StringIO(), stderr=StringIO())


def test_revoke_token_command(people):
    token, key = ApiToken.issue(people["leader"], name="大屏")
    listing = StringIO()
    call_command("revoke_token", "--list", stdout=listing)
    assert token.hint in listing.getvalue() and key not in listing.getvalue()
    call_command("revoke_token", str(token.pk), stdout=StringIO())
    assert ApiClient(key).get("/api/me").status_code == 401
    with pytest.raises(CommandError, match="令牌不存在"):
        call_command("revoke_token", "999", stdout=StringIO())


def test_admin_lists_and_revokes_tokens_without_showing_keys(people):
    token, key = ApiToken.issue(people["leader"], name="大屏")
    root = type(people["admin"]).objects.create_superuser("root", password="x")
    client = Client()
    client.force_login(root)
    page = client.get("/admin/api/apitoken/")
    assert page.status_code == 200 and token.hint.encode() in page.content and key.encode() not in page.content
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked
