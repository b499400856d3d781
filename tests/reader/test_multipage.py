"""Articles over several pages: URL input follows the article's own 下一页 links; a saved
single page says the article continues."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import duban
from duban.errors import FetchError
from duban.reader.multipage import read_url, same_article
from tests.reader.pages import PARAGRAPHS, TITLE

PAGES = [PARAGRAPHS[:2], PARAGRAPHS[2:3], PARAGRAPHS[3:]]


def article_page(n: int, *, next_href: str | None = None) -> str:
    """Page ``n`` (1-based) of a three-page article, printed with its pager."""
    total = len(PAGES)
    if next_href is None and n < total:
        next_href = f"/2023/11/t20231105_123_{n + 1}.html"
    pager = f"第{n}页/共{total}页 " + (f'<a href="{next_href}">下一页</a>' if next_href else "下一页")
    body = "".join(f"<p>{p}</p>" for p in PAGES[n - 1])
    return f"""<html><head><meta charset="utf-8"><title>{TITLE}_某某县人民政府</title></head><body>
<div class="nav"><a href="/">首页</a></div>
<div class="article"><h1>{TITLE}</h1><div class="info">发布时间：2023-11-05 来源：某某日报</div>
<div class="content">{body}</div><div class="pager">{pager}</div>
<div class="related"><a href="/2023/11/t20231104_99.html">下一篇：全县召开安全生产工作会议</a></div></div>
</body></html>"""


ROUTES = {
    "/2023/11/t20231105_123.html": article_page(1),
    "/2023/11/t20231105_123_2.html": article_page(2),
    "/2023/11/t20231105_123_3.html": article_page(3),
    "/loop.html": article_page(1, next_href="/loop_2.html"),
    "/loop_2.html": article_page(2, next_href="/loop.html"),
    "/away.html": article_page(1, next_href="http://example.invalid/away_2.html"),
    "/broken.html": article_page(1, next_href="/broken_2.html"),  # page 2 is missing (404)
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        body = ROUTES.get(self.path)
        self.send_response(200 if body else 404)
        data = (body or "").encode("utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_pages_are_followed_and_joined_in_order(server):
    article = read_url(server + "/2023/11/t20231105_123.html", allow_private=True, max_bytes=1_000_000)
    assert article.title == TITLE and article.published == "2023-11-05"
    assert article.body == PARAGRAPHS
    assert article.continued is False


def test_page_cap_leaves_the_article_marked_as_continuing(server):
    article = read_url(server + "/2023/11/t20231105_123.html", allow_private=True, max_bytes=1_000_000, max_pages=2)
    assert article.body == PARAGRAPHS[:3]
    assert article.continued is True


def test_byte_cap_stops_following(server):
    first = len(ROUTES["/2023/11/t20231105_123.html"].encode("utf-8"))
    article = read_url(server + "/2023/11/t20231105_123.html", allow_private=True, max_bytes=first)
    assert article.body == PARAGRAPHS[:2] and article.continued


def test_loops_and_other_hosts_are_not_followed(server):
    assert read_url(server + "/loop.html", allow_private=True, max_bytes=1_000_000).body == PARAGRAPHS[:3]
    assert read_url(server + "/away.html", allow_private=True, max_bytes=1_000_000).body == PARAGRAPHS[:2]


def test_a_missing_next_page_keeps_what_was_read(server):
    article = read_url(server + "/broken.html", allow_private=True, max_bytes=1_000_000)
    assert article.body == PARAGRAPHS[:2] and article.continued


def test_next_pages_get_the_same_address_checks(server, monkeypatch):
    with pytest.raises(FetchError, match="127.0.0.1"):
        read_url(server + "/2023/11/t20231105_123.html", max_bytes=1_000_000)
    from duban.reader import fetch as fetch_module

    calls, real = [], fetch_module.fetch
    monkeypatch.setattr(fetch_module, "fetch", lambda url, **kw: calls.append(kw) or real(url, **kw))
    read_url(server + "/2023/11/t20231105_123.html", allow_private=True, timeout=3, max_bytes=1_000_000)
    assert len(calls) == 3 and all(kw["allow_private"] and kw["timeout"] == 3 for kw in calls)


def test_saved_single_page_says_the_article_continues():
    assert duban.read(article_page(1)).continued is True
    assert duban.read(article_page(1), url="https://www.example.gov.cn/2023/11/t20231105_123.html").continued
    assert duban.read(article_page(3)).continued is False
    assert duban.read(article_page(1).replace("第1页/共3页", "")).continued is True  # the link alone


def test_a_next_article_link_is_not_a_next_page():
    page = article_page(3).replace("下一篇：", "下一页")  # links to another article (t20231104_99)
    assert duban.read(page, url="https://www.example.gov.cn/2023/11/t20231105_123_3.html").continued is False


def test_same_article():
    first = "https://a.gov.cn/xw/2023/t20231105_123.html"
    assert same_article(first, "https://a.gov.cn/xw/2023/t20231105_123_2.html")
    assert same_article("https://a.gov.cn/show.php?id=5", "https://a.gov.cn/show.php?id=5&page=2")
    assert not same_article(first, "https://b.gov.cn/xw/2023/t20231105_123_2.html")
    assert not same_article(first, "https://a.gov.cn/xw/2023/t20231106_456.html")
    assert not same_article(first, first)
