"""Articles split over several pages (``…_2.html``, ``?page=2``): find the article's own
"下一页" link, and for URL input follow it.

``read_url`` fetches the first page, then each next page the article links to, with the
same fetcher (so the same address checks, timeout and size cap per page), only on the
same host, only to addresses that continue the first page's (``t20231105_123.html`` ->
``t20231105_123_2.html``), at most ``max_pages`` pages and ``max_bytes`` in all. The
bodies are joined in order; title, date and 来源 come from the first page. A later page
that cannot be fetched or read ends the following: the article keeps what was read and
stays marked ``continued``. A saved single
page that links to its next page is read as it is, with ``Article.continued`` set.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

from duban.errors import InputError
from duban.reader.article import Article

MAX_PAGES = 10
_NEXT_TEXT = re.compile(r"^(?:下一页|下页|后一页|后页)\s*[>»›]*$")
# anchors whose text names a next page, found in C rather than by walking every link
_NEXT_LINKS = etree.XPath('//a[contains(., "下一页") or contains(., "下页") or contains(., "后一页") or contains(., "后页")]')
_PAGE_OF = re.compile(r"第\s*(\d+)\s*页\s*[/／,，]?\s*共\s*(\d+)\s*页")
_EXTENSION = re.compile(r"\.\w{2,5}$")
_NUMBERED_PAGE = re.compile(r"[_-]\d{1,3}\.\w{2,5}$|[?&](?:page|p|pn|pageno)=\d+", re.I)


def next_page(root: etree._Element, url: str | None, first: str | None = None) -> str | None:
    """The address of the article's next page, when the page at ``url`` links to one that
    continues the article's first page (``first``, by default ``url``).

    With ``url`` unknown (a saved page) the link is returned as written, if it looks like
    a page of the same article (``…_2.html``, ``?page=2``).
    """
    for a in _NEXT_LINKS(root):
        text = "".join(a.itertext()).strip()
        if not _NEXT_TEXT.match(text):
            continue
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        if url is None:
            return href if _NUMBERED_PAGE.search(href) else None
        target = urljoin(url, href)
        if same_article(first or url, target):
            return target
    return None


def same_article(first: str, candidate: str) -> bool:
    """Whether ``candidate`` is a further page of the article at ``first``: same host, and
    its path continues the first page's ("/a/t1_123.html" -> "/a/t1_123_2.html"), or the
    same path with another query."""
    a, b = urlsplit(first), urlsplit(candidate)
    if a.scheme not in ("http", "https") or b.scheme not in ("http", "https") or a.hostname != b.hostname:
        return False
    if a.path == b.path:
        return a.query != b.query
    stem = _EXTENSION.sub("", a.path)
    numbered = _NUMBERED_PAGE.search(b.path) or _NUMBERED_PAGE.search(f"?{b.query}")
    return len(stem) > 1 and b.path.startswith(stem) and bool(numbered)


def continues(root: etree._Element, url: str | None, text: str) -> bool:
    """Whether the page says the article goes on ("第1页/共3页", a 下一页 link to its next page)."""
    for match in _PAGE_OF.finditer(text):
        current, total = int(match.group(1)), int(match.group(2))
        if total > 1:
            return current < total
    return next_page(root, url) is not None


def read_url(url: str, *, allow_private: bool = False, timeout: float = 15.0, max_bytes: int,
             max_pages: int = MAX_PAGES) -> Article:
    """Fetch and read an article, following its own next-page links (see the module doc)."""
    return fetch_article(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes,
                         max_pages=max_pages)[0]


def fetch_article(url: str, *, allow_private: bool = False, timeout: float = 15.0, max_bytes: int,
                  max_pages: int = MAX_PAGES) -> tuple[Article, bytes, str]:
    """``read_url``, also returning the first page's bytes and final address (what the
    ledger keeps as the source's original)."""
    from duban.reader import read
    from duban.reader.fetch import fetch

    first, final_url = fetch(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)
    article = read(first, url=final_url)
    data = first
    seen, used, page_url = {final_url}, len(data), final_url
    for _ in range(max_pages - 1):
        target = _next_of(data, page_url, final_url) if article.continued else None
        if not target or target in seen or used >= max_bytes:
            break
        try:
            data, page_url = fetch(target, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes - used)
            more = read(data, url=page_url)
        except InputError:  # a later page that is refused, too big or broken: keep what was read
            break
        seen.add(page_url)
        used += len(data)
        article.body += [p for p in more.body if not _repeats(p, article)]
        article.continued = more.continued
    return article, first, final_url


def _next_of(data: bytes, url: str, first: str) -> str | None:
    from duban.reader import html
    from duban.reader.decode import decode

    return next_page(html.parse(decode(data)), url, first)


def _repeats(paragraph: str, article: Article) -> bool:
    """Page furniture that each page prints again (the headline, a lead summary)."""
    return paragraph == article.title or paragraph in article.body[:2]
