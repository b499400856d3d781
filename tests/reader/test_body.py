"""Main-content detection and boilerplate removal."""

import duban
from duban.reader.normalize import clean_line
from tests.reader.pages import PARAGRAPHS, gov_page

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
    html = "<html><body><div class='content'><p>\xa0\xa0　　10月18日,市委书记到召陵区调研,强调:要加快项目建设(年底前)。</p></div></body></html>"
    assert duban.read(html).body == ["10月18日,市委书记到召陵区调研,强调:要加快项目建设(年底前)。"]
