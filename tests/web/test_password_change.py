"""Changing one's own password in the app (Django's PasswordChangeView with the app's pages)."""

import pytest
from django.urls import reverse

from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db
NEW = "督办-新口令-2026"


def test_password_change_from_the_header(client, people):
    client.login(username="liaison", password=PASSWORD)
    home = client.get(reverse("ledger")).content.decode()
    assert f'href="{reverse("password-change")}"' in home
    page = client.get(reverse("password-change"))
    assert page.status_code == 200 and 'class="top"' in page.content.decode()

    wrong = client.post(reverse("password-change"), {"old_password": "not-it", "new_password1": NEW,
                                                     "new_password2": NEW})
    assert wrong.status_code == 200 and 'id="id_old_password-error"' in wrong.content.decode()
    done = client.post(reverse("password-change"), {"old_password": PASSWORD, "new_password1": NEW,
                                                    "new_password2": NEW}, follow=True)
    assert "密码已修改" in done.content.decode()
    assert client.get(reverse("ledger")).status_code == 200  # still signed in
    people["liaison"].refresh_from_db()
    assert people["liaison"].check_password(NEW)


def test_password_change_needs_a_login(client):
    response = client.get(reverse("password-change"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
