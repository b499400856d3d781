import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from duban.ledger.models import LoginFailure

pytestmark = pytest.mark.django_db


def attempt(password, address="10.0.0.1", username="officer"):
    request = RequestFactory().post("/login/", REMOTE_ADDR=address)
    return authenticate(request, username=username, password=password)


def test_too_many_failures_lock_out_even_the_right_password(people, settings):
    settings.DUBAN_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        assert attempt("wrong") is None
    assert attempt("pw-officer") is None  # locked
    assert attempt("pw-officer", address="10.0.0.2") == people["officer"]  # another address is not


def test_success_forgets_earlier_failures(people, settings, client):
    settings.DUBAN_LOGIN_MAX_FAILURES = 3
    attempt("wrong", address="127.0.0.1")
    attempt("wrong", address="127.0.0.1")
    client.post("/login/", {"username": "officer", "password": "pw-officer"})
    assert client.session["_auth_user_id"] == str(people["officer"].pk)
    assert not LoginFailure.objects.filter(username="officer").exists()


def test_window_passes(people, settings):
    settings.DUBAN_LOGIN_MAX_FAILURES = 2
    attempt("wrong")
    attempt("wrong")
    assert attempt("pw-officer") is None
    settings.DUBAN_LOGIN_WINDOW_SECONDS = 0
    assert attempt("pw-officer") == people["officer"]


def test_login_page_is_throttled(people, settings, client):
    settings.DUBAN_LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        client.post("/login/", {"username": "officer", "password": "wrong"})
    response = client.post("/login/", {"username": "officer", "password": "pw-officer"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_client_address_believes_only_trusted_proxies(settings, rf):
    from duban.ledger.throttle import client_address

    forwarded = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}
    assert client_address(rf.get("/", **forwarded)) == "127.0.0.1"  # no proxy trusted: the socket's peer
    settings.DUBAN_TRUSTED_PROXIES = ["127.0.0.1"]
    # The last hop is what the trusted proxy saw; the forged first entry is ignored.
    assert client_address(rf.get("/", **forwarded)) == "203.0.113.9"
    assert client_address(rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "198.51.100.7"
    assert client_address(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"
    assert client_address(None) == ""
