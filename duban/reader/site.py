"""The publishing site as its pages print it: name, 政府网站标识码, ICP record.

These live in the footer (or meta tags) and go to ``Article.site``, never the body.
"""

from __future__ import annotations

import re

from duban.reader.article import Site

_CODE = re.compile(r"网站标识码\s*[:：]?\s*([0-9A-Za-z]{10})(?![0-9A-Za-z])")
_ICP = re.compile(r"([\u4e00-\u9fa5]{1,2}\s*ICP\s*[备证]\s*[:：]?\s*\d+\s*号(?:\s*-\s*\d+)?)", re.I)
# "主 办:召陵区人民政府办公室", "版权所有：某某县人民政府": the site's owner stands in for its name
_HOST_NAME = re.compile(r"(?:^|\s)(?:主\s?办(?:单位)?|版权所有)[ \t]*[:：][ \t]*([^\s，,。|]{2,40})")


# Literal anchors: the regexes only run near them (scanning a whole page per regex is slow).
_ANCHORS = {_CODE: ("标识码",), _ICP: ("ICP",), _HOST_NAME: ("办", "版权所有")}


def site_info(meta: dict[str, str], lines: list[str], title_suffix: str | None = None) -> Site:
    code = (meta.get("siteidcode") or "").strip() or _search(_CODE, lines)
    icp = _search(_ICP, lines)
    name = (meta.get("sitename") or meta.get("og:site_name") or meta.get("application-name") or "").strip()
    if not name and title_suffix:
        name = title_suffix
    if not name:
        name = _search(_HOST_NAME, lines) or ""
    return Site(name=name or None, code=code or None, icp=re.sub(r"\s+", "", icp) if icp else None)


def _search(pattern: re.Pattern, lines: list[str]) -> str | None:
    text = "\n".join(lines)
    for anchor in _ANCHORS[pattern]:
        at = text.find(anchor)
        while at >= 0:
            match = pattern.search(text[max(0, at - 40) : at + 80])
            if match:
                return match.group(1)
            at = text.find(anchor, at + 1)
    return None
