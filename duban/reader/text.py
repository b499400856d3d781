"""Pasted plain text in the shape of a news page copied by hand (the seed report's form).

    标题                                   <- first line (after any breadcrumb line)
    日期: 2023-10-20 来源:漯河日报 点击:    <- optional metadata lines
    　　paragraph …                        <- one paragraph per line, or per blank-line block
    【责编:】 【审核:焦艳艳】               <- the footer starts at the first footer line
    Copyright © … 政府网站标识码 … ICP备 …

Hard-wrapped paragraphs (blank lines between paragraphs, line breaks inside them) are
joined back into one paragraph each.
"""

from __future__ import annotations

import re

from duban.reader import meta
from duban.reader.article import Article
from duban.reader.normalize import clean_line
from duban.reader.site import site_info

_META_LINE = re.compile(r"(?:日期|时间|来源|点击|浏览|作者|发布)\s*[:：]")
_FOOTER = re.compile(
    r"^[【\[（(]?\s*(?:责编|责任编辑|编辑|审核|终审|主办|承办)\s*[:：]|【\s*(?:责编|审核|打印|关闭)|Copyright|©|版权所有|"
    r"ICP\s*[备证]|公网安备|网站标识码|网站地图|建议使用|联系电话|电子信箱|^(?:上一篇|下一篇)",
    re.I,
)
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|首页)\s*[:：>»]|^\S{1,10}(?:\s*[>»]\s*\S{1,12}){1,6}$")
_SENTENCE_END = re.compile(r"[。！？!?…”」』）)]$")
_CJK_EDGE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def read_text(text: str, url: str | None = None) -> Article:
    groups = _paragraph_groups(text)
    lines = [line for group in groups for line in group]
    article = Article(url=url)
    if not lines:
        return article
    start = 0
    while start < len(lines) - 1 and _BREADCRUMB.search(lines[start]):
        start += 1
    if _looks_like_title(lines[start]):
        article.title = lines[start]
        start += 1
    head = []
    for line in lines[start : start + 3]:
        if len(line) <= 120 and (_META_LINE.search(line) or meta.first_date(line) == line.strip()):
            head.append(line)
        else:
            break
    start += len(head)
    end = next((i for i in range(start, len(lines)) if _FOOTER.search(lines[i])), len(lines))
    footer = lines[end:]
    article.body = _rejoin(groups, start, end)
    article.published = next(filter(None, map(meta.first_date, head)), None) or meta.url_date(url)
    article.source = meta.source({}, head)
    article.clicks = meta.clicks(head)
    article.editor = meta.editor(footer) or meta.editor(head)
    article.reviewer = meta.reviewer(footer) or meta.reviewer(head)
    article.site = site_info({}, footer)
    return article


def _paragraph_groups(text: str) -> list[list[str]]:
    """Cleaned lines, grouped by blank lines."""
    groups: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = clean_line(raw)
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _rejoin(groups: list[list[str]], start: int, end: int) -> list[str]:
    """Body lines [start, end) as paragraphs: one per line, except hard-wrapped ones joined.

    A line is a hard wrap when the text separates paragraphs by blank lines and the line
    stops mid-sentence inside such a block.
    """
    blank_separated = len(groups) >= 3
    paragraphs: list[str] = []
    index = 0
    for group in groups:
        joined_previous = False
        for line in group:
            if start <= index < end:
                if joined_previous and blank_separated:
                    paragraphs[-1] = _join(paragraphs[-1], line)
                else:
                    paragraphs.append(line)
                joined_previous = not _SENTENCE_END.search(line)
            index += 1
    return paragraphs


def _join(left: str, right: str) -> str:
    if _CJK_EDGE.match(left[-1]) or _CJK_EDGE.match(right[0]):
        return left + right
    return f"{left} {right}"


def _looks_like_title(line: str) -> bool:
    """A headline is short and has no full stop (it may end in "！" or a quote)."""
    return len(line) <= 100 and "。" not in line
