"""Title, date trust order, 来源/责编/审核/点击 and the site footer."""

import pytest

import duban
from duban.reader.meta import strip_site_suffix
from tests.reader.pages import TITLE, gov_page


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
