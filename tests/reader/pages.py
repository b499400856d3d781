"""Synthetic government news pages for the reader tests (written for these tests)."""

PARAGRAPHS = [
    "11月3日，县委书记王明到城关镇调研乡村振兴和项目建设工作，并主持召开座谈会。",
    "在城关镇东关社区，王明详细了解养老服务中心运营情况，强调要对标群众需求，持续完善社区服务功能。",
    "座谈会上，王明指出，要解放思想，提升工作标准；要强化项目责任主体意识，确保年底前全面投产达效。",
    "李华、张伟等参加调研。",
]

TITLE = "县委书记王明到城关镇调研时强调：提升标准 推动高质量发展"


def gov_page(
    *,
    charset: str = "utf-8",
    title_suffix: str = "_某某县人民政府网",
    meta_pubdate: str | None = "2023-11-05 09:30",
    visible_date: str = "2023-11-05",
    extra_head: str = "",
    paragraphs: list[str] | None = None,
) -> str:
    paragraphs = paragraphs or PARAGRAPHS
    body = "\n".join(f"<p>　　{p}</p>" for p in paragraphs)
    pubdate = f'<meta name="PubDate" content="{meta_pubdate}">' if meta_pubdate else ""
    return f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{TITLE}{title_suffix}</title>
<meta name="SiteName" content="某某县人民政府">
<meta name="SiteIDCode" content="4111040002">
<meta name="ArticleTitle" content="{TITLE}">
{pubdate}
<meta name="ContentSource" content="某某日报">
{extra_head}
<script>var publishTime = "2019-01-01"; document.write("2018-02-02");</script>
</head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li>
<li><a href="/xw">新闻中心</a></li><li><a href="/fw">办事服务</a></li><li><a href="/hd">互动交流</a></li></ul></div>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/xw">新闻中心</a> &gt; 正文</div>
<div class="main">
 <div class="article">
  <h1>{TITLE}</h1>
  <div class="info">发布时间：{visible_date}&nbsp;&nbsp;来源：某某日报&nbsp;&nbsp;浏览次数：128</div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
  <div class="video"><video src="a.mp4"></video>您的浏览器不支持 video 标签。</div>
  <div class="content" id="zoom">
{body}
  </div>
  <p class="editor">【责任编辑：赵敏】 【审核：钱进】</p>
  <div class="pages"><a href="/1.html">上一篇：全县召开安全生产工作会议</a><a href="/3.html">下一篇：我县举办招聘会</a></div>
  <div class="tools"><a href="javascript:print()">【打印本页】</a> <a href="javascript:close()">【关闭窗口】</a></div>
 </div>
 <div class="related"><h3>相关新闻</h3><ul>
  <li><a href="/a.html">全县推进项目建设观摩活动举行</a><span>2017-06-01</span></li>
  <li><a href="/b.html">我县召开乡村振兴工作推进会议</a><span>2016-05-02</span></li>
 </ul></div>
</div>
<div class="footer">
 <p>主办单位：某某县人民政府办公室　承办单位：某某县政务服务中心</p>
 <p>联系电话：0395-2600123　地址：某某县人民路1号</p>
 <p>Copyright &copy; 2000 - 2018 版权所有 <a href="https://beian.miit.gov.cn">豫ICP备05016466号-1</a> 豫公网安备 41110402000447号</p>
 <p>政府网站标识码：4111040002</p>
</div>
</body></html>"""
