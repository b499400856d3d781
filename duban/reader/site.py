"""The publishing site as its pages print it: name, 政府网站标识码, ICP record.

These live in the footer (or meta tags) and go to ``Article.site``, never the body.
"""

from __future__ import annotations

import re

from duban.reader.article import Site

_CODE = re.compile(r"网站标识码\s*[:：]?\s*([0-9A-Za-z]{10})(?![0-9A-Za-z])")
_ICP = re.compile(r"([\u4e00-\u9fa5]{1,2}\s*ICP\s*[备证]\s*[:：]?\s*\d+\s*号(?:\s*-\s*\d+)?)", re.I)
_HOST_NAME = re.compile(r"^(?:主办|主办单位)\s*[:：]\s*(\S{2,40})")


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
    for line in lines:
        match = pattern.search(line)
        if match:
            return match.group(1)
    return None
