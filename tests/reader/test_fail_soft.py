"""No single rule wipes out a page: stop lines, longer blocks elsewhere and widgets inside the story."""

import duban
from duban.reader.body import is_pager
from tests.reader.pages import PARAGRAPHS, TITLE

LONG_STORY = [
    "11月3日下午，全县重点项目建设推进会召开，会议通报了前三季度重点项目建设进展情况，分析了存在的问题。",
    "会议要求，各乡镇、各部门要紧盯年度目标任务，倒排工期、挂图作战，确保项目按期建成投产。",
    "会议强调，要强化要素保障，主动靠前服务，及时协调解决项目建设中遇到的土地、资金等问题。",
    "会议指出，要压实工作责任，县督查室要加强跟踪督办，对工作不力、进度滞后的单位通报批评。",
]


def page(body: str, *, after: str = "", title: str = TITLE) -> str:
    return f"""<html><head><meta charset="utf-8"><title>{title}_某某网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xw">新闻</a></div>
<div class="article"><h1>{title}</h1><div class="info">2023-11-05 来源：某某日报</div>
<div class="text">{body}</div></div>
{after}
</body></html>"""


def paras(lines):
    return "".join(f"<p>{p}</p>" for p in lines)


def test_reading_list_inside_the_story_does_not_end_it():
    links = "".join(f'<p><a href="/r{i}.html">第{i}条延伸报道的标题文字</a></p>' for i in range(4))
    body = paras(PARAGRAPHS[:2]) + "<p>延伸阅读：全县召开第一次推进会</p>" + links + paras(PARAGRAPHS[2:])
    assert duban.read(page(body)).body == PARAGRAPHS


def test_reading_list_at_the_end_still_ends_it():
    body = paras(PARAGRAPHS) + "<p>延伸阅读：全县召开第一次推进会</p><p>全县召开第二次推进会</p>"
    assert duban.read(page(body)).body == PARAGRAPHS


def test_photo_link_above_the_story_does_not_wipe_it():
    body = '<p><img src="a.jpg"></p><p><a href="/pics">更多精彩图片>></a></p>' + paras(PARAGRAPHS)
    assert duban.read(page(body)).body == PARAGRAPHS


def test_pager_line_is_not_body():
    body = "<p>第1页/共1页 << 上一页 | 下一页 >></p>" + paras(PARAGRAPHS) + "<p>上一页 1 2 3 下一页</p>"
    assert duban.read(page(body)).body == PARAGRAPHS


def test_is_pager():
    assert is_pager("第1页/共1页 << 上一页 | 下一页 >>")
    assert is_pager("首页 上一页 1 2 3 下一页 尾页")
    assert not is_pager("点击下一页查看全文")
    assert not is_pager("会议共分3页材料。")


def test_trailing_source_credit_is_not_body():
    body = paras(PARAGRAPHS) + "<p>来源：新闻晨报</p>"
    assert duban.read(page(body)).body == PARAGRAPHS


def test_short_story_beats_the_footer():
    footer = "<div>" + "".join(
        f"<p>违法和不良信息举报电话：010-8565089{i}，举报邮箱：jubao@example.cn，我们将在第一时间处理，感谢监督。</p>"
        for i in range(8)) + "</div>"
    story = ["据新华社消息，今日从交通运输部新闻发布会获悉，京津冀交通一体化建设取得积极成效，下一步将打造区域综合立体交通网络。"]
    assert duban.read(page(paras(story), after=footer)).body == story


def test_story_under_the_headline_beats_a_longer_recommended_article():
    recommended = f"""<div class="recommend-next"><h1>另一篇推荐文章的标题，与本页无关</h1>
    <div class="author">作者某某 2023-06-01</div><div>{paras(LONG_STORY * 3)}</div></div>"""
    story = ["11月3日，县委书记王明到城关镇调研乡村振兴工作，强调要对标群众需求，持续完善社区服务功能。"]
    article = duban.read(page(paras(story), after=recommended))
    assert article.title == TITLE
    assert article.body == story


def test_story_under_the_headline_beats_a_teaser_list():
    teasers = "<ul class='stream'>" + "".join(
        f"<li><h4><a href='/t{i}'>推荐新闻标题{i}</a></h4><p>{LONG_STORY[i % 4]}</p></li>" for i in range(12)) + "</ul>"
    article = duban.read(page(paras(PARAGRAPHS[:1]), after=teasers))
    assert article.body == PARAGRAPHS[:1]


def test_lead_box_under_headline_does_not_steal_the_body():
    """A summary right under the headline, then the story in its own block: the story is the body."""
    html = f"""<html><head><title>{TITLE}</title></head><body>
<div class="head"><h1>{TITLE}</h1><div class="summary">摘要：县委书记王明到城关镇调研，强调提升标准。</div></div>
<div class="content">{paras(LONG_STORY)}</div></body></html>"""
    assert duban.read(html).body[-4:] == LONG_STORY


def test_video_player_inside_the_story_is_dropped():
    player = "<div class='player'>" + "".join(
        f"<div>{w}</div>" for w in ["展开", "广告", "播放速度：2X", "00:00/00:00", "倍速", "2.0X", "1.5X", "高清", "标清",
                                    "循环播放", "很抱歉，当前视频播放失败"]) + "</div>"
    assert duban.read(page(player + paras(PARAGRAPHS))).body == PARAGRAPHS


def test_a_rule_that_empties_the_container_falls_back_to_the_page_prose():
    """Every line of the story sits in an element classed as a caption: the caption rule
    would leave nothing, so the page's real paragraphs are returned instead."""
    html = f"<html><body><div class='pic-caption'>{'<br>'.join(LONG_STORY)}</div></body></html>"
    assert duban.read(html).body == LONG_STORY


def test_photo_link_in_a_photo_box_inside_the_story_does_not_end_it():
    box = '<div class="pic"><p><img src="a.jpg"></p><p><a href="/pics">更多精彩图片>></a></p></div>'
    assert duban.read(page(paras(LONG_STORY[:1]) + box + paras(LONG_STORY[1:]))).body == LONG_STORY


def test_teasers_after_a_reading_list_line_are_not_the_story():
    teasers = "<ul>" + "".join(f"<li><p>{p}</p></li>" for p in LONG_STORY) + "</ul>"
    assert duban.read(page(paras(PARAGRAPHS) + "<p>推荐阅读：</p>" + teasers)).body == PARAGRAPHS


def test_summary_under_the_headline_and_a_story_opening_with_a_subheading():
    """A summary in the headline's box, the story below opening with its own subheading:
    the story is the body, not the summary."""
    html = f"""<html><head><title>{TITLE}</title></head><body>
<div class="head"><h1>{TITLE}</h1><p class="summary">摘要：县委书记王明到城关镇调研，强调提升标准，推动高质量发展。</p></div>
<div class="bar"><a href="#">分享到微信</a></div>
<div class="content"><h2>一、基本情况</h2>{paras(LONG_STORY)}</div></body></html>"""
    assert duban.read(html).body[-4:] == LONG_STORY


def test_a_title_that_is_only_the_site_name_does_not_anchor_the_body():
    html = f"""<html><head><title>某某县人民政府</title></head><body>
<div class="top"><div class="logo">某某县人民政府</div>
<div class="notice">欢迎访问某某县人民政府门户网站，今天是2023年11月5日，星期日，天气晴朗，欢迎您。</div></div>
<div class="main"><h1>{TITLE}</h1><div class="content">{paras(PARAGRAPHS)}</div></div></body></html>"""
    article = duban.read(html)
    assert article.title == TITLE and article.body == PARAGRAPHS


def test_a_credit_line_in_the_headline_box_is_not_a_story():
    html = f"""<html><head><title>{TITLE}</title></head><body>
<div class="head"><h1>{TITLE}</h1><div>2023年11月05日 来源：某某日报 作者：张三，李四，王五，赵六</div></div>
<h2 class="subtitle">——全县重点项目建设推进会侧记</h2>
<div class="content">{paras(LONG_STORY)}</div></body></html>"""
    assert duban.read(html).body[-4:] == LONG_STORY


def test_a_summary_box_and_a_subtitle_do_not_take_the_place_of_the_story():
    html = f"""<html><head><title>{TITLE}</title></head><body>
<div class="head"><h1>{TITLE}</h1><p>摘要：县委书记王明到城关镇调研，强调提升标准。</p></div>
<h2>——全县重点项目建设推进会侧记</h2>
<div class="content">{paras(LONG_STORY)}</div></body></html>"""
    assert duban.read(html).body[-4:] == LONG_STORY
