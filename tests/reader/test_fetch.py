"""URL fetching: limits, redirects, and refusal of private targets (a local server on 127.0.0.1)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from duban.errors import FetchError, TooLarge
from duban.reader import fetch as fetch_module
from duban.reader.fetch import fetch, is_public_address
from tests.reader.pages import gov_page

PAGE = gov_page().encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        routes = {
            "/page.html": (200, {"Content-Type": "text/html"}, PAGE),
            "/moved": (302, {"Location": "/page.html"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/missing": (404, {}, b"not here"),
            "/big": (200, {}, b"x" * 50_000),
        }
        status, headers, body = routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if self.path != "/big":  # no Content-Length: the cap must hold while reading
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_loopback_refused_by_default(server):
    with pytest.raises(FetchError, match="127.0.0.1"):
        fetch(server + "/page.html")


def test_localhost_name_refused_by_resolved_address(server):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="private"):
        fetch(f"http://localhost:{port}/page.html")


def test_allow_private_fetches_and_follows_redirects(server):
    body, final = fetch(server + "/moved", allow_private=True)
    assert body == PAGE
    assert final == server + "/page.html"


def test_redirect_cap(server):
    with pytest.raises(FetchError, match="重定向"):
        fetch(server + "/loop", allow_private=True, max_redirects=3)


def test_http_error(server):
    with pytest.raises(FetchError, match="404"):
        fetch(server + "/missing", allow_private=True)


def test_size_cap_without_content_length(server):
    with pytest.raises(TooLarge, match=r"页面过大（上限 0\.0095 MB）"):
        fetch(server + "/big", allow_private=True, max_bytes=10_000)


def test_size_cap_from_content_length(server):
    with pytest.raises(TooLarge, match=r"页面过大（[0-9.]+ MB，上限 100 字节）"):
        fetch(server + "/page.html", allow_private=True, max_bytes=100)


def test_redirect_target_is_checked_again(server, monkeypatch):
    """The first hop is allowed, the redirect's target address is checked anew and refused."""
    checks = []

    def first_only(address):
        checks.append(address)
        return len(checks) == 1

    monkeypatch.setattr(fetch_module, "is_public_address", first_only)
    with pytest.raises(FetchError, match="private"):
        fetch(server + "/moved")
    assert len(checks) == 2


def test_unreachable_and_bad_urls():
    with pytest.raises(FetchError):
        fetch("http://127.0.0.1:9/", allow_private=True, timeout=2)
    with pytest.raises(FetchError, match="http"):
        fetch("file:///etc/passwd")
    with pytest.raises(FetchError):
        fetch("http://name.invalid/")


@pytest.mark.parametrize("url", ["https://d\x1bh/", "https://d\udb57\udec4.invalid/", "http://a..b/"])
def test_hosts_that_cannot_be_sent_are_bad_urls(url):
    with pytest.raises(FetchError):
        fetch(url, timeout=2)


def test_a_non_ascii_path_is_percent_encoded(server):
    with pytest.raises(FetchError, match="404"):  # it reached the server, which knows no such page
        fetch(server + "/新闻 页", allow_private=True)


@pytest.mark.parametrize(
    "address, public",
    [("8.8.8.8", True), ("2001:4860::8888", True), ("127.0.0.1", False), ("10.1.2.3", False),
     ("172.16.0.1", False), ("192.168.1.1", False), ("169.254.169.254", False), ("100.64.0.1", False),
     ("0.0.0.0", False), ("224.0.0.1", False), ("240.0.0.1", False), ("::1", False), ("fe80::1", False),
     ("fc00::1", False), ("::ffff:127.0.0.1", False)],
)
def test_public_address(address, public):
    assert is_public_address(address) is public
