"""Fetch a page over HTTP(S) with limits, refusing private network targets.

``fetch(url) -> (bytes, final_url)``. Every connection, the first and each redirect's,
resolves the host and refuses to connect when any DNS answer is a loopback, private,
link-local, multicast, reserved or otherwise non-public address (unless
``allow_private``), then connects to exactly the address it checked, so a second DNS
answer cannot slip past the check. Settings-free: limits are arguments.

Proxies: ``HTTP_PROXY``/``HTTPS_PROXY`` (or lowercase) and ``NO_PROXY`` are honoured as
curl and urllib do; a government intranet often reaches the internet only through one.
Through a proxy the page's host is resolved by the proxy, so the check above cannot run;
what stays is the refusal of literal private addresses and of ``localhost``. The proxy
itself is the administrator's choice and may well sit on the intranet.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.request
from base64 import b64encode
from urllib.parse import quote, unquote, urljoin, urlsplit

from duban.errors import FetchError, PrivateAddress, TooLarge

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


def proxy_for(url: str) -> str | None:
    """The proxy the environment names for this URL (``HTTP(S)_PROXY``), unless ``NO_PROXY``
    exempts its host; None for a direct connection."""
    proxies = urllib.request.getproxies_environment()
    parts = urlsplit(url)
    proxy = proxies.get(parts.scheme)
    if not proxy or urllib.request.proxy_bypass_environment(parts.netloc, proxies):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def _connect(parts, port, proxy, allow_private, timeout):
    """A connection and the request target: direct (guarded), or through the proxy."""
    # Non-ASCII in the path is percent-encoded, as browsers do; http.client only sends ASCII.
    path = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=_PRINTABLE_ASCII)
    if proxy is None:
        connection_class = _GuardedHTTPS if parts.scheme == "https" else _GuardedHTTP
        return connection_class(parts.hostname, port, timeout=timeout, allow_private=allow_private), path, {}
    if not allow_private:
        _refuse_private_literal(parts.hostname)
    via = urlsplit(proxy)
    if via.scheme != "http" or not via.hostname:
        raise FetchError(f"{proxy}: 只支持 http:// 代理 (only http:// proxies)")
    credentials = {}
    if via.username:
        secret = f"{unquote(via.username)}:{unquote(via.password or '')}".encode()
        credentials = {"Proxy-Authorization": "Basic " + b64encode(secret).decode("ascii")}
    if parts.scheme == "https":  # a CONNECT tunnel: TLS runs end to end, the proxy sees only the host
        conn = http.client.HTTPSConnection(via.hostname, via.port or 80, timeout=timeout,
                                           context=ssl.create_default_context())
        conn.set_tunnel(parts.hostname, port, headers=credentials)
        return conn, path, {}
    conn = http.client.HTTPConnection(via.hostname, via.port or 80, timeout=timeout)
    whole = quote(parts._replace(fragment="").geturl(), safe=_PRINTABLE_ASCII)
    return conn, whole, credentials  # a plain-HTTP proxy takes the whole URL


def _refuse_private_literal(host: str) -> None:
    """Through a proxy: refuse what is private without asking DNS (an IP literal, localhost)."""
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        raise PrivateAddress(f"{host}: 拒绝访问本机地址 (private address refused)")
    try:
        public = is_public_address(host)
    except ValueError:  # a name: the proxy resolves it
        return
    if not public:
        raise PrivateAddress(f"{host}: 拒绝访问内网或保留地址 (private address refused)")


def _get_once(url, allow_private, timeout, max_bytes, deadline):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: 只支持 http/https 网址 (only http(s) URLs)")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"{url}: 端口无效 (bad port)") from exc
    conn = None
    try:
        # Inside the try: a host with control characters or one IDNA cannot encode is a bad URL.
        conn, target, proxy_headers = _connect(parts, port, proxy_for(url), allow_private, timeout)
        conn.request("GET", target, headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity",
            **proxy_headers,
        })
        response = conn.getresponse()
        if response.status in _REDIRECTS:
            return response.status, response.getheader("Location"), b""
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise TooLarge.over(f"{url}: 页面", max_bytes, int(length))
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
            raise TooLarge.over(f"{url}: 页面", max_bytes)
        chunks.append(chunk)


def _guarded_socket(host: str, port: int, timeout: float, allow_private: bool) -> socket.socket:
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"{host}: 域名无法解析 (cannot resolve host: {exc.strerror})") from exc
    if not allow_private:
        for *_, sockaddr in answers:
            if not is_public_address(sockaddr[0]):
                raise PrivateAddress(f"{host}: 拒绝访问内网或保留地址 {sockaddr[0]} (private address refused)")
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
