"""URL fetching through HTTP(S)_PROXY / NO_PROXY, against a tiny proxy on 127.0.0.1."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from duban.errors import FetchError, PrivateAddress
from duban.reader.fetch import fetch, proxy_for

PAGE = "<html><head><title>通知</title></head><body><p>要抓紧落实。</p></body></html>".encode()


class Proxy(BaseHTTPRequestHandler):
    """Answers for the whole internet: records each request line and its proxy credentials."""

    seen: list = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.seen.append((self.requestline, self.headers.get("Proxy-Authorization")))
        if self.path.endswith("/moved"):
            self.send_response(302)
            self.send_header("Location", "http://news.example.gov.cn/page.html")
            body = b""
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            body = PAGE
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_CONNECT(self):  # noqa: N802
        self.seen.append((self.requestline, self.headers.get("Proxy-Authorization")))
        self.send_response(403)  # no tunnel: the test only checks what was asked for
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy():
    Proxy.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Proxy.seen
    server.shutdown()
    server.server_close()


def test_http_goes_through_the_proxy_with_the_whole_url(proxy, monkeypatch):
    address, seen = proxy
    monkeypatch.setenv("HTTP_PROXY", address)
    body, final = fetch("http://news.example.gov.cn/moved")  # no DNS answer needed: the proxy resolves
    assert body == PAGE and final == "http://news.example.gov.cn/page.html"
    assert [line for line, _ in seen] == ["GET http://news.example.gov.cn/moved HTTP/1.1",
                                          "GET http://news.example.gov.cn/page.html HTTP/1.1"]


def test_proxy_credentials_are_sent_to_the_proxy(proxy, monkeypatch):
    address, seen = proxy
    monkeypatch.setenv("http_proxy", address.replace("http://", "http://duban:s%40cret@"))
    fetch("http://news.example.gov.cn/page.html")
    assert seen[0][1] == "Basic ZHViYW46c0BjcmV0"  # duban:s@cret


def test_https_asks_the_proxy_for_a_tunnel(proxy, monkeypatch):
    address, seen = proxy
    monkeypatch.setenv("HTTPS_PROXY", address)
    with pytest.raises(FetchError, match="403"):
        fetch("https://www.example.gov.cn/page.html")
    assert seen[0][0].startswith("CONNECT www.example.gov.cn:443 HTTP/")


def test_private_addresses_are_refused_before_asking_the_proxy(proxy, monkeypatch):
    address, seen = proxy
    monkeypatch.setenv("HTTP_PROXY", address)
    for url in ("http://10.1.2.3/page.html", "http://localhost:8000/", "http://[::1]/", "http://169.254.169.254/"):
        with pytest.raises(PrivateAddress):
            fetch(url)
    assert seen == []
    assert fetch("http://10.1.2.3/page.html", allow_private=True)[0] == PAGE  # the switch still works


def test_no_proxy_connects_directly_and_keeps_the_guard(proxy, monkeypatch):
    address, seen = proxy
    port = address.rsplit(":", 1)[1]
    monkeypatch.setenv("HTTP_PROXY", address)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,.intranet.example")
    with pytest.raises(PrivateAddress, match="127.0.0.1"):  # direct, so the address check applies
        fetch(f"http://127.0.0.1:{port}/page.html")
    assert fetch(f"http://127.0.0.1:{port}/page.html", allow_private=True)[0] == PAGE  # direct to the "proxy"
    assert seen[0][0] == "GET /page.html HTTP/1.1"  # an origin-form request: it was not used as a proxy


@pytest.mark.parametrize(("url", "environment", "expected"), [
    ("http://a.example/", {}, None),
    ("http://a.example/", {"HTTP_PROXY": "http://p:3128"}, "http://p:3128"),
    ("https://a.example/", {"HTTP_PROXY": "http://p:3128"}, None),
    ("https://a.example/", {"HTTPS_PROXY": "p:3128"}, "http://p:3128"),
    ("http://x.a.example/", {"HTTP_PROXY": "http://p:3128", "NO_PROXY": "a.example"}, None),
    ("http://b.example/", {"HTTP_PROXY": "http://p:3128", "NO_PROXY": "a.example"}, "http://p:3128"),
    ("http://b.example/", {"HTTP_PROXY": "http://p:3128", "NO_PROXY": "*"}, None),
])
def test_proxy_for(url, environment, expected, monkeypatch):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert proxy_for(url) == expected
