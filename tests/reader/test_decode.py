"""Encodings: the same Chinese page in every encoding real sites use, declared honestly or not."""

import codecs

import pytest

import duban
from duban.errors import NotAPage
from duban.reader.decode import decode
from tests.reader.pages import PARAGRAPHS, TITLE, gov_page

TRADITIONAL = [
    "十一月三日，縣委書記王明到城關鎮調研鄉村振興和項目建設工作，並主持召開座談會。",
    "在東關社區，王明詳細了解養老服務中心運營情況，強調要對標群眾需求，持續完善社區服務功能。",
]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030", "gb2312"])
def test_honestly_declared_encodings(encoding):
    # characters outside GB2312 are written as character references, as real pages do
    data = gov_page(charset=encoding).encode(encoding, errors="xmlcharrefreplace")
    article = duban.read(data)
    assert article.title == TITLE
    assert article.body == PARAGRAPHS


def test_big5_page():
    data = gov_page(charset="big5", paragraphs=TRADITIONAL).encode("big5", errors="xmlcharrefreplace")
    assert duban.read(data).body == TRADITIONAL


def test_utf8_with_bom():
    article = duban.read(codecs.BOM_UTF8 + gov_page().encode("utf-8"))
    assert article.title == TITLE
    assert article.body == PARAGRAPHS


def test_meta_says_gb2312_but_bytes_are_utf8():
    # people.com.cn / youth.cn style
    article = duban.read(gov_page(charset="gb2312").encode("utf-8"))
    assert article.title == TITLE
    assert article.body == PARAGRAPHS


def test_meta_says_utf8_but_bytes_are_gbk():
    # sohu style
    article = duban.read(gov_page(charset="utf-8").encode("gbk"))
    assert article.title == TITLE
    assert article.body == PARAGRAPHS


def test_undeclared_big5_is_not_read_as_gbk():
    text = "<html><body><p>臺灣地區的經濟發展與兩岸關係，對於這個時代的人們來說是重要的議題。</p></body></html>"
    assert decode(text.encode("big5")) == text


def test_undeclared_gbk_is_not_read_as_big5():
    text = "<html><body><p>" + PARAGRAPHS[1] + "</p></body></html>"
    assert decode(text.encode("gbk")) == text


def test_rare_gb18030_character_survives_a_gb2312_declaration():
    text = gov_page(charset="gb2312", paragraphs=["王頔和李㛃参加了这次调研活动，并作了发言。"])
    article = duban.read(text.encode("gb18030"))
    assert article.body == ["王頔和李㛃参加了这次调研活动，并作了发言。"]


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%\xe2\xe3", b"\x89PNG\r\n\x1a\n\x00\x00", b"abc\x00\x01\x02" * 50])
def test_binary_input_is_refused(data):
    with pytest.raises(NotAPage):
        duban.read(data)


def test_utf8_page_with_one_stray_byte_stays_utf8():
    page = gov_page(charset="gb2312").encode("utf-8")
    article = duban.read(page[:-20] + b"\xff" + page[-20:])
    assert article.body == PARAGRAPHS


def test_gbk_page_cut_mid_character():
    page = gov_page(charset="gbk").encode("gbk", errors="xmlcharrefreplace")
    cut = page.index("参加调研".encode("gbk")) + 1  # half of a two-byte character
    article = duban.read(page[:cut] + page[cut + 1 :])
    assert article.body[:3] == PARAGRAPHS[:3]


def test_control_characters_are_dropped():
    html = "<html><body><div class='content'><p>\x01县委书记王明到城关镇调研，\x1b强调要提升标准。\x7f</p></div></body></html>"
    assert duban.read(html).body == ["县委书记王明到城关镇调研，强调要提升标准。"]
