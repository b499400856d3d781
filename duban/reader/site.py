"""The publishing site as its pages print it: name, 政府网站标识码, ICP record.

These live in the footer (or meta tags) and go to ``Article.site``, never the body.
"""

from __future__ import annotations

import re

from duban.reader.article import Site
from duban.reader.meta import looks_like_site_name

_CODE = re.compile(r"网站标识码\s*[:：]?\s*([0-9A-Za-z]{10})(?![0-9A-Za-z])")
# ICP records start with the province's one-character abbreviation
_ICP = re.compile(
    r"([京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新港澳]\s*ICP\s*[备证]\s*[:：]?\s*\d+\s*号(?:\s*-\s*\d+)?)",
    re.I,
)
# "主 办:召陵区人民政府办公室", "版权所有：某某县人民政府": the site's owner stands in for its name
_HOST_NAME = re.compile(r"(?:^|\s)(?:主\s?办(?:单位)?|版权所有)[ \t]*[:：][ \t]*([^\s，,。|]{2,40})")


# Literal anchors: the regexes only run near them (scanning a whole page per regex is slow).
_ANCHORS = {_CODE: ("标识码",), _ICP: ("ICP",), _HOST_NAME: ("办", "版权所有")}


def site_info(meta: dict[str, str], lines: list[str], title_suffix: str | None = None) -> Site:
    code = (meta.get("siteidcode") or "").strip() or _search(_CODE, lines)
    icp = _search(_ICP, lines)
    name = (meta.get("sitename") or meta.get("og:site_name") or meta.get("application-name") or "").strip()
    if not name and title_suffix and looks_like_site_name(title_suffix):
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
