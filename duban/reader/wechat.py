"""WeChat 公众号 articles (mp.weixin.qq.com): where the page keeps its title, date and account.

The article sits in ``#js_content``, styled ``visibility:hidden`` until the page's script
lays it out: ``reveal`` shows it before hidden elements are dropped. The headline is ``#activity-name``
(or ``og:title``), the account name ``#js_name`` or the ``nickname`` variable, and the
publication time only exists in script variables: ``ct`` (Unix seconds),
``publish_time`` or ``createTime``. Scripts are read here, before they are stripped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

_CONTENT = etree.XPath('//*[@id="js_content"]')
_UNIX_TIME = re.compile(r"""\bvar\s+ct\s*=\s*["']?(\d{10})\b""")
_DATE_VARS = re.compile(r"""\b(?:publish_time|createTime)\s*=\s*["'](\d{4}-\d{1,2}-\d{1,2})""")
_NICKNAME = re.compile(r"""\bvar\s+nickname\s*=\s*(?:htmlDecode\()?\s*["']([^"'\n]{1,60})["']""")
_BEIJING = dt.timezone(dt.timedelta(hours=8))


@dataclass(slots=True)
class WeChatMeta:
    title: str | None = None
    published: str | None = None
    account: str | None = None


def is_wechat(text: str, root: etree._Element, url: str | None) -> bool:
    """A WeChat article: from mp.weixin.qq.com, or a saved page with a ``#js_content`` element."""
    host = (urlsplit(url).hostname or "") if url else ""
    # the substring test is cheap on every page; the element lookup only runs when it passes
    return host == "mp.weixin.qq.com" or ("js_content" in text and bool(_CONTENT(root)))


def metadata(text: str, root: etree._Element, meta: dict[str, str]) -> WeChatMeta:
    """Title, date and account name of a WeChat article (call before scripts are stripped)."""
    return WeChatMeta(
        title=_element_text(root, "activity-name") or (meta.get("og:title") or "").strip() or None,
        published=_published(text),
        account=_element_text(root, "js_name") or _nickname(text),
    )


def reveal(root: etree._Element) -> None:
    """Show ``#js_content`` as the page's script would, however short the article."""
    for el in _CONTENT(root):
        el.attrib.pop("style", None)


def _published(text: str) -> str | None:
    match = _UNIX_TIME.search(text)
    if match:
        return dt.datetime.fromtimestamp(int(match.group(1)), _BEIJING).date().isoformat()
    match = _DATE_VARS.search(text)
    if match:
        year, month, day = (int(x) for x in match.group(1).split("-"))
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def _nickname(text: str) -> str | None:
    match = _NICKNAME.search(text)
    return match.group(1).strip() or None if match else None


def _element_text(root: etree._Element, id_: str) -> str | None:
    for el in root.iter():
        if el.get("id") == id_:
            value = re.sub(r"\s+", " ", "".join(el.itertext())).strip()
            return value or None
    return None
