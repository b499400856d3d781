"""Whatever the input, read() returns an Article or raises InputError: never anything else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import duban
from duban.errors import InputError
from duban.reader.article import Article
from tests.reader.pages import gov_page

TAGS = ["<p>", "</p>", "<div class='content'>", "</div>", "<br>", "<a href='/'>", "</a>", "<h1>", "</h1>",
        "<table><tr><td>", "</td></tr></table>", "<script>", "</script>", "<!--", "-->", "<meta charset='gbk'>",
        "<title>", "</title>", "<?xml version='1.0' encoding='utf-8'?>", "&nbsp;", "&#0147;", "　"]
WORDS = ["来源：", "发布时间：2023-11-05", "责任编辑：", "审核：", "点击：", "2023年13月40日", "。", "，",
         "县委书记到城关镇调研", "要加快项目建设", "ICP备", "网站标识码", "上一篇", "\x00", "\ufeff"]


def _check(data):
    try:
        article = duban.read(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(article, Article)
    assert article.body and all(p == p.strip() and p for p in article.body)
    assert article.published is None or len(article.published) == 10


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TAGS + WORDS) | st.text(max_size=20), max_size=60))
def test_tag_soup(parts):
    text = "".join(parts)
    _check(text)
    _check(text.encode("utf-8"))
    _check(text.encode("gb18030", errors="replace"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data):
    _check(data)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=6000), st.binary(max_size=8))
def test_truncated_and_corrupted_page(cut, junk):
    page = gov_page().encode("gbk", errors="xmlcharrefreplace")
    _check(page[:cut] + junk + page[cut + len(junk):])
