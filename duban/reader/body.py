"""Main-content detection on a page's blocks.

1. Each block is scored by how much it reads like prose: Chinese (or Latin) text with
   sentence punctuation scores its length; short, unpunctuated or link-heavy text scores
   nothing (menus, share bars, related-article lists are all links and fragments).
2. Scores flow from a paragraph's parent up its ancestors, damped by 0.6 a level; class
   and id words cut furniture (share, comment, footer, vote…) and favour content
   (article, content, TRS_Editor…). The best element is the article container; siblings
   that carry the article on (adjacent prose, or a large share of it) join it.
3. Inside the container, blocks are kept in order, minus boilerplate lines (editor,
   copyright, ICP, contact, share, print, video player, captions), the headline and
   metadata lines at the top, and everything from a "上一篇/相关阅读/责任编辑" line on.
   A 信息公开 table (索引号, 发文字号…) right above a government document is kept as its
   first paragraphs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from duban.reader.html import Block

_SENTENCE_PUNCT = re.compile(r"[，。！？；：、“”,.!?;]")
_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
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

# Site furniture that is never article text, wherever it appears.
_BOILERPLATE = re.compile(
    r"版权所有|Copyright|©|ICP\s*[备证]|公网安备|网站标识码|仅提供信息存储服务|^Notice: The content above|"
    r"^[【\[（(]?\s*(?:责任编辑|责编)|^[【\[（(]?\s*(?:编辑|审核|审读|校对|终审|初审|复审|值班编辑)\s*[:：丨|]|"
    r"^(?:联系电话|电话|传真|地址|邮编|电子邮箱|电子信箱|E-?mail)\s*[:：]|"
    r"^(?:主办|承办|协办)(?:单位)?\s*[:：]|^技术支持\s*[:：]|^(?:特别|免责|版权)声明\s*[:：]",
    re.I,
)
# Widget and tool text: dropped only as short lines, so a sentence that happens to
# mention a 播放器 or 分辨率 stays.
_WIDGET = re.compile(
    r"网站地图|联系我们|分享到|分享至|扫一扫|扫描二维码|打印本页|关闭窗口|[【\[]\s*(?:打印|关闭)|我要纠错|"
    r"^字[体号]\s*[:：]?\s*[【\[]?\s*[大中小]|^[【\[]?\s*[大中小]\s*[中小]\s*[小大]\s*[】\]]?$|"
    r"您的浏览器不支持|Play Video|视频加载|加载中|请稍候|刷新本页|播放器|^\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?$|"
    r"建议使用.{0,12}浏览器|分辨率\s*\d+\s*[*×xX]\s*\d+|最佳(?:浏览|显示)效果|"
    r"^(?:浏览次数|点击数|点击量|阅读量|访问量)\s*[:：]\s*\d*$",
    re.I,
)
_WIDGET_MAX = 40

# A line that ends the article: what follows is navigation or other articles.
_STOP = re.compile(
    r"^[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|相关阅读|相关新闻|相关链接|相关文章|相关推荐|延伸阅读|推荐阅读|"
    r"热点推荐|热门推荐|精彩推荐|猜你喜欢|更多精彩|往期回顾|网友评论|我要评论|发表评论|热门评论|"
    r"相关稿件|责任编辑|责编|纠错)",
)
_INDEX_NUMBER = re.compile(r"^索\s*引\s*号\s*[:：]?")
_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_PROSE = re.compile(r"[，。；！？]")
_META_WORDS = re.compile(r"来源|作者|发布|时间|日期|浏览|点击|阅读|字号|字体|编辑|记者|分享|打印")


def prose_score(block: Block) -> float:
    """How much a block reads like article prose (0 for furniture)."""
    text = block.text
    if len(text) < 8 or block.link_density > 0.35:
        return 0.0
    n = len(_WORDS.findall(text))
    if n < 8:
        return 0.0
    punct = len(_SENTENCE_PUNCT.findall(text))
    if punct == 0:
        return n * 0.1 if n >= 30 else 0.0
    return n * (1.0 - block.link_density) + 10 * min(punct, 10)


def find_container(blocks: list[Block]) -> list[etree._Element]:
    """The element(s) holding the article: the best-scoring ancestor of prose, plus siblings
    that continue it (adjacent prose, or any sibling with a large share of prose)."""
    scores: dict[etree._Element, float] = {}  # damped by distance: favours the tightest container
    inside: dict[etree._Element, float] = {}  # undamped prose within each element
    for block in blocks:
        score = prose_score(block)
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
    return [best, *_continuations(best, inside)]


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
    containers = find_container(blocks)
    if not containers:
        return [], None
    paragraphs: list[str] = []
    header: list[str] = []
    in_header: set[etree._Element] = set()
    first = None
    for i in body_blocks(blocks, containers):
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
            break
        if _is_boilerplate(text) or _is_link_row(block) or _is_caption(block):
            continue
        if first is None:
            first = i
        paragraphs.append(text)
    if first is not None and not header:
        header = _disclosure_header_above(blocks, first)
    return header + paragraphs, first


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
    return bool(_BOILERPLATE.search(text) or (len(text) <= _WIDGET_MAX and _WIDGET.search(text)))


def _is_caption(block: Block) -> bool:
    """Photo captions label an image; they are not paragraphs of the story."""
    return block.tag == "figcaption" or "caption" in (block.owner.get("class") or "").lower()


def _is_link_row(block: Block) -> bool:
    """Mostly-link lines: menus, tags, related-article titles."""
    return block.link_density > 0.6 and len(block.text) > 3
