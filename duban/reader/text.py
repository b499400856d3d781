"""Pasted plain text in the shape of a news page copied by hand (the seed report's form).

    标题                                   <- first line
    日期: 2023-10-20 来源:漯河日报 点击:    <- an optional metadata line
    　　paragraph …                        <- one paragraph per line
    【责编:】 【审核:焦艳艳】               <- the footer starts at the first footer line
    Copyright © … 政府网站标识码 … ICP备 …
"""

from __future__ import annotations

import re

from duban.reader import meta
from duban.reader.article import Article
from duban.reader.normalize import split_lines
from duban.reader.site import site_info

_META_LINE = re.compile(r"(?:日期|时间|来源|点击|浏览|作者|发布)\s*[:：]")
_FOOTER = re.compile(
    r"^[【\[]?\s*(?:责编|责任编辑|编辑|审核|终审|主办|承办)\s*[:：]|【\s*(?:责编|审核|打印|关闭)|Copyright|©|版权所有|"
    r"ICP\s*[备证]|公网安备|网站标识码|网站地图|建议使用|联系电话|电子信箱|^(?:上一篇|下一篇)",
    re.I,
)
_SENTENCE_END = re.compile(r"[。！？!?]$")


def read_text(text: str, url: str | None = None) -> Article:
    lines = split_lines(text)
    article = Article(url=url)
    if not lines:
        return article
    start = 0
    if _looks_like_title(lines[0]):
        article.title = lines[0]
        start = 1
    head = []
    for line in lines[start : start + 3]:
        if len(line) <= 120 and (_META_LINE.search(line) or meta.first_date(line) == line.strip()):
            head.append(line)
        else:
            break
    start += len(head)
    end = next((i for i in range(start, len(lines)) if _FOOTER.search(lines[i])), len(lines))
    footer = lines[end:]
    article.body = lines[start:end]
    article.published = next(filter(None, map(meta.first_date, head)), None) or meta.url_date(url)
    article.source = meta.source({}, head)
    article.clicks = meta.clicks(head)
    article.editor = meta.editor(footer) or meta.editor(head)
    article.reviewer = meta.reviewer(footer) or meta.reviewer(head)
    article.site = site_info({}, footer)
    return article


def _looks_like_title(line: str) -> bool:
    """A headline is short and is not a finished sentence."""
    return len(line) <= 100 and not _SENTENCE_END.search(line)
