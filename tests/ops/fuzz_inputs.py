"""Hypothesis strategies for what people feed duban: bytes, pasted text and HTML-ish pages.

Shared by tests/ops/test_fuzz_reader.py and bench/fuzz.py (its hypothesis fallback).
"""

from __future__ import annotations

from hypothesis import strategies as st

# Pieces of the genre (government news pages) and of broken HTML, so generated pages reach
# the reader's metadata, date and body code rather than stopping at "not a page".
FRAGMENTS = [
    "<html>", "</html>", "<head>", "</head>", "<body>", "</body>", "<title>", "</title>",
    '<meta charset="gbk">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    '<meta name="ArticleTitle" content="', '">', "<p>", "</p>", "<p style='text-indent:2em'>", "<br>",
    "<div class=\"content\">", "<div id=\"zoom\">", "</div>", "<span>", "</span>", "<table><tr><td>",
    "</td></tr></table>", "<script>var a=1;</script>", "<style>p{}</style>", "<!-- 注释 -->", "<![CDATA[x]]>",
    "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">', "</a>", "&nbsp;", "&#12288;", "&amp;",
    "&#x4e2d;", "&bogus;", "<", ">", "\u3000\u3000", "\n", "\r\n", "\t", "\x00", "\ufeff",
    "发布时间：2023-10-20 10:21", "发布日期：2023年10月20日", "来源：漯河市召陵区人民政府", "责任编辑：张三",
    "审核：李四", "点击数：", "浏览次数：123", "政府网站标识码：4111040002", "豫ICP备05016466号",
    "10月19日，区委书记王某某到天桥街道调研", "区长李某某一行先后来到", "在调研中，王某某强调，", "他要求，",
    "要加快项目建设进度，确保年底前竣工投用。", "要压实安全生产责任，", "一要……二要……三要……",
    "区委常委、办公室主任", "陪同调研。", "。", "，", "；", "：", "“", "”", "（", "）",
]

SENTENCES = [f for f in FRAGMENTS if not f.startswith(("<", "&")) and len(f) > 3]

html_soup = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=60).map("".join)
sentence = st.lists(st.one_of(st.sampled_from(SENTENCES), st.sampled_from(FRAGMENTS), st.text(max_size=12)),
                    min_size=1, max_size=12).map("".join)
# Page-shaped input: head, metadata line, several paragraphs of genre sentences with noise,
# so the fuzzing also reaches the analyser's directive, event and entity code.
page_like = st.builds(
    lambda title, meta, paragraphs, tail: (
        f"<html><head><title>{title}</title></head><body><h1>{title}</h1><div>{meta}</div>"
        f"<div class=\"content\">{''.join(f'<p>{p}</p>' for p in paragraphs)}</div>{tail}</body></html>"),
    sentence, sentence, st.lists(sentence, min_size=1, max_size=10), html_soup)
html_ish = st.one_of(html_soup, page_like)
cjk_text = st.text(alphabet=st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                                      st.sampled_from("，。；：、“”（）\n 0123456789要求强调调研书记")),
                   max_size=800)
pasted = st.lists(sentence, min_size=1, max_size=10).map("\n".join)
any_text = st.one_of(st.text(max_size=1000), cjk_text, html_ish, pasted)
encodings = st.sampled_from(["utf-8", "gb18030", "gbk", "big5", "utf-16", "latin-1"])
encoded = st.tuples(any_text, encodings).map(lambda pair: pair[0].encode(pair[1], errors="ignore"))
any_bytes = st.one_of(st.binary(max_size=4096), encoded)
any_input = st.one_of(any_bytes, any_text)
