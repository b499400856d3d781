"""Main-content detection and boilerplate removal."""

import pytest

import duban
from duban.reader.normalize import clean_line
from tests.reader.pages import PARAGRAPHS, TITLE, gov_page, portal_page, table_layout_page

BOILERPLATE = ["首页", "分享到", "您的浏览器不支持", "责任编辑", "审核", "上一篇", "下一篇", "相关新闻",
               "打印本页", "关闭窗口", "版权所有", "Copyright", "ICP", "公网安备", "标识码", "联系电话",
               "主办单位", "发布时间", "浏览次数", "全县推进项目建设观摩活动举行"]


def test_body_is_exactly_the_paragraphs_in_order():
    assert duban.read(gov_page()).body == PARAGRAPHS


def test_no_boilerplate_in_body():
    text = duban.read(gov_page()).text
    for marker in BOILERPLATE:
        assert marker not in text, marker


def test_long_related_list_does_not_win_over_short_article():
    related = "".join(
        f'<li><a href="/n{i}.html">全县召开第{i}次重点项目建设推进会议，部署下一阶段工作任务</a></li>' for i in range(60)
    )
    page = gov_page().replace('<div class="related"><h3>相关新闻</h3><ul>', f'<div class="related"><h3>相关新闻</h3><ul>{related}')
    assert duban.read(page).body == PARAGRAPHS


def test_paragraphs_split_by_br_inside_one_div():
    html = "<html><body><div class='TRS_Editor'>" + "<br><br>".join(f"　　{p}" for p in PARAGRAPHS) + "</div></body></html>"
    assert duban.read(html).body == PARAGRAPHS


def test_article_split_across_sibling_blocks_with_subheadings():
    parts = PARAGRAPHS[:2], PARAGRAPHS[2:]
    html = (
        "<html><body><div id='wrap'>"
        f"<div class='part'><h3>一、调研社区</h3><p>{parts[0][0]}</p><p>{parts[0][1]}</p></div>"
        f"<div class='part'><h3>二、座谈会</h3><p>{parts[1][0]}</p><p>{parts[1][1]}</p></div>"
        "</div><div class='footer'>版权所有 某某县人民政府</div></body></html>"
    )
    body = duban.read(html).body
    for p in PARAGRAPHS:
        assert p in body
    assert not any("版权所有" in p for p in body)


def test_punctuation_kept_and_indentation_stripped():
    assert clean_line("\u3000\u3000要对标群众需求,量身打造。\xa0") == "要对标群众需求,量身打造。"
    assert clean_line("a\u200bb\xa0\xa0c") == "ab c"
    assert clean_line("\x07要\x85求\u2060，\xad加快\ufeff") == "要求，加快"
    html = "<html><body><div class='content'><p>\xa0\xa0　　10月18日,市委书记到召陵区调研,强调:要加快项目建设(年底前)。</p></div></body></html>"
    assert duban.read(html).body == ["10月18日,市委书记到召陵区调研,强调:要加快项目建设(年底前)。"]


def test_table_layout_gov_page():
    article = duban.read(table_layout_page().encode("gbk", errors="xmlcharrefreplace"))
    assert article.body == PARAGRAPHS
    assert article.published == "2023-11-05"
    assert article.source == "县融媒体中心"
    assert article.clicks is None
    assert article.site.code == "4111220001"
    assert article.site.name == "某某县人民政府"
    assert article.site.icp == "豫ICP备12003456号"


def test_portal_page_with_comment_section():
    article = duban.read(portal_page())
    assert article.body == PARAGRAPHS  # twelve prose comments do not win
    assert article.title == TITLE
    assert article.published == "2023-11-05"
    assert article.source == "人民网－人民日报"
    assert article.editor == "赵敏、钱进"


def test_one_paragraph_article_beats_the_footer():
    short = ["11月3日，县委书记王明到城关镇调研，强调要提升标准。"]
    assert duban.read(gov_page(paragraphs=short)).body == short


def test_article_continued_in_sibling_blocks_of_different_length():
    long_lead = PARAGRAPHS[0] + PARAGRAPHS[1] * 6
    rest = PARAGRAPHS[2:]
    html = (
        "<html><body><div class='wrap'>"
        "<div class='info'>发布时间：2023-11-05</div>"
        f"<div class='seg'><p>{long_lead}</p></div>"
        "<div class='pic'><img src='a.jpg'></div>"
        + "".join(f"<div class='seg'><p>{p}</p></div>" for p in rest)
        + "<div class='vote-box'><p>调查问题加载中，请稍候。</p></div>"
        "<div class='share'>分享到：<a>微信</a></div>"
        "<div class='comment'><p>网友：写得很好，希望各地都能学习这样的做法，切实为群众办实事。</p></div>"
        "</div></body></html>"
    )
    assert duban.read(html).body == [long_lead, *rest]


def test_sentence_mentioning_widget_words_is_kept():
    paragraph = "新建的融媒体中心配备了高清播放器和大屏幕，扫一扫二维码即可在线观看全县新闻发布会的直播画面。"
    assert duban.read(gov_page(paragraphs=[*PARAGRAPHS, paragraph])).body[-1] == paragraph


def test_disclosure_table_heads_a_government_document():
    table = (
        "<table class='xxgk'><tr><td>索 引 号：</td><td>11410000/2023-00123</td><td>分 类：</td><td>通知</td></tr>"
        "<tr><td>发文机关：</td><td>某某县人民政府</td><td>成文日期：</td><td>2023年11月02日</td></tr>"
        "<tr><td>发文字号：</td><td>某政〔2023〕8号</td><td>发布日期：</td><td>2023年11月05日</td></tr></table>"
    )
    page = gov_page(meta_pubdate="2023-11-05").replace('<div class="content" id="zoom">', table + '<div class="content" id="zoom">')
    article = duban.read(page)
    assert article.body[:3] == [
        "索 引 号： 11410000/2023-00123 分 类： 通知",
        "发文机关： 某某县人民政府 成文日期： 2023年11月02日",
        "发文字号： 某政〔2023〕8号 发布日期： 2023年11月05日",
    ]
    assert article.body[3:] == PARAGRAPHS
    assert article.published == "2023-11-02"  # the document is dated by its 成文日期


@pytest.mark.parametrize(
    "class_, kind",
    [("photo-box", None), ("hotnews", "furniture"), ("mainNav", "furniture"), ("main-nav", "furniture"),
     ("tie-areas post_comment", "furniture"), ("article-footer", "furniture"), ("news_content", "content"),
     ("u-mainText", "content"), ("m-vote-wrap black14", "furniture"), ("inside", None), ("TRS_Editor", "content")],
)
def test_class_words(class_, kind):
    from duban.reader.body import _attr_kind

    assert _attr_kind(class_, None) == kind


def test_short_dated_lead_is_body_not_metadata():
    lead = "北京时间2023年11月3日，县委书记王明到城关镇调研。"
    assert duban.read(gov_page(paragraphs=[lead, *PARAGRAPHS[1:]])).body == [lead, *PARAGRAPHS[1:]]


@pytest.mark.parametrize("line", ["CopyRight 2003-2024 某某县融媒体中心 All Rights Reserved", "粤icp备05012345号-1",
                                  "E-MAIL：news@example.gov.cn", "notice: the content above is provided by the author"])
def test_boilerplate_lines_whatever_their_letter_case(line):
    html = ("<html><body><div class='content'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + f"<p>{line}</p></div></body></html>")
    assert duban.read(html).body == PARAGRAPHS
