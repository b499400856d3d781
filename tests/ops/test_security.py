"""Stored XSS, CSRF, evidence downloads and URL import (SSRF), through the whole app."""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import threading

import lxml.etree
import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from duban import clock
from tests.ops.world import PDF, build_world, fingerprint

pytestmark = pytest.mark.django_db

# --- stored XSS ------------------------------------------------------------------------------

# Entities in the page source, so the *text* the reader extracts carries the markup, as a
# hostile or careless page would; each payload sets a window flag if it ever runs.
HOSTILE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>&lt;script&gt;window.__xss=1&lt;/script&gt;区委书记到天桥街道调研</title></head><body>
<h1>&lt;script&gt;window.__xss=1&lt;/script&gt;区委书记到天桥街道调研</h1>
<div class="info">发布时间：2026-10-20 来源：&lt;img src=x onerror="window.__xss=2"&gt;融媒体中心
 责任编辑：&lt;a href="javascript:window.__xss=3"&gt;张三&lt;/a&gt;</div>
<div class="content">
<p>10月19日，区委书记王书记到天桥街道&lt;img src=x onerror="window.__xss=2"&gt;老旧小区改造项目调研。</p>
<p>王书记强调，要加快&lt;script&gt;window.__xss=4&lt;/script&gt;项目建设进度，确保年底前完工投用。</p>
<p>他要求，要压实安全生产责任&lt;a href="javascript:window.__xss=3"&gt;点此&lt;/a&gt;，坚决守住安全底线。</p>
<p>区委常委、办公室主任李四陪同调研。</p>
</div></body></html>"""
PROGRESS_PAYLOAD = '已完成<script>window.__xss=5</script><img src=x onerror="window.__xss=6">整改'


def assert_inert(html: str, where: str) -> None:
    """No payload became markup: no script with it, no on* handler, no javascript: link."""
    tree = lxml.html.document_fromstring(html)
    for node in tree.iter("script"):
        assert "__xss" not in (node.text or ""), f"{where}: payload inside a <script>"
    for node in tree.iter(lxml.etree.Element):
        for name, value in node.attrib.items():
            value = (value or "").strip().lower()
            assert not (name.lower().startswith("on") and "__xss" in value), f"{where}: payload in {name}="
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                assert not value.replace("\t", "").replace("\n", "").startswith("javascript:"), \
                    f"{where}: javascript: URL in {name}"


@pytest.fixture
def hostile(settings, tmp_path):
    """The hostile report imported, one proposal assigned to unit A, a hostile progress report."""
    from duban.ledger import services, workflow

    settings.MEDIA_ROOT = tmp_path / "evidence"
    world = build_world()
    officer = world.users["officer"]
    source, created = services.import_report(HOSTILE_PAGE.encode(), origin="file", location="x.html", user=officer)
    assert created and source.items.exists(), "the analyser found no directive in the hostile page"
    item = source.items.order_by("directive_index").first()
    item = workflow.apply(item, "assign", officer, lead_unit=world.unit_a,
                          deadline=clock.today() + dt.timedelta(days=20))
    item = workflow.apply(item, "sign", world.users["liaison_a"])
    services.report_progress(item, world.users["liaison_a"], text=PROGRESS_PAYLOAD, percent=50)
    return world, source, item


def hostile_pages(world, source, item) -> list[str]:
    pages = [reverse("source", args=[source.pk]), reverse("review", args=[source.pk]), reverse("sources"),
             reverse("ledger"), reverse("ledger") + "?q=项目", reverse("item", args=[item.pk]), reverse("dashboard"),
             reverse("unit", args=[world.unit_a.pk])]
    if item.subject_id:
        pages.append(reverse("subject", args=[item.subject_id]))
    if item.speaker:
        pages.append(reverse("leader", args=[item.speaker]))
    return pages


def test_hostile_report_renders_as_text_everywhere(hostile, client):
    world, source, item = hostile
    client.force_login(world.users["officer"])
    shown = ""
    for url in hostile_pages(world, source, item):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_inert(html, url)
        shown += html
    # The payloads reached the pages (as escaped text), so the checks above were not vacuous.
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in shown
    assert "&lt;script&gt;window.__xss=5&lt;/script&gt;" in shown


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_in_chromium(hostile, live_server, settings, browser):
    world, source, item = hostile
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(world.users["officer"])
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    dialogs = []
    context = browser.new_context()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in hostile_pages(world, source, item):
        page.goto(live_server.url + url, wait_until="load")
        page.wait_for_timeout(150)  # let onerror handlers of broken images fire
        assert page.evaluate("() => window.__xss === undefined"), f"payload ran on {url}"
        for link in page.locator("a[href^='javascript:']").all():
            pytest.fail(f"javascript: link on {url}: {link.get_attribute('href')}")
    context.close()
    assert dialogs == []


# --- CSRF ------------------------------------------------------------------------------------

def form_posts():
    from tests.ops.test_permissions import PAGE_RULES

    return sorted(key for key, spec in PAGE_RULES.items()
                  if spec["method"] == "POST" and key not in ("logout", "set_language"))


@pytest.mark.parametrize("key", form_posts())
def test_state_changing_forms_need_the_csrf_token(key, settings, tmp_path):
    from tests.ops.test_permissions import PAGE_RULES, request_for

    settings.MEDIA_ROOT = tmp_path / "evidence"
    world = build_world()
    spec = PAGE_RULES[key]
    role = next(r for r in ("officer", "liaison_a", "leader") if spec["expect"][r] not in ({403}, {404}))
    _, url, _ = request_for(key, world)
    data = (spec["data"](world) if callable(spec["data"]) else spec["data"]) or {}
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[role])
    before = fingerprint()
    assert client.post(url, data).status_code == 403
    assert fingerprint() == before

    client.get(reverse("ledger"))  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code != 403


def test_login_form_needs_the_csrf_token(settings):
    from duban.ledger.models import User

    User.objects.create_user("someone", password="Correct-horse-9")
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("login"), {"username": "someone", "password": "Correct-horse-9"}).status_code == 403
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("login"), {"username": "someone", "password": "Correct-horse-9",
                                              "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_api_session_writes_need_the_csrf_header(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "evidence"
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["liaison_a"])
    url = f"/api/items/{world.item.pk}/progress"
    before = fingerprint()
    assert client.post(url, {"text": "无令牌"}).status_code == 403
    assert fingerprint() == before
    token = client.get("/api/csrf").cookies.get("csrftoken") or client.cookies["csrftoken"]
    response = client.post(url, {"text": "有令牌"}, headers={"X-CSRFToken": token.value})
    assert response.status_code == 201, response.content


def test_session_and_csrf_cookies_are_hardened(settings):
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE in ("Lax", "Strict")
    assert settings.CSRF_COOKIE_SAMESITE in ("Lax", "Strict") and settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF


# --- evidence --------------------------------------------------------------------------------

EVIDENCE_URLS = {"page": lambda w: reverse("evidence", args=[w.evidence.pk]),
                 "api": lambda w: f"/api/evidence/{w.evidence.pk}"}


@pytest.mark.parametrize("route", sorted(EVIDENCE_URLS))
def test_evidence_is_served_to_the_item_s_users_as_an_attachment(route, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "evidence"
    world = build_world()
    url = EVIDENCE_URLS[route](world)
    for role in ("liaison_a", "leader", "officer"):
        client = Client()
        client.force_login(world.users[role])
        response = client.get(url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
    stranger = Client()
    stranger.force_login(world.users["liaison_b"])
    assert stranger.get(url).status_code == 404
    assert Client().get(url).status_code in (302, 401)


def test_evidence_files_are_not_reachable_by_path(settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path / "evidence"
    world = build_world()
    client.force_login(world.users["officer"])
    name = world.evidence.file.name
    for prefix in ("/media/", "/static/", "/evidence/", "/static/evidence/", "/"):
        response = client.get(prefix + name)
        assert response.status_code == 404, prefix + name


def test_mislabelled_upload_is_refused_and_nothing_stored(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path / "evidence"
    world = build_world()
    client = Client()
    client.force_login(world.users["liaison_a"])
    before = fingerprint()
    page = SimpleUploadedFile("report.pdf", b"<html><script>window.__xss=7</script></html>", "application/pdf")
    response = client.post(f"/api/items/{world.item.pk}/progress", {"text": "伪装的附件", "files": [page]})
    assert response.status_code == 400
    settings.DUBAN_EVIDENCE_MAX_BYTES = 10
    big = SimpleUploadedFile("big.pdf", PDF, "application/pdf")
    response = client.post(f"/api/items/{world.item.pk}/progress", {"text": "过大的附件", "files": [big]})
    assert response.status_code in (400, 413)
    assert fingerprint() == before


# --- URL import and private addresses (SSRF) ------------------------------------------------

class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every GET with a redirect (if ``redirect_to`` is set) or a small page, and counts."""

    hits: list[str]
    redirect_to: str | None = None

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        if self.redirect_to:
            self.send_response(302)
            self.send_header("Location", self.redirect_to)
            self.end_headers()
            return
        body = "<html><head><title>内网页面</title></head><body><p>要加快项目建设。</p></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    servers = []

    def start(host="127.0.0.1", redirect_to=None):
        handler = type("Handler", (Recorder,), {"hits": [], "redirect_to": redirect_to})
        server = http.server.ThreadingHTTPServer((host, 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server, handler.hits

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def import_as_officer(url, world):
    """Try the import through the service, the page and the API; return their refusals."""
    from duban.errors import InputError
    from duban.ledger import services

    answers = []
    with pytest.raises(InputError) as refused:
        services.import_url(url, user=world.users["officer"])
    answers.append(str(refused.value))
    client = Client()
    client.force_login(world.users["officer"])
    page = client.post(reverse("import"), {"url": url})
    assert page.status_code in (200, 400)
    api = client.post("/api/sources/import/url", {"url": url}, content_type="application/json")
    assert api.status_code == 400, api.content
    return answers


def test_url_import_refuses_loopback(serve, settings, tmp_path):
    from duban.ledger.models import Source

    settings.MEDIA_ROOT = tmp_path / "evidence"
    settings.DUBAN_ALLOW_PRIVATE_URLS = False
    world = build_world()
    server, hits = serve()
    url = f"http://127.0.0.1:{server.server_port}/news.html"
    import_as_officer(url, world)
    assert hits == [] and not Source.objects.exclude(pk=world.source.pk).exists()


def test_url_import_refuses_redirect_to_loopback(serve, settings, tmp_path, monkeypatch):
    """A 'public' server (127.0.0.2, declared public for this test) redirects to 127.0.0.1."""
    from duban.ledger.models import Source
    from duban.reader import fetch

    settings.MEDIA_ROOT = tmp_path / "evidence"
    settings.DUBAN_ALLOW_PRIVATE_URLS = False
    world = build_world()
    inner, inner_hits = serve()
    outer, outer_hits = serve("127.0.0.2", redirect_to=f"http://127.0.0.1:{inner.server_port}/admin")
    real = fetch.is_public_address
    monkeypatch.setattr(fetch, "is_public_address", lambda address: address == "127.0.0.2" or real(address))
    import_as_officer(f"http://127.0.0.2:{outer.server_port}/news.html", world)
    assert outer_hits and inner_hits == []  # followed to the redirect, refused before connecting
    assert not Source.objects.exclude(pk=world.source.pk).exists()


@pytest.mark.parametrize("answer", ["127.0.0.1", "10.1.2.3", "192.168.1.1", "169.254.169.254", "::1",
                                    "fd00::1", "0.0.0.0", "100.64.0.1"])
def test_url_import_refuses_hosts_resolving_to_private_addresses(answer, serve, settings, tmp_path, monkeypatch):
    from duban.ledger.models import Source

    settings.MEDIA_ROOT = tmp_path / "evidence"
    settings.DUBAN_ALLOW_PRIVATE_URLS = False
    world = build_world()
    server, hits = serve()
    real = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if host == "news.example.gov.cn":
            # One public answer and one private one: any private answer is a refusal.
            family = socket.AF_INET6 if ":" in answer else socket.AF_INET
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
                    (family, socket.SOCK_STREAM, 6, "", (answer, port) if family == socket.AF_INET
                     else (answer, port, 0, 0))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    import_as_officer(f"http://news.example.gov.cn:{server.server_port}/a.html", world)
    assert hits == [] and not Source.objects.exclude(pk=world.source.pk).exists()
