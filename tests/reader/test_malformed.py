"""Malformed documents: content before <html>, unknown tags in <head>, several <body>s."""

import duban
from tests.reader.pages import PARAGRAPHS, TITLE

P = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def test_script_before_html_and_unclosed_custom_tag_in_head():
    page = (f"<script>var a = 1;</script><html><head><sohu_cms_include file='x'><title>{TITLE}</title>"
            f"</head><body><div class='article'><h1>{TITLE}</h1>{P}</div></body></html>")
    article = duban.read(page)
    assert article.title == TITLE
    assert article.body == PARAGRAPHS


def test_several_bodies():
    page = (f"<html><head><title>{TITLE}</title></head><body><div class='nav'><a href='/'>首页</a></div></body>"
            f"<body><div class='article'><h1>{TITLE}</h1>{P}</div></body></html>")
    assert duban.read(page).body == PARAGRAPHS


def test_head_that_swallows_the_page():
    page = f"<html><head><title>{TITLE}</title><custom-include><div class='article'>{P}</div></html>"
    assert duban.read(page).body == PARAGRAPHS


def test_text_before_html():
    page = f"<!-- cms 3.2 -->\nok\n<html><head><title>{TITLE}</title></head><body><div>{P}</div></body></html>"
    assert duban.read(page).body[-4:] == PARAGRAPHS


def test_str_page_with_a_lone_surrogate_and_a_foreign_charset_declaration():
    # a str is parsed as the text it is: the declarations cannot re-decode it, a lone surrogate shows as U+FFFD
    page = ('<?xml version="1.0" encoding="gb2312"?><html><head><meta charset="big5"><title>县委书记到城关镇调研</title>'
            "</head><body><p>县委书记到城关镇调研，要求加快项目建设\ud800。</p></body></html>")
    article = duban.read(page)
    assert article.title == "县委书记到城关镇调研"
    assert article.body == ["县委书记到城关镇调研，要求加快项目建设\ufffd。"]


def test_hidden_elements_whatever_the_case_of_their_style():
    page = (f"<html><head><title>{TITLE}</title></head><body><div class='article'><h1>{TITLE}</h1>{P}"
            "<p style='DISPLAY: None'>隐藏的段落，不属于正文，读者看不到它的内容。</p>"
            "<p style='Visibility:Hidden'>另一段隐藏的文字。</p></div></body></html>")
    assert duban.read(page).body == PARAGRAPHS
