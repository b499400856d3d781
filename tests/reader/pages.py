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


def table_layout_page() -> str:
    """An old government CMS page: everything in nested tables, the date in a cell above."""
    rows = "".join(f"<p>　　{p}</p>" for p in PARAGRAPHS)
    menu = "".join(f'<tr><td><a href="/l{i}.html">栏目{i}</a></td></tr>' for i in range(12))
    latest = "".join(
        f'<tr><td><a href="/n{i}.html">全县第{i}次项目建设推进会召开</a></td><td>2023-10-{i + 10:02d}</td></tr>'
        for i in range(10)
    )
    return f"""<html><head><meta charset="gbk"><title>{TITLE}</title></head><body>
<table width="1000"><tr>
<td width="200" valign="top"><table>{menu}</table><table>{latest}</table></td>
<td width="800" valign="top">
 <table width="100%"><tr><td class="title" align="center"><b>{TITLE}</b></td></tr>
 <tr><td align="center">发布日期：2023年11月05日&nbsp;&nbsp;&nbsp;信息来源：县融媒体中心&nbsp;&nbsp;&nbsp;点击数：</td></tr>
 <tr><td class="bt_content">{rows}</td></tr>
 <tr><td align="right">[<a href="javascript:window.print()">打印本页</a>] [<a href="javascript:window.close()">关闭窗口</a>]</td></tr>
 </table>
</td></tr></table>
<table><tr><td align="center">版权所有：某某县人民政府 &nbsp; 技术支持：某某网络公司<br>
网站标识码：4111220001 &nbsp; <a href="https://beian.miit.gov.cn/">豫ICP备12003456号</a></td></tr></table>
</body></html>"""


def portal_page() -> str:
    """A national news portal: date and 来源 in one line, an editor in brackets, a comment section."""
    body = "".join(f"<div class='para'>{p}</div>" for p in PARAGRAPHS)
    comments = "".join(
        f"<div class='comment-item'><span>网友{i}：</span>这篇报道写得很好，希望各地都能学习这样的做法，切实为群众办实事、解难题，真正把服务送到家门口。</div>"
        for i in range(12)
    )
    return f"""<html><head><meta charset="utf-8"><title>{TITLE}--人民网</title>
<meta property="og:title" content="{TITLE}"></head><body>
<div class="topbar"><a href="/">人民网首页</a> | <a href="/a">时政</a> | <a href="/b">地方</a></div>
<div class="main">
 <h1>{TITLE}</h1>
 <div class="box01"><div class="fl">2023年11月05日08:25 | 来源：<a href="http://paper.people.com.cn/">人民网－人民日报</a></div>
 <div class="fr">分享到：<a>微信</a><a>微博</a></div></div>
 <div class="rm_txt_con">{body}
  <div class="edit">(责编：赵敏、钱进)</div>
 </div>
 <div class="comments"><h3>网友评论</h3>{comments}</div>
</div>
<div class="footer">人民网版权所有，未经书面授权禁止使用 Copyright &copy; 1997-2023 by www.people.com.cn. all rights reserved</div>
</body></html>"""
