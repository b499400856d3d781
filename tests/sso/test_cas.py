"""CAS sign-in through django-cas-ng's real protocol round trip, against a tiny local CAS
responder (serviceValidate, protocol 3 with attributes)."""

import json
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer
from threading import Thread

import pytest
from django.urls import reverse

from duban.ledger.models import Unit, User
from duban.sso.models import SsoAccount

pytest.importorskip("django_cas_ng")
pytestmark = pytest.mark.django_db

SUCCESS = """<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess>
<cas:user>{user}</cas:user><cas:attributes><cas:displayName>{name}</cas:displayName>
{groups}</cas:attributes></cas:authenticationSuccess></cas:serviceResponse>"""
FAILURE = """<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure
code="INVALID_TICKET">Ticket {ticket} not recognized</cas:authenticationFailure></cas:serviceResponse>"""
# Tickets the CAS server issued: ticket -> (user, display name, groups).
TICKETS = {"ST-zhao": ("zhao", "赵联络", ["tianqiao"]), "ST-qian": ("qian", "钱访客", ["visitors"])}


@pytest.fixture
def cas_server():
    validations = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            path, _, query = self.path.partition("?")
            params = dict(urllib.parse.parse_qsl(query))
            validations.append((path, params))
            ticket = params.get("ticket", "")
            if path == "/cas/p3/serviceValidate" and ticket in TICKETS:
                user, name, groups = TICKETS.pop(ticket)  # a ticket is good once
                body = SUCCESS.format(user=user, name=name,
                                      groups="".join(f"<cas:memberOf>{g}</cas:memberOf>" for g in groups))
            else:
                body = FAILURE.format(ticket=ticket)
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/cas", validations
    server.shutdown()
    server.server_close()


@pytest.fixture
def cas_on(cas_server, settings):
    url, _ = cas_server
    settings.DUBAN_CAS_URL = url
    settings.CAS_SERVER_URL = url + "/"
    settings.CAS_VERSION = "3"
    settings.CAS_LOGIN_URL_NAME, settings.CAS_LOGOUT_URL_NAME = "sso:cas-login", "sso:cas-logout"
    settings.CAS_REDIRECT_URL = "/"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "duban.sso.cas_backend.DubanCASBackend"]
    settings.DUBAN_SSO_GROUPS = json.dumps({"tianqiao": {"role": "liaison", "unit": "天桥街道"}})
    return Unit.objects.create(name="天桥街道")


def test_round_trip_creates_the_user_with_the_mapped_unit(client, cas_on, cas_server):
    url, validations = cas_server
    login = reverse("sso:cas-login")
    first = client.get(login, {"next": "/ledger/"})
    assert first.status_code == 302 and first["Location"].startswith(f"{url}/login?service=")
    service = urllib.parse.parse_qs(urllib.parse.urlsplit(first["Location"]).query)["service"][0]
    assert service.startswith("http://testserver/sso/cas/login/")
    # The CAS server sends the browser back with a ticket; django-cas-ng validates it.
    back = client.get(service + ("&" if "?" in service else "?") + "ticket=ST-zhao")
    assert back.status_code == 302 and back["Location"] == "/ledger/"
    assert validations[-1][0] == "/cas/p3/serviceValidate" and validations[-1][1]["ticket"] == "ST-zhao"
    user = User.objects.get(username="zhao")
    assert (user.role, user.unit, user.first_name) == ("liaison", cas_on, "赵联络")
    assert SsoAccount.objects.get(user=user).source == "cas"
    assert client.get("/ledger/").status_code == 200


def test_a_bad_ticket_is_refused(client, cas_on):
    response = client.get(reverse("sso:cas-login"), {"ticket": "ST-forged"})
    assert response.status_code == 403 and not User.objects.filter(username="zhao").exists()


def test_no_mapping_gives_the_clear_page(client, cas_on):
    client.get(reverse("sso:cas-login"), {"ticket": "ST-qian"})
    response = client.get("/")
    assert response.status_code == 403 and "尚未开通督办系统权限" in response.content.decode()


def test_login_page_offers_cas_only_when_on(client, cas_on, settings):
    assert "统一身份认证（CAS）" in client.get(reverse("login")).content.decode()
    settings.DUBAN_CAS_URL = ""
    assert "统一身份认证" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso:cas-login")).status_code == 404
