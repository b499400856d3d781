"""An HTML page -> Article: parse once, find the body, read metadata around it."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from duban.reader import body, html, meta, multipage, wechat
from duban.reader.article import Article
from duban.reader.site import site_info

_HEAD_BEFORE = 25  # blocks before the body searched for the date line and 来源
_HEAD_AFTER = 3  # and the first body blocks: some pages print the date under the lead
_TITLE_BEFORE = 60  # how far above the body the headline is looked for
_ABOVE_TITLE = 4
_FOOT_AFTER = 8  # blocks under the body searched for a labelled 发布日期  # newspaper pages print the issue date above the headline
_PAGER_WORDS = re.compile(r"下一?页|后一?页|共\s*\d+\s*页")
_HEADLINE_TAGS = frozenset(("h1", "h2", "h3"))
_HEADLINE_CLASS = re.compile(r"title|headline|biaoti|bt\b", re.I)
_SAVED_URL = re.compile(r"""^\s*(?:<text\s+id="(https?://[^"]+)"|<!--\s*saved from url=\(\d+\)(https?://\S+?)\s*-->)""", re.I)


def read_html(text: str, url: str | None = None) -> Article:
    page_url = url or _embedded_url(text)
    root = html.parse(text)
    metas = html.meta_tags(root)
    page_title = _page_title(root)
    ld_date = meta.json_ld_date(root)  # before scripts are stripped
    weixin = None
    if wechat.is_wechat(text, root, page_url):
        weixin = wechat.metadata(text, root, metas)
        wechat.reveal(root)
    html.strip_invisible(root)
    blocks = html.blocks(root)

    headings = [b.text for b in blocks if b.tag in _HEADLINE_TAGS and len(b.text) >= 4][:8]
    title = (weixin and weixin.title) or meta.title(metas, page_title, headings)
    if not weixin and title not in headings:  # a <div class="title"> headline, after the real headings
        title = meta.title(metas, page_title, headings + _styled_headlines(blocks))
    stripped = meta.strip_site_suffix(page_title) if page_title else None
    paragraphs, first = body.extract(blocks, title or stripped)
    if title is None:
        title, paragraphs = _title_from_layout(blocks, first, stripped, paragraphs)

    head = _head(blocks, title, first)
    head_lines = [b.text for b in head]
    all_lines = [b.text for b in blocks]
    tail_lines = all_lines[first:] if first is not None else all_lines
    return Article(
        title=title,
        published=(weixin and weixin.published) or meta.published(metas, head, ld_date, page_url,
                                                                    _foot(blocks, first, paragraphs)),
        source=(weixin and weixin.account) or meta.source(metas, head_lines),
        editor=meta.editor(tail_lines) or meta.editor(head_lines),
        reviewer=meta.reviewer(tail_lines) or meta.reviewer(head_lines),
        clicks=meta.clicks(head_lines),
        body=paragraphs,
        site=site_info(metas, all_lines, _title_suffix(page_title)),
        url=page_url,
        continued=_continues(root, page_url, all_lines),
    )


def _continues(root: etree._Element, url: str | None, lines: list[str]) -> bool:
    """Whether the page says its article goes on (only pages printing 页 are looked at)."""
    pager = [line for line in lines if "页" in line and _PAGER_WORDS.search(line)]
    return bool(pager) and multipage.continues(root, url, " ".join(pager))


@lru_cache(maxsize=4096)
def _headline_class(class_: str) -> bool:
    return bool(_HEADLINE_CLASS.search(class_))


def _styled_headlines(blocks: list[html.Block]) -> list[str]:
    """Lines that a CMS marks as a headline by class (title, biaoti…) rather than by tag."""
    found = []
    for block in blocks:
        if block.tag not in _HEADLINE_TAGS and 4 <= len(block.text) <= 120 and block.link_density < 0.3:
            class_ = block.owner.get("class")
            if class_ and _headline_class(class_):
                found.append(block.text)
                if len(found) == 8:
                    break
    return found


def _title_from_layout(blocks, first, stripped, paragraphs):
    """Choose between the <title> and the heading printed just above the body.

    The heading wins when the <title> is only the site's name, or when the heading
    contains it (a <title> cut short by the CMS).
    """
    headline = _headline_above(blocks, first)
    if headline and (not stripped or meta.looks_like_site_name(stripped) or stripped in headline):
        if paragraphs and paragraphs[0] == headline:
            paragraphs = paragraphs[1:]
        return headline, paragraphs
    return stripped or headline, paragraphs


def _headline_above(blocks: list[html.Block], first: int | None) -> str | None:
    if first is None:
        return None
    for i in range(first, max(-1, first - 8), -1):
        block = blocks[i]
        is_heading = block.tag in _HEADLINE_TAGS or _HEADLINE_CLASS.search(block.owner.get("class") or "")
        if is_heading and 4 <= len(block.text) <= 120 and block.link_density < 0.3 and not meta.first_date(block.text):
            return block.text
    return None


def _head(blocks: list[html.Block], title: str | None, first: int | None) -> list[html.Block]:
    """Blocks between the headline and the start of the body: where the date and 来源 are printed."""
    if first is None:
        return []
    start = max(0, first - _HEAD_BEFORE)
    if title:  # the headline may sit further up, above a video player or a lead photo
        for i in range(first - 1, max(-1, first - _TITLE_BEFORE), -1):
            if blocks[i].text == title:
                start = max(0, i - _ABOVE_TITLE)
                break
    return blocks[start : first + _HEAD_AFTER]


def _foot(blocks: list[html.Block], first: int | None, paragraphs: list[str]) -> list[html.Block]:
    """The few blocks right under the body: some pages print 发布日期 there, under the story."""
    if first is None or not paragraphs:
        return []
    last = next((i for i in range(len(blocks) - 1, first - 1, -1) if blocks[i].text == paragraphs[-1]), None)
    return [] if last is None else blocks[last + 1 : last + 1 + _FOOT_AFTER]


def _page_title(root: etree._Element) -> str | None:
    for el in root.iter("title"):
        text = html.text_of(el).strip()
        if text:
            return re.sub(r"\s+", " ", text)
    return None


def _title_suffix(page_title: str | None) -> str | None:
    """The site name a <title> ends with ("…_中国网" -> "中国网")."""
    if not page_title:
        return None
    headline = meta.strip_site_suffix(page_title)
    rest = page_title.strip()[len(headline) :].strip(" _|-—–｜")
    parts = [p for p in re.split(r"\s*[_|｜]\s*|\s+-\s+|--|—", rest) if p]
    return parts[-1] if parts else None


def _embedded_url(text: str) -> str | None:
    """A saved page's own address ("saved from url" comments, crawl-record wrappers, canonical link)."""
    match = _SAVED_URL.search(text[:2000])
    if match:
        return match.group(1) or match.group(2)
    canonical = re.search(r"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)""", text[:20000], re.I)
    return canonical.group(1) if canonical and canonical.group(1).startswith("http") else None
