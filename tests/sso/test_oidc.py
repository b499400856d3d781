"""OpenID Connect sign-in against a real provider run locally: django-oauth-toolkit with OIDC
on, in a second process (tests/sso/oidc_provider). Code flow with PKCE, the RS256 ID token
checked against the provider's JWKS, the userinfo endpoint read for name and groups."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from duban.ledger.models import Unit, User
from duban.sso.models import SsoAccount
from tests.sso.conftest import free_port

pytest.importorskip("mozilla_django_oidc")
pytest.importorskip("oauth2_provider", reason="django-oauth-toolkit (the test provider) is not installed")
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CALLBACK = "http://testserver/sso/oidc/callback/"
SETUP = f"""
from django.contrib.auth.models import Group, User
from oauth2_provider.models import Application
for name, full, groups in (("sun", "孙联络", ["tianqiao"]), ("zhou", "周访客", ["visitors"])):
    user = User.objects.create_user(name, first_name=full, email=name + "@example.gov.cn")
    for g in groups:
        user.groups.add(Group.objects.get_or_create(name=g)[0])
Application.objects.create(name="duban", client_id="duban", client_secret="duban-secret", user=None,
    client_type="confidential", authorization_grant_type="authorization-code", redirect_uris="{CALLBACK}",
    skip_authorization=True, algorithm="RS256")
"""


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    folder = tmp_path_factory.mktemp("op")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    env = {**os.environ, "OP_DB": str(folder / "op.sqlite3"), "OP_KEY": str(folder / "key.pem"),
           "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "tests.sso.oidc_provider.settings"}
    for args in (["migrate", "-v", "0"], ["shell", "-c", SETUP]):
        subprocess.run([sys.executable, "-m", "django", *args], env=env, cwd=ROOT, check=True, timeout=120)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/o/.well-known/openid-configuration", timeout=2) as answer:
                    discovery = json.load(answer)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "the OIDC provider did not start"
                time.sleep(0.2)
        yield base, discovery
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def oidc_on(provider, settings):
    base, discovery = provider
    settings.DUBAN_OIDC_CLIENT_ID = settings.OIDC_RP_CLIENT_ID = "duban"
    settings.OIDC_RP_CLIENT_SECRET = "duban-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid profile email"
    settings.OIDC_USE_PKCE = True
    settings.OIDC_AUTHENTICATION_CALLBACK_URL = "sso:oidc-callback"
    settings.LOGIN_REDIRECT_URL_FAILURE = "/login/"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "duban.sso.oidc_backend.DubanOIDCBackend"]
    settings.DUBAN_SSO_GROUPS = json.dumps({"tianqiao": {"role": "liaison", "unit": "天桥街道"}})
    return Unit.objects.create(name="天桥街道")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in_at_provider(base: str, authorize_url: str, username: str) -> str:
    """The browser at the provider: sign in, authorize; returns where it is sent back to."""
    import http.cookiejar

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
    split = urllib.parse.urlsplit(authorize_url)
    url = f"{base}/login-as/{username}/?" + urllib.parse.urlencode({"next": f"{split.path}?{split.query}"})
    for _ in range(5):
        try:
            opener.open(url, timeout=10)
        except urllib.error.HTTPError as redirect:
            location = urllib.parse.urljoin(url, redirect.headers["Location"])
            if location.startswith(CALLBACK):
                return location
            url = location
            continue
        raise AssertionError(f"the provider did not redirect: {url}")
    raise AssertionError("too many redirects")


def test_code_flow_creates_the_user_with_the_mapped_unit(client, oidc_on, provider):
    base, _ = provider
    start = client.get(reverse("sso:oidc-authenticate"), {"next": "/ledger/"})
    assert start.status_code == 302 and start["Location"].startswith(f"{base}/o/authorize/")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["redirect_uri"] == [CALLBACK]
    back = sign_in_at_provider(base, start["Location"], "sun")
    done = client.get(back.removeprefix("http://testserver"))
    assert done.status_code == 302 and done["Location"] == "/ledger/"
    user = User.objects.get(username="sun")
    assert (user.role, user.unit, user.first_name, user.email) == ("liaison", oidc_on, "孙联络", "sun@example.gov.cn")
    assert SsoAccount.objects.get(user=user).source == "oidc"
    assert client.get("/ledger/").status_code == 200


def test_no_mapping_gives_the_clear_page(client, oidc_on, provider):
    base, _ = provider
    start = client.get(reverse("sso:oidc-authenticate"))
    client.get(sign_in_at_provider(base, start["Location"], "zhou").removeprefix("http://testserver"))
    response = client.get("/")
    assert response.status_code == 403 and "周访客" in response.content.decode()


def test_a_forged_callback_signs_in_no_one(client, oidc_on):
    client.get(reverse("sso:oidc-authenticate"))
    response = client.get(reverse("sso:oidc-callback"), {"code": "forged", "state": "forged"})
    assert response.status_code in (302, 400) and not client.session.get("_auth_user_id")
