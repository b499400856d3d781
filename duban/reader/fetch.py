"""Fetch a page over HTTP(S) with limits, refusing private network targets.

``fetch(url) -> (bytes, final_url)``. Every connection, the first and each redirect's,
resolves the host and refuses to connect when any DNS answer is a loopback, private,
link-local, multicast, reserved or otherwise non-public address (unless
``allow_private``), then connects to exactly the address it checked, so a second DNS
answer cannot slip past the check. Settings-free: limits are arguments.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import quote, urljoin, urlsplit

from duban.errors import FetchError, TooLarge

DEFAULT_TIMEOUT = 15.0  # seconds, for connecting and for each read
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
USER_AGENT = "duban/0.1 (+https://github.com/duban; reader)"
_REDIRECTS = (301, 302, 303, 307, 308)
_PRINTABLE_ASCII = "".join(map(chr, range(0x21, 0x7F)))  # kept as they are in a request path


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
) -> tuple[bytes, str]:
    """GET ``url``; return the body and the URL it was finally served from."""
    deadline = time.monotonic() + timeout * 4  # a slow trickle cannot hold us forever
    for _ in range(max_redirects + 1):
        status, location, body = _get_once(url, allow_private, timeout, max_bytes, deadline)
        if status in _REDIRECTS:
            if not location:
                raise FetchError(f"{url}: 重定向缺少 Location (redirect without Location)")
            url = urljoin(url, location)
            continue
        if status >= 400:
            raise FetchError(f"{url}: 服务器返回 HTTP {status}")
        return body, url
    raise FetchError(f"{url}: 重定向超过 {max_redirects} 次 (too many redirects)")


def is_public_address(address: str) -> bool:
    """True for globally routable unicast addresses only."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback)


def _get_once(url, allow_private, timeout, max_bytes, deadline):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: 只支持 http/https 网址 (only http(s) URLs)")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"{url}: 端口无效 (bad port)") from exc
    connection_class = _GuardedHTTPS if parts.scheme == "https" else _GuardedHTTP
    # Non-ASCII in the path is percent-encoded, as browsers do; http.client only sends ASCII.
    path = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=_PRINTABLE_ASCII)
    conn = None
    try:
        # Inside the try: a host with control characters or one IDNA cannot encode is a bad URL.
        conn = connection_class(parts.hostname, port, timeout=timeout, allow_private=allow_private)
        conn.request("GET", path, headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity",
        })
        response = conn.getresponse()
        if response.status in _REDIRECTS:
            return response.status, response.getheader("Location"), b""
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise TooLarge(f"{url}: 页面过大 ({length} 字节，上限 {max_bytes}) (page too large)")
        return response.status, None, _read_capped(response, url, max_bytes, deadline)
    except TimeoutError as exc:
        raise FetchError(f"{url}: 连接超时 (timed out after {timeout:g}s)") from exc
    except ssl.SSLError as exc:
        raise FetchError(f"{url}: TLS 错误 ({exc.reason or exc})") from exc
    except (OSError, http.client.HTTPException, UnicodeError) as exc:
        if isinstance(exc, FetchError):
            raise
        raise FetchError(f"{url}: 无法访问 ({exc.__class__.__name__}: {exc})") from exc
    finally:
        if conn is not None:
            conn.close()


def _read_capped(response, url, max_bytes, deadline) -> bytes:
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: 下载超时 (download took too long)")
        chunk = response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"{url}: 页面超过 {max_bytes} 字节 (page too large)")
        chunks.append(chunk)


def _guarded_socket(host: str, port: int, timeout: float, allow_private: bool) -> socket.socket:
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"{host}: 域名无法解析 (cannot resolve host: {exc.strerror})") from exc
    if not allow_private:
        for *_, sockaddr in answers:
            if not is_public_address(sockaddr[0]):
                raise FetchError(
                    f"{host}: 拒绝访问内网或保留地址 {sockaddr[0]} (private address refused; use --allow-private)"
                )
    last_error: OSError | None = None
    for family, socktype, proto, _, sockaddr in answers:
        sock = socket.socket(family, socktype, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            last_error = exc
    raise FetchError(f"{host}: 无法连接 ({last_error})")


class _GuardedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, *, timeout, allow_private):
        super().__init__(host, port, timeout=timeout)
        self.allow_private = allow_private

    def connect(self):
        self.sock = _guarded_socket(self.host, self.port, self.timeout, self.allow_private)


class _GuardedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, *, timeout, allow_private):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.allow_private = allow_private

    def connect(self):
        sock = _guarded_socket(self.host, self.port, self.timeout, self.allow_private)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
