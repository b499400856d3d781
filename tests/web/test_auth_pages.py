import pytest
from django.urls import reverse

from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_pages_need_login(client):
    for name in ("home", "ledger", "dashboard", "import"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_login_then_home_sends_each_role_to_its_start_page(client, people, units):
    response = client.post(reverse("login"), {"username": "liaison", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home"))["Location"] == reverse("unit", args=[units["town"].pk])
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert client.get(reverse("home"))["Location"] == reverse("dashboard")


def test_wrong_password_is_refused_in_chinese(client, people):
    response = client.post(reverse("login"), {"username": "officer", "password": "nope"})
    assert response.status_code == 200 and "用户名" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client_for, people):
    client = client_for(people["officer"])
    client.post(reverse("logout"))
    assert client.get(reverse("ledger")).status_code == 302


def test_404_and_403_pages_are_chinese(client_for, people):
    client = client_for(people["liaison"])
    missing = client.get("/items/999999/")
    assert missing.status_code == 404 and "页面不存在" in missing.content.decode()
    refused = client.get(reverse("dashboard"))
    assert refused.status_code == 403 and "无权访问" in refused.content.decode()


def test_language_switch_to_english(client_for, people):
    client = client_for(people["officer"])
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("ledger")})
    assert response.status_code == 302
    page = client.get(reverse("ledger")).content.decode()
    assert 'lang="en"' in page and "Ledger" in page


def test_throttled_login_says_so(client, people, settings):
    settings.DUBAN_LOGIN_MAX_FAILURES = 3
    pages = [client.post(reverse("login"), {"username": "officer", "password": "guess"}).content.decode()
             for _ in range(3)]
    # The third failure fills the window, so it already says why the next try will be refused.
    assert ["次数过多" in page for page in pages] == [False, False, True]
    refused = client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert "次数过多" in refused.content.decode() and "_auth_user_id" not in client.session


def test_chinese_whatever_the_browser_says(client_for, people):
    client = client_for(people["officer"])
    page = client.get(reverse("ledger"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in page and "督办台账" in page
