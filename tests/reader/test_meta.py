"""Title, date trust order, 来源/责编/审核/点击 and the site footer."""

import pytest

import duban
from duban.reader.meta import strip_site_suffix
from tests.reader.pages import PARAGRAPHS, TITLE, gov_page


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("标题在这里_中国网", "标题在这里"),
        ("标题在这里 - 新华网", "标题在这里"),
        ("标题在这里--人民网", "标题在这里"),
        ("标题在这里_新闻频道_中国青年网", "标题在这里"),
        ("人民币中间价创新低|金融改革|离岸人民币_新浪财经_新浪网", "人民币中间价创新低"),
        ("步行者130-109战胜尼克斯", "步行者130-109战胜尼克斯"),
        ("没有后缀的标题", "没有后缀的标题"),
    ],
)
def test_title_suffix_stripped(raw, expected):
    assert strip_site_suffix(raw) == expected


def test_page_metadata():
    article = duban.read(gov_page())
    assert article.title == TITLE
    assert article.published == "2023-11-05"
    assert article.source == "某某日报"
    assert article.editor == "赵敏"
    assert article.reviewer == "钱进"
    assert article.clicks == 128


def test_site_info_goes_to_site_not_body():
    article = duban.read(gov_page())
    assert article.site.name == "某某县人民政府"
    assert article.site.code == "4111040002"
    assert article.site.icp == "豫ICP备05016466号-1"
    assert not any("ICP" in p or "标识码" in p for p in article.body)


def test_site_code_from_footer_when_no_meta():
    page = gov_page().replace('<meta name="SiteIDCode" content="4111040002">', "")
    assert duban.read(page).site.code == "4111040002"


def test_gov_meta_tag_beats_visible_date():
    article = duban.read(gov_page(meta_pubdate="2023-11-04 18:00", visible_date="2023-11-05"))
    assert article.published == "2023-11-04"


def test_visible_date_beats_opengraph():
    og = '<meta property="article:published_time" content="2023-10-01T08:00:00+08:00">'
    article = duban.read(gov_page(meta_pubdate=None, visible_date="2023年11月5日 10:20", extra_head=og))
    assert article.published == "2023-11-05"


def test_opengraph_when_nothing_visible():
    og = '<meta property="article:published_time" content="2023-10-01T08:00:00+08:00">'
    page = gov_page(meta_pubdate=None, extra_head=og).replace("发布时间：2023-11-05&nbsp;&nbsp;", "")
    assert duban.read(page).published == "2023-10-01"


def test_json_ld_when_nothing_visible():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-09-30"}</script>'
    page = gov_page(meta_pubdate=None, extra_head=ld).replace("发布时间：2023-11-05&nbsp;&nbsp;", "")
    assert duban.read(page).published == "2023-09-30"


def test_url_date_is_the_last_resort():
    page = gov_page(meta_pubdate=None).replace("发布时间：2023-11-05&nbsp;&nbsp;", "")
    assert duban.read(page, url="https://www.example.gov.cn/xw/2023-08/07/c_123.htm").published == "2023-08-07"
    assert duban.read(page, url="https://www.example.gov.cn/xw/202308/t20230806_1.html").published == "2023-08-06"


def test_footer_script_and_related_dates_are_never_used():
    # no trustworthy date at all: copyright 2000-2018, script 2019/2018, related list 2017/2016
    page = gov_page(meta_pubdate=None).replace("发布时间：2023-11-05&nbsp;&nbsp;", "")
    assert duban.read(page).published is None


def test_empty_clicks_is_none():
    page = gov_page().replace("浏览次数：128", "点击：")
    assert duban.read(page).clicks is None


def test_title_from_heading_when_title_tag_has_site_name():
    page = gov_page(title_suffix=" - 某某县人民政府网站").replace(f'<meta name="ArticleTitle" content="{TITLE}">', "")
    assert duban.read(page).title == TITLE


def test_title_from_heading_when_title_tag_is_only_the_site_name():
    page = (
        gov_page(title_suffix="")
        .replace(f"<title>{TITLE}</title>", "<title>某某县人民政府门户网站</title>")
        .replace(f'<meta name="ArticleTitle" content="{TITLE}">', "")
    )
    article = duban.read(page)
    assert article.title == TITLE
    assert TITLE not in article.body


def test_subtitle_after_dash_is_kept():
    assert strip_site_suffix("凝聚强大智慧和力量——热烈祝贺市政协会议开幕_某市人民政府网") == "凝聚强大智慧和力量——热烈祝贺市政协会议开幕"


@pytest.mark.parametrize(
    "line, expected",
    [("来源：新华社作者：张三", "新华社"), ("2024年05月20日08:25 | 来源：人民网－人民日报", "人民网－人民日报"),
     ("文章来源：（县融媒体中心）", "县融媒体中心"), ("来源：", None)],
)
def test_source_line(line, expected):
    from duban.reader.meta import source

    assert source({}, [line]) == expected


def test_lead_sentence_and_top_bar_clock_are_not_the_publication_date():
    page = gov_page(meta_pubdate=None).replace("发布时间：2023-11-05&nbsp;&nbsp;", "")
    page = page.replace('<div class="header">', '<div class="topbar">今天是2026年11月26日 星期四</div><div class="header">')
    lead = "北京时间2023年11月3日，县委书记王明到城关镇调研乡村振兴工作。"
    assert duban.read(page.replace(PARAGRAPHS[0], lead)).published is None


def test_date_in_headline_is_not_the_publication_date():
    title = "2023年11月3日县委常委会会议召开"
    page = gov_page(meta_pubdate=None).replace(TITLE, title).replace("发布时间：2023-11-05&nbsp;&nbsp;", "")
    assert duban.read(page).published is None


@pytest.mark.parametrize(
    "lines, expected",
    [(["编辑：倪仕轩 责任编辑：杨格"], "杨格"), (["（责编：赵敏、钱进）"], "赵敏、钱进"), (["编辑：苏亮"], "苏亮"),
     (["【责编:】 【审核:焦艳艳】"], None), (["责任编辑：", "平台声明：本文观点仅代表作者本人"], None)],
)
def test_editor(lines, expected):
    from duban.reader.meta import editor

    assert editor(lines) == expected


def test_icp_record_starts_at_the_province():
    page = gov_page().replace("豫ICP备05016466号-1", "信息网络传播视听节目许可证 京ICP证030609号")
    assert duban.read(page).site.icp == "京ICP证030609号"


def test_source_is_not_read_from_a_lead_sentence():
    page = gov_page().replace("来源：某某日报&nbsp;&nbsp;", "").replace('<meta name="ContentSource" content="某某日报">', "")
    lead = "项目资金来源：中央预算内投资，县委书记王明到城关镇调研项目建设。"
    assert duban.read(page.replace(PARAGRAPHS[0], lead)).source is None


def test_publication_date_printed_under_the_story():
    from tests.reader.pages import PARAGRAPHS

    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (f"<html><head><title>县委书记到城关镇调研</title></head><body><article><h1>县委书记到城关镇调研</h1>"
            f"<div class='entry'>{body}</div><footer><div>发布日期：2019-09-23 14:34:05 所属分类：头条</div>"
            "</footer></article><aside><ul><li>2019-01-02 其他新闻</li></ul></aside></body></html>")
    assert duban.read(page).published == "2019-09-23"


def test_headline_marked_by_class_beats_a_title_with_the_site_name():
    from tests.reader.pages import PARAGRAPHS

    headline = "【不忘初心 牢记使命】我院党支部举办2019年专业技能大赛"
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (f"<html><head><title>{headline} 某某省中医药研究院附属医院</title></head><body>"
            f"<div class='title'>{headline}</div><div class='content'>{body}</div></body></html>")
    assert duban.read(page).title == headline
