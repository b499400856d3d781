"""WeChat 公众号 articles."""

import duban
from duban.reader import wechat
from tests.reader.pages import PARAGRAPHS, TITLE

ACCOUNT = "某某县发布"


def wechat_page(*, variables: str = 'var ct = "1699147800";', title_tag: str = "") -> str:
    body = "".join(f'<p style="margin:0"><span>{p}</span></p>' for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="{TITLE}"><meta property="og:site_name" content="微信公众平台">
<title>{title_tag}</title></head>
<body id="activity-detail" class="zh_CN">
<div class="rich_media_wrp">
 <h1 class="rich_media_title" id="activity-name">
   {TITLE}
 </h1>
 <div id="meta_content" class="rich_media_meta_list">
  <span class="rich_media_meta rich_media_meta_text">县融媒体中心</span>
  <span class="rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" id="js_name"> {ACCOUNT} </a></span>
  <em id="publish_time" class="rich_media_meta rich_media_meta_text"></em>
 </div>
 <div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">
  <section><p><span>点击蓝字 关注我们</span></p></section>
  {body}
 </div>
 <div id="js_pc_qr_code" style="display: none;"><p>微信扫一扫关注该公众号，获取更多精彩内容和每日推送，欢迎大家关注并转发。欢迎大家关注并转发。欢迎大家关注并转发。欢迎大家关注并转发。欢迎大家关注并转发。欢迎大家关注并转发。欢迎大家关注并转发。欢迎大家关注并转发。欢迎大家关注并转发。</p></div>
</div>
<script>var nickname = htmlDecode("{ACCOUNT}"); {variables}</script>
</body></html>"""


def test_wechat_article_is_read_from_its_hidden_container():
    article = duban.read(wechat_page().encode("utf-8"), url="https://mp.weixin.qq.com/s/AbCdEf")
    assert article.title == TITLE
    assert article.published == "2023-11-05"  # 1699147800 = 2023-11-05 09:30 Beijing time
    assert article.source == ACCOUNT
    assert article.body[-4:] == PARAGRAPHS
    assert not any("扫一扫" in p for p in article.body)  # display:none stays dropped


def test_wechat_is_recognised_without_the_url_and_reads_publish_time():
    page = wechat_page(variables='var publish_time = "2023-11-04" || "";').replace('id="js_name"', 'id="x"')
    article = duban.read(page)
    assert article.published == "2023-11-04"
    assert article.source == ACCOUNT  # from the nickname variable
    assert article.body[-4:] == PARAGRAPHS


def test_ct_is_read_in_beijing_time():
    # 2023-11-04 20:00 UTC is already 2023-11-05 in Beijing
    assert wechat._published('var ct = "1699128000";') == "2023-11-05"
    assert wechat._published('var createTime = \'2023-02-30 09:00\';') is None
    assert wechat._published("nothing here") is None


def test_short_hidden_text_is_still_dropped():
    page = ("<html><body><div class='content'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + "<p style='visibility:hidden'>隐藏的提示文字，不是正文。</p></div></body></html>")
    assert duban.read(page).body == PARAGRAPHS


def test_a_page_that_only_mentions_js_content_is_not_wechat():
    from tests.reader.pages import gov_page

    page = gov_page().replace("</head>", '<meta property="og:title" content="别的标题"><script>var x = "js_content";</script></head>')
    article = duban.read(page)
    assert article.title == TITLE and article.published == "2023-11-05"
