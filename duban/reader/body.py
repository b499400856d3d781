"""Main-content detection on a page's blocks.

1. Each block is scored by how much it reads like prose: Chinese (or Latin) text with
   sentence punctuation scores its length; short, unpunctuated or link-heavy text scores
   nothing (menus, share bars, related-article lists are all links and fragments).
2. Scores flow up to the block's owner and, damped, to its ancestors; the element with
   the most prose (less a penalty for its own link text) is the article container.
   Sibling containers that also hold real prose are kept (articles split by subheadings).
3. Inside the container, blocks are kept in order, minus boilerplate lines (editor,
   copyright, ICP, share, print, video player), metadata lines at the top, and everything
   after a "上一篇/相关阅读"-style marker.
"""

from __future__ import annotations

import re

from lxml import etree

from duban.reader.html import Block

_SENTENCE_PUNCT = re.compile(r"[，。！？；：、“”,.!?;]")
_END_PUNCT = re.compile(r"[。！？!?…”\"」』）)】]$")
_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# class/id words of page furniture: their prose never counts as the article's.
_FURNITURE = re.compile(
    r"comment|share|footer|foot|copyright|related|recommend|sidebar|side|nav|menu|breadcrumb|crumb|"
    r"hot|rank|banner|advert|\bad\b|ads|toolbar|login|header|top-?bar|pinglun|xgyd|tuijian|"
    r"remen|bottom|links?\b|friend|paging|page-?nav|qrcode|weixin|wechat",
    re.I,
)
_PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li dt dd pre blockquote figcaption tr th".split())
_CONTENT_HINT = re.compile(r"article|content|main|text|body|detail|zhengwen|news_?txt|TRS_Editor|post", re.I)

# Lines that are never article text wherever they appear.
_BOILERPLATE = re.compile(
    r"^[【\[（(]?\s*(?:责任编辑|责编|编辑|审核|审读|校对|终审|初审|复审|值班编辑)\s*[:：丨|]?.{0,30}$|"
    r"版权所有|Copyright|©|ICP\s*[备证]|公网安备|网站标识码|网站地图|联系我们|"
    r"^(?:联系电话|电话|传真|地址|邮编|电子邮箱|电子信箱|E-?mail)\s*[:：]|"
    r"^分享到|分享至|扫一扫|扫描二维码|打印本页|关闭窗口|【\s*打印|【\s*关闭|\[\s*打印|\[\s*关闭|"
    r"^字[体号]\s*[:：]?\s*[【\[]?\s*[大中小]|^[【\[]?\s*[大中小]\s*[中小]\s*[小大]\s*[】\]]?$|"
    r"您的浏览器不支持|Play Video|视频加载|加载中\.{0,3}$|播放器|^\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?$|"
    r"^(?:主办|承办|协办)(?:单位)?\s*[:：]|^技术支持\s*[:：]|建议使用.{0,12}浏览器|分辨率|"
    r"^(?:来源|作者|发布时间|发布日期|日期|时间|浏览次数|点击数?|阅读)\s*[:：].{0,60}$|"
    r"^(?:特别|免责|版权)声明\s*[:：]|仅提供信息存储服务|^Notice: The content above",
    re.I,
)
# A line that ends the article: what follows is navigation or other articles.
_STOP = re.compile(
    r"^[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|相关阅读|相关新闻|相关链接|相关文章|相关推荐|延伸阅读|推荐阅读|"
    r"热点推荐|热门推荐|精彩推荐|猜你喜欢|更多精彩|往期回顾|网友评论|我要评论|发表评论|热门评论|"
    r"相关稿件|责任编辑|责编|纠错)",
)
_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_META_WORDS = re.compile(r"来源|作者|发布|时间|日期|浏览|点击|阅读|字号|字体|编辑|记者|分享|打印")


def prose_score(block: Block) -> float:
    """How much a block reads like article prose (0 for furniture)."""
    text = block.text
    n = len(_WORDS.findall(text))
    if n < 8 or block.link_density > 0.35:
        return 0.0
    punct = len(_SENTENCE_PUNCT.findall(text))
    if punct == 0:
        return n * 0.1 if n >= 30 else 0.0
    return n * (1.0 - block.link_density) + 10 * min(punct, 10)


def find_container(blocks: list[Block]) -> list[etree._Element]:
    """The element(s) holding the article: best-scoring ancestor of prose, plus prose-rich siblings."""
    scores: dict[etree._Element, float] = {}
    links: dict[etree._Element, float] = {}
    for block in blocks:
        score = prose_score(block)
        el, weight = block.owner, 1.0
        if el.tag in _PARAGRAPH_TAGS and el.getparent() is not None:
            # a paragraph is never the container: its score starts at its parent
            links[el] = links.get(el, 0.0) + block.link_chars
            el = el.getparent()
        while el is not None and weight > 0.05:
            if score:
                scores[el] = scores.get(el, 0.0) + score * weight
            links[el] = links.get(el, 0.0) + block.link_chars
            el = el.getparent()
            weight *= 0.6 if score else 1.0
            if not score and el is not None and el not in scores:
                break
    if not scores:
        return []
    best = max(scores, key=lambda el: _adjusted(el, scores[el]))
    chosen = [best]
    parent = best.getparent()
    if parent is not None:
        top = scores[best]
        for sibling in parent:
            if sibling is best or not isinstance(sibling.tag, str):
                continue
            if scores.get(sibling, 0.0) >= max(top * 0.25, 60) and not _furniture(sibling):
                chosen.append(sibling)
    return chosen


def _adjusted(el: etree._Element, score: float) -> float:
    if _furniture(el):
        score *= 0.3
    elif _CONTENT_HINT.search(_attrs(el)):
        score *= 1.15
    return score


def _attrs(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _furniture(el: etree._Element) -> bool:
    attrs = _attrs(el).strip()
    return bool(attrs) and bool(_FURNITURE.search(attrs)) and not _CONTENT_HINT.search(attrs)


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
    indexes = body_blocks(blocks, containers)
    paragraphs: list[str] = []
    first = None
    started = False
    for i in indexes:
        block = blocks[i]
        text = block.text
        if not started and _is_preamble(block, title):
            continue
        if _STOP.match(text) and paragraphs:
            break
        if _BOILERPLATE.search(text) or _is_link_row(block) or _is_caption(block):
            continue
        started = True
        if first is None:
            first = i
        paragraphs.append(text)
    return paragraphs, first


def _is_preamble(block: Block, title: str | None) -> bool:
    """Title, metadata and tool lines that open an article container."""
    text = block.text
    # the headline repeated (a short fragment of it is the document's own printed heading)
    if title and (text == title or (text in title and len(text) >= 0.6 * len(title))):
        return True
    if block.tag in ("h1", "h2") and prose_score(block) == 0:
        return False
    if len(text) < 80 and _DATE.search(text) and (_META_WORDS.search(text) or len(text) < 30):
        return True
    return bool(len(text) < 40 and _META_WORDS.search(text) and not _SENTENCE_PUNCT.search(text[-1:]))


def _is_caption(block: Block) -> bool:
    """Photo captions label an image; they are not paragraphs of the story."""
    return block.tag == "figcaption" or "caption" in (block.owner.get("class") or "").lower()


def _is_link_row(block: Block) -> bool:
    """Mostly-link lines: menus, tags, related-article titles."""
    return block.link_density > 0.6 and len(block.text) > 3
