"""Main-content detection on a page's blocks.

1. Each block is scored by how much it reads like prose: Chinese (or Latin) text with
   sentence punctuation scores its length; short, unpunctuated or link-heavy text scores
   nothing (menus, share bars, related-article lists are all links and fragments).
2. Scores flow from a paragraph's parent up its ancestors, damped by 0.6 a level; class
   and id words cut furniture (share, comment, footer, vote…) and favour content
   (article, content, TRS_Editor…). The best element is the article container; siblings
   that carry the article on (adjacent prose, or a large share of it) join it.
   The block under the page's own headline is strong evidence: a longer block that lies
   apart from it, behind another heading or a stop line (related lists, a recommended
   article, the 举报电话 footer), loses to the best element under the headline.
3. Inside the container, blocks are kept in order, minus boilerplate lines (editor,
   copyright, ICP, contact, share, print, pagers, captions), widget children (a video
   player: many short lines, no paragraph), the headline and metadata lines at the top,
   and everything from a "上一篇/责任编辑" line on. A reading-list line (延伸阅读,
   更多精彩…) only ends the body when none of the story's own prose follows it.
   A 信息公开 table (索引号, 发文字号…) right above a government document is kept as its
   first paragraphs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from duban.reader.html import Block
from duban.reader.meta import looks_like_site_name

_SENTENCE_PUNCT = re.compile(r"[，。！？；：、“”,.!?;]")
_NOT_WORDS = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]+")  # what is left when they are removed is the words
# class/id words (matched at the start of a word: "hotnews" but not "photo") of page furniture
_FURNITURE = (
    "comment", "share", "footer", "foot", "copyright", "related", "recommend", "sidebar", "side", "aside",
    "nav", "menu", "breadcrumb", "crumb", "hot", "rank", "banner", "advert", "ad", "ads", "toolbar", "login",
    "header", "topbar", "pinglun", "xgyd", "xgxw", "tuijian", "remen", "bottom", "link", "friend", "paging",
    "pagenav", "qrcode", "erweima", "weixin", "wechat", "vote", "survey", "poll", "toupiao", "diaocha",
)
_PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li dt dd pre blockquote figcaption tr th".split())
_CONTENT_HINT = ("article", "content", "main", "text", "txt", "body", "detail", "zhengwen", "newstxt", "trs", "zoom")
_WORD_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")

# Site furniture that is never article text: words anywhere in a line, and line openings.
# The words are searched for in the lower-cased line: re.I would switch off the regex
# engine's first-character scan, and every line of every page is searched.
_BOILERPLATE_WORDS = re.compile(r"版权所有|copyright|©|icp\s*[备证]|公网安备|网站标识码|仅提供信息存储服务|违法和不良信息举报")
_BOILERPLATE_OPENING = re.compile(
    r"Notice: The content above|"
    r"[【\[（(]?\s*(?:责任编辑|责编)|[【\[（(]?\s*(?:编辑|审核|审读|校对|终审|初审|复审|值班编辑)\s*[:：丨|]|"
    r"(?:联系电话|电话|传真|地址|邮编|电子邮箱|电子信箱|E-?mail)\s*[:：]|"
    r"(?:主办|承办|协办)(?:单位)?\s*[:：]|技术支持\s*[:：]|(?:特别|免责|版权)声明\s*[:：]|"
    r"(?:本站|本网)?郑重声明\s*[:：]|(?:客服|举报)(?:电话|邮箱)\s*[:：]",
    re.I,
)
# The footer's own lines, which read like sentences but are never the article (lower-cased, as above).
_FOOTER = re.compile(r"版权所有|copyright|©|icp\s*[备证]|公网安备|网站标识码|违法和不良信息举报|郑重声明")
# Widget and tool text: dropped only as short lines, so a sentence that happens to
# mention a 播放器 or 分辨率 stays.
_WIDGET = re.compile(
    r"网站地图|联系我们|分享到|分享至|扫一扫|扫描二维码|打印本页|关闭窗口|[【\[]\s*(?:打印|关闭)|我要纠错|"
    r"^字[体号]\s*[:：]?\s*[【\[]?\s*[大中小]|^[【\[]?\s*[大中小]\s*[中小]\s*[小大]\s*[】\]]?$|"
    r"您的浏览器不支持|Play Video|视频加载|加载中|请稍候|刷新本页|播放器|^\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?$|"
    r"建议使用.{0,12}浏览器|分辨率\s*\d+\s*[*×xX]\s*\d+|最佳(?:浏览|显示)效果|"
    r"^(?:浏览次数|点击数|点击量|阅读量|访问量)\s*[:：]\s*\d*$|"
    r"时长\s*[:：]\s*\d{1,2}:\d{2}|播放速度|^(?:展开|收起|倍速|直播|高清|超清|标清|流畅|广告|循环播放|跳过片头|设置成功)$|"
    r"^\d(?:\.\d{1,2})?\s*[Xx倍]$",
    re.I,
)
# A pager: "第1页/共3页 << 上一页 | 下一页 >>", "上一页 1 2 3 下一页", "首页 上一页 下一页 尾页".
_PAGER_WORD = re.compile(r"上一页|下一页|共\s*\d+\s*页|尾页")
_PAGER_TOKENS = re.compile(r"第\s*\d+\s*页|共\s*\d+\s*页|首页|上一页|下一页|尾页|末页|\d{1,3}|[\s<>«»|｜/／\[\]【】.…]")
_WIDGET_MAX = 40

# A line that ends the article: what follows is navigation or other articles.
_STOP = re.compile(
    r"^[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|相关阅读|相关新闻|相关链接|相关文章|相关推荐|相关报道|相关专题|"
    r"延伸阅读|推荐阅读|热点推荐|热门推荐|精彩推荐|猜你喜欢|更多精彩|往期回顾|网友评论|我要评论|发表评论|热门评论|"
    r"相关稿件|责任编辑|责编|纠错)",
)
# Stop lines that also appear inside a story (a reading list or photo link under a paragraph):
# they end the body only when no more of the article's own prose follows.
_SOFT_STOP = re.compile(r"^[【\[]?\s*(?:相关阅读|相关链接|相关文章|相关报道|相关专题|延伸阅读|推荐阅读|更多精彩)")
_STORY_GOES_ON = 120  # prose score of the paragraphs after a soft stop that shows the story continues
# A credit or date line after the story ("来源：新闻晨报", "发布日期：2019-09-23"): metadata,
# read by meta, not body text.
_SOURCE_LINE = re.compile(r"^[【\[（(]?\s*(?:来源|稿源|出处|发布日期|发布时间|发表时间|更新时间)\s*[:：]")
_INDEX_NUMBER = re.compile(r"^索\s*引\s*号\s*[:：]?")
_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_PROSE = re.compile(r"[，。；！？]")
_SENTENCE_END = re.compile(r"[。！？!?]")
_SUMMARY = re.compile(r"^[【\[]?\s*(?:摘要|导读|内容提要|提要|核心提示)\s*[】\]]?\s*[:：]?")
_META_WORDS = re.compile(r"来源|作者|发布|时间|日期|浏览|点击|阅读|字号|字体|编辑|记者|分享|打印")


def is_pager(text: str) -> bool:
    """A line made only of page links and page numbers."""
    return bool(_PAGER_WORD.search(text)) and not _PAGER_TOKENS.sub("", text)


def prose_score(block: Block) -> float:
    """How much a block reads like article prose (0 for furniture)."""
    text = block.text
    if len(text) < 8 or block.link_density > 0.35:
        return 0.0
    n = len(_NOT_WORDS.sub("", text))
    if n < 8 or _FOOTER.search(text.lower()):  # footer lines (举报电话, 版权所有) are not prose
        return 0.0
    punct = len(_SENTENCE_PUNCT.findall(text))
    if punct == 0:
        return n * 0.1 if n >= 30 else 0.0
    return n * (1.0 - block.link_density) + 10 * min(punct, 10)


def find_container(blocks: list[Block], title: str | None = None) -> list[etree._Element]:
    """The element(s) holding the article: the best-scoring ancestor of prose, plus siblings
    that continue it (adjacent prose, or any sibling with a large share of prose).

    The block under the page's own headline is strong evidence: when the best element lies
    apart from it, behind another heading or a stop line (a related list, a recommended
    article, the footer), the best element under the headline wins instead.
    """
    scores: dict[etree._Element, float] = {}  # damped by distance: favours the tightest container
    inside: dict[etree._Element, float] = {}  # undamped prose within each element
    prose = [prose_score(block) for block in blocks]
    for block, score in zip(blocks, prose, strict=True):
        if not score:
            continue
        el, weight = block.owner, 1.0
        inside[el] = inside.get(el, 0.0) + score
        if el.tag in _PARAGRAPH_TAGS and el.getparent() is not None:
            el = el.getparent()  # a paragraph is never the container: its score starts at its parent
        while el is not None and weight > 0.05:
            scores[el] = scores.get(el, 0.0) + score * weight
            if el is not block.owner:
                inside[el] = inside.get(el, 0.0) + score
            el = el.getparent()
            weight *= 0.6
    if not scores:
        return []
    best = max(scores, key=lambda el: _adjusted(el, scores[el]))
    under = _under_headline(blocks, prose, title, best, scores, inside)
    if under is None:
        return [best, *_continuations(best, inside)]
    # the element passed over is another story or list: it does not continue this one
    return [under, *(el for el in _continuations(under, inside)
                     if el is not best and not _contains(el, best) and not _contains(best, el))]


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_HEADLINE_PROSE = 40  # prose under the headline that makes its wrapper an article
_WRAPPER_LEVELS = 6  # the article's wrapper is a few levels above its headline, never the page


def _under_headline(blocks, prose, title, best, scores, inside) -> etree._Element | None:
    """The best element in the headline's article wrapper, when ``best`` lies apart from it."""
    anchor = _headline_index(blocks, title)
    if anchor is None or _within(blocks[anchor].owner, best):
        return None  # no headline, or the best element holds it: nothing to weigh
    headline = blocks[anchor]
    wrapper, last = _article_wrapper(blocks, prose, anchor)
    if wrapper is None or wrapper is best or _contains(best, wrapper) or _contains(wrapper, best):
        return None
    best_members = set(best.iter())
    first_best = next(i for i, b in enumerate(blocks) if prose[i] and b.owner in best_members)
    between = blocks[last + 1 : first_best]
    if first_best > anchor and not any(_ends_story(b, best_members) for b in between):
        return None  # the body simply follows the headline's wrapper (a lead, then the text)
    members = set(wrapper.iter())
    own = prose[anchor]
    candidates = [el for el in scores if el in members
                  and inside.get(el, 0.0) - (own if _within(headline.owner, el) else 0) > 0]
    if not candidates:
        return None
    return max(candidates, key=lambda el: _adjusted(el, scores[el]))


def _article_wrapper(blocks: list[Block], prose: list[float], anchor: int) -> tuple[etree._Element | None, int]:
    """The nearest ancestor of the headline that also holds prose (the article's wrapper),
    and the index of its last block. An element's blocks are contiguous in the list, so
    each ancestor is measured by walking out from the headline."""
    lo = hi = anchor
    total = 0.0  # sentences in blocks[lo:hi + 1], the headline's own left out

    def sentences(i: int) -> float:  # a 来源/作者 line with a comma, or a 摘要, is not the story
        text = blocks[i].text
        return prose[i] if _SENTENCE_END.search(text) and not _SUMMARY.match(text) else 0.0

    for level, el in enumerate(blocks[anchor].owner.iterancestors()):
        if level == _WRAPPER_LEVELS:
            break
        while lo > 0 and _within(blocks[lo - 1].owner, el):
            lo -= 1
            total += sentences(lo)
        while hi + 1 < len(blocks) and _within(blocks[hi + 1].owner, el):
            hi += 1
            total += sentences(hi)
        if total >= _HEADLINE_PROSE:
            return el, hi
    return None, anchor


def _within(el: etree._Element, ancestor: etree._Element) -> bool:
    return el is ancestor or _contains(ancestor, el)


def _ends_story(block: Block, best_members: set) -> bool:
    """A block that separates the headline's story from the best element: a stop line, a
    heading outside that element, or a linked heading inside it (a teaser's title; a plain
    subheading opening the element is the story's own "一、基本情况")."""
    if _STOP.match(block.text):
        return True
    if block.tag not in _HEADINGS or block.text.startswith(("—", "-")):  # "——…侧记" is the story's subtitle
        return False
    return block.owner not in best_members or block.link_density > 0.5


def _contains(outer: etree._Element, inner: etree._Element) -> bool:
    return any(el is outer for el in inner.iterancestors())


def _headline_index(blocks: list[Block], title: str | None) -> int | None:
    """The block that prints the page's own headline (a heading first, else any matching line)."""
    if not title or len(title) < 4 or looks_like_site_name(title):
        return None  # a <title> that is only the site's name is printed by the logo, not the headline
    matches = [i for i, b in enumerate(blocks) if b.link_density < 0.3 and _is_headline_text(b.text, title)]
    headings = [i for i in matches if blocks[i].tag in _HEADINGS]
    return (headings or matches or [None])[0]


def _is_headline_text(text: str, title: str) -> bool:
    return text == title or (title in text and len(text) <= len(title) + 20) or (
        text in title and len(text) >= 0.8 * len(title))


def _continuations(best: etree._Element, inside: dict[etree._Element, float]) -> list[etree._Element]:
    """Siblings of the container that carry on the article (split by subheadings, images, ads)."""
    parent = best.getparent()
    if parent is None:
        return []
    siblings = [el for el in parent if isinstance(el.tag, str)]
    at = siblings.index(best)
    top = inside.get(best, 0.0)
    found = []
    for step in (-1, 1):
        adjacent = True
        j = at + step
        while 0 <= j < len(siblings):
            sibling = siblings[j]
            prose = inside.get(sibling, 0.0)
            if _furniture(sibling):
                adjacent = False
            elif prose >= max(top * 0.25, 60) or (prose > 0 and adjacent):
                found.append(sibling)
            elif _has_text(sibling):
                adjacent = False
            j += step
    return found


def _has_text(el: etree._Element) -> bool:
    return any(text.strip() for text in el.itertext())


def _adjusted(el: etree._Element, score: float) -> float:
    kind = _attr_kind(el.get("class"), el.get("id"))
    if kind == "furniture":
        return score * 0.3
    if kind == "content":
        return score * 1.15
    return score


def _furniture(el: etree._Element) -> bool:
    return _attr_kind(el.get("class"), el.get("id")) == "furniture"


@lru_cache(maxsize=4096)
def _attr_kind(class_: str | None, id_: str | None) -> str | None:
    """"content" or "furniture" by the class/id words, the last telling word deciding
    ("main-nav" is navigation, "article-footer" a footer, "news_content" content)."""
    words = [w.lower() for w in _WORD_SPLIT.split(f"{class_ or ''} {id_ or ''}") if w]
    for word in reversed(words):
        if word.startswith(_CONTENT_HINT):
            return "content"
        if word.startswith(_FURNITURE):
            return "furniture"
    return None


def body_blocks(blocks: list[Block], containers: list[etree._Element]) -> list[int]:
    """Indexes of the blocks inside the chosen containers, in document order."""
    inside = set()
    for container in containers:
        inside.update(container.iter())
    return [i for i, block in enumerate(blocks) if block.owner in inside]


def extract(blocks: list[Block], title: str | None) -> tuple[list[str], int | None]:
    """Body paragraphs, and the index of the first body block (for metadata near the title)."""
    containers = find_container(blocks, title)
    if not containers:
        return [], None
    paragraphs: list[str] = []
    header: list[str] = []
    in_header: set[etree._Element] = set()
    first = None
    kept = _without_widgets(blocks, body_blocks(blocks, containers), containers)
    for n, i in enumerate(kept):
        block = blocks[i]
        text = block.text
        if block.owner in in_header:
            continue
        if first is None:
            if not header and _INDEX_NUMBER.match(text):
                header, in_header = _disclosure_table(blocks, i)
                continue
            if _is_preamble(block, title):
                continue
        if _STOP.match(text) and paragraphs:
            if not (_SOFT_STOP.match(text) and _story_goes_on(blocks, kept[n + 1 :], block)):
                break
            continue
        if _is_boilerplate(text) or _is_link_row(block) or _is_caption(block) or is_pager(text):
            continue
        if paragraphs and _SOURCE_LINE.match(text) and len(text) < 60 and not _PROSE.search(text):
            continue
        if first is None:
            first = i
        paragraphs.append(text)
    if first is not None and not header:
        header = _disclosure_header_above(blocks, first)
    if not paragraphs:
        return _prose_anywhere(blocks)
    return header + paragraphs, first


def _prose_anywhere(blocks: list[Block]) -> tuple[list[str], int | None]:
    """Last resort when the chosen container yields nothing: every real paragraph of the
    page, in order, rather than no article at all."""
    kept = [i for i, b in enumerate(blocks) if prose_score(b) >= _STRONG_PROSE and not _is_boilerplate(b.text)]
    return [blocks[i].text for i in kept], (kept[0] if kept else None)


_WIDGET_BLOCKS = 5  # a sub-element of this many short, prose-less lines is a player or toolbar
_WIDGET_LINE = 20  # characters: the mean line length of such a widget
_STRONG_PROSE = 80


def _without_widgets(blocks: list[Block], kept: list[int], containers: list[etree._Element]) -> list[int]:
    """Drop the blocks of a container's child that is a widget (a video player, a toolbar):
    many short lines and no real paragraph, beside children that do carry the prose."""
    by_child: dict[etree._Element, list[int]] = {}
    tops = set(containers)
    for i in kept:
        el = blocks[i].owner
        while el is not None and el.getparent() not in tops and el not in tops:
            el = el.getparent()
        if el is not None and el not in tops:
            by_child.setdefault(el, []).append(i)
    widgets = set()
    for child, indexes in by_child.items():
        if len(indexes) < _WIDGET_BLOCKS or child.tag in _PARAGRAPH_TAGS or child.tag in ("table", "ul", "ol", "dl"):
            continue
        texts = [blocks[i].text for i in indexes]
        if (sum(map(len, texts)) / len(texts) < _WIDGET_LINE
                and max(prose_score(blocks[i]) for i in indexes) < _STRONG_PROSE
                and not any(True for _ in child.iter("table"))):
            widgets.update(indexes)
    if not widgets or len(widgets) == len(kept):
        return kept
    return [i for i in kept if i not in widgets]


def _story_goes_on(blocks: list[Block], rest: list[int], stop: Block) -> bool:
    """Whether the article's own prose follows a soft stop line: paragraphs at the story's
    level (siblings of the stop line, or of an element around it such as a photo box),
    before any hard stop. A list of teasers after it (their parent is the list) does not count."""
    levels = set(stop.owner.iterancestors())
    prose = 0.0
    for i in rest:
        block = blocks[i]
        if block.owner.getparent() not in levels:
            continue
        if _STOP.match(block.text) and not _SOFT_STOP.match(block.text):
            break
        prose += prose_score(block)
        if prose >= _STORY_GOES_ON:
            return True
    return False


def _disclosure_header_above(blocks: list[Block], first: int) -> list[str]:
    """The 信息公开 table (索引号, 发文机关, 成文日期, 发文字号…) printed right above a government
    document: part of the document as published, one paragraph per table row."""
    for i in range(first - 1, max(-1, first - 40), -1):
        if _INDEX_NUMBER.match(blocks[i].text):
            return _disclosure_table(blocks, i)[0]
    return []


def _disclosure_table(blocks: list[Block], at: int) -> tuple[list[str], set[etree._Element]]:
    """Rows of the table (or list) that the 索引号 block at ``at`` opens, and its elements."""
    table = next((el for el in blocks[at].owner.iterancestors() if el.tag in ("table", "ul", "ol", "dl")), None)
    if table is None:
        return [blocks[at].text], {blocks[at].owner}
    inside = set(table.iter())
    rows: dict[etree._Element, list[str]] = {}
    for block in blocks[at:]:
        if block.owner not in inside:
            break
        row = next((el for el in block.owner.iterancestors() if el.tag == "tr"), block.owner)
        rows.setdefault(row, []).append(block.text)
    return [" ".join(cells) for cells in rows.values()], inside


def _is_preamble(block: Block, title: str | None) -> bool:
    """Headline, metadata and tool lines that open an article container (never prose)."""
    text = block.text
    # the headline repeated (a short fragment of it is the document's own printed heading)
    if title and (text == title or (text in title and len(text) >= 0.6 * len(title))):
        return True
    if title and block.tag in ("h1", "h2") and title in text:  # headline printed with its kicker
        return True
    if block.tag in ("h1", "h2") or _PROSE.search(text):
        return False
    if len(text) < 80 and _DATE.search(text) and (_META_WORDS.search(text) or len(text) < 30):
        return True
    return bool(len(text) < 40 and _META_WORDS.search(text))


def _is_boilerplate(text: str) -> bool:
    return bool(_BOILERPLATE_OPENING.match(text) or _BOILERPLATE_WORDS.search(text.lower())
                or (len(text) <= _WIDGET_MAX and _WIDGET.search(text)))


def _is_caption(block: Block) -> bool:
    """Photo captions label an image; they are not paragraphs of the story."""
    return block.tag == "figcaption" or "caption" in (block.owner.get("class") or "").lower()


def _is_link_row(block: Block) -> bool:
    """Mostly-link lines: menus, tags, related-article titles."""
    return block.link_density > 0.6 and len(block.text) > 3
