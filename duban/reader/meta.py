"""Article metadata: title, publication date, 来源, 责编, 审核, 点击.

Dates follow an order of trust, and only look where a publication date is printed:
a government document's 成文日期; government-site meta tags (``PubDate``,
``publishdate``…); a visible date line between the headline and the body; JSON-LD and
OpenGraph; a labelled 发布日期 line right under the body; the URL. Footers (copyright years), scripts and related-article lists are
never read for dates.
"""

from __future__ import annotations

import json
import re
from datetime import date

from lxml import etree

from duban.reader.html import Block

# Government CMS (政府网站集约化规范) and newsroom meta names, most trusted first.
_META_DATE_KEYS = (
    "pubdate", "publishdate", "publish_date", "publishtime", "pubtime", "firstpublishedtime",
    "dc.date.issued", "dcterms.issued", "dc.date",
)
_OPEN_DATE_KEYS = (
    "article:published_time", "og:release_date", "og:published_time", "og:time", "datepublished",
    "weibo:article:create_at", "publication_date", "sailthru.date",
)
# 2024-05-09, 2024/5/9, 2024.05.09, 2024年5月9日, and 新华网's "2024 05/09"
_DATE = re.compile(r"((?:19|20)\d{2})(?:\s*[-/.年]\s*|\s+(?=\d{1,2}/))(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_DATE_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(\d{2})[-/_]?(\d{2})(?!\d)")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?([01]\d)[-/_]?([0-3]\d)(?!\d)|/((?:19|20)\d{2})/([01]\d)/([0-3]\d)/")
_PUBLISHED_LABEL = re.compile(r"(?:发布|发表)(?:日期|时间)|更新(?:日期|时间)")
_DATE_LABEL = re.compile(r"(?:发布|发表|更新|时间|日期|来源|Date)", re.I)
_HEADINGS = frozenset(("h1", "h2", "h3"))
_PROSE_PUNCT = re.compile(r"[，。；！？]")
_CLOCK = re.compile(r"今天是|今日是|当前时间|现在时间|天气|农历")
_WRITTEN_DATE = re.compile(r"成文日期\s*[:：]?\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})")

_TITLE_SEP = re.compile(r"(\s*(?:_{1,2}|\||｜|--|——|—|–|\s-\s|-(?=[^-\d]{1,16}$))\s*)")
_LATIN_NAME = re.compile(r"[A-Za-z0-9.\- ]+")
_SITE_WORD = re.compile(
    r"(?:网|报|台|站|频道|首页|新闻|资讯|在线|政府|门户|中心|日报|晚报|时报|周刊|客户端|平台|Online|\.com|\.cn|\.net|\.org)$", re.I
)

# a name, or a few separated by 、/spaces ("赵敏、钱进"), never running into the next label
_LABEL_AHEAD = r"(?!责任|编辑|责编|审核|审校|终审|审读|校对|监制|来源|作者|记者|点击|发布)"
_NAME = r"(" + _LABEL_AHEAD + r"[\u4e00-\u9fa5·A-Za-z]{2,12}(?:[、,， \t]+" + _LABEL_AHEAD + r"[\u4e00-\u9fa5·]{2,4}){0,3})"
_SOURCE = re.compile(r"(?:来源|稿源|出处)\s*[:：丨|]\s*([^\s|丨/　]{2,30})")
# the name must be on the label's line: an empty "责编:" is not followed by the next line's text
_EDITOR = re.compile(r"(?:责任编辑|责编)[ \t]*[:：丨|][ \t　]*" + _NAME)
_PLAIN_EDITOR = re.compile(r"编辑[ \t]*[:：丨|][ \t　]*" + _NAME)
_REVIEWER = re.compile(r"(?:审核|审校|终审|审读)[ \t]*[:：丨|][ \t　]*" + _NAME)
_CLICKS = re.compile(r"(?:点击|浏览|阅读|访问)(?:次数|量|数)?\s*[:：]\s*(\d+)")
# where a 来源 value ends when the next field follows without a space ("来源：新华社作者：张三")
_NEXT_LABEL = re.compile(r"(?:作者|编辑|责编|审核|发布|时间|日期|点击|浏览|阅读|字号|字体|记者)|(?:19|20)\d{2}\s*[-/.年]")
_TRAILING_LABEL = re.compile(r"(?:\s|[、,，])*(?:作者|编辑|责编|审核|点击|浏览|时间|日期|字号|发布)$")


def iso(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def first_date(text: str) -> str | None:
    for match in _DATE.finditer(text or ""):
        found = iso(*match.groups())
        if found:
            return found
    return None


def url_date(url: str | None) -> str | None:
    for match in _URL_DATE.finditer(url or ""):
        groups = [g for g in match.groups() if g]
        found = iso(*groups) if len(groups) == 3 else None
        if found and found[:4] >= "1995":
            return found
    return None


def published(meta: dict[str, str], head: list[Block], ld_date: str | None, url: str | None,
              foot: list[Block] = ()) -> str | None:
    """The publication date by order of trust (see the module docstring)."""
    # table cells ("成文日期：" | "2022年01月27日") are separate blocks
    written = _WRITTEN_DATE.search(" ".join(b.text for b in head))
    if written:
        return first_date(written.group(1))
    for key in _META_DATE_KEYS:
        found = first_date(_meta_date_text(meta.get(key)))
        if found:
            return found
    found = visible_date(head)
    if found:
        return found
    if ld_date:
        return ld_date
    for key in _OPEN_DATE_KEYS:
        found = first_date(_meta_date_text(meta.get(key)))
        if found:
            return found
    return _published_line(foot) or url_date(url)


def _published_line(blocks: list[Block]) -> str | None:
    """A 发布日期/发布时间 line printed under the body (labelled: a bare date there may be anything)."""
    for block in blocks:
        if len(block.text) <= 80 and _PUBLISHED_LABEL.search(block.text) and _is_meta_line(block.text):
            found = first_date(block.text)
            if found:
                return found
    return None


def _meta_date_text(value: str | None) -> str:
    """Meta dates come as ISO, '2024-05-20 06:48', or compact '20240520'."""
    if not value:
        return ""
    compact = _DATE_COMPACT.match(value.strip())
    if compact and not _DATE.match(value.strip()):
        return "-".join(compact.groups())
    return value


def visible_date(head: list[Block]) -> str | None:
    """A date printed near the headline: labelled lines first, then a short bare date line.

    Only metadata-like lines count: not headings (a headline may name a date), not prose
    (a lead's "北京时间2024年5月20日，…" is the event's date), not the "今天是…" clock
    many government sites print in their top bar.
    """
    lines = [b for b in head if b.link_density < 0.5 and b.tag not in _HEADINGS and _is_meta_line(b.text)]
    for block in lines:
        if len(block.text) <= 120 and _DATE_LABEL.search(block.text):
            found = first_date(block.text)
            if found:
                return found
    for block in lines:
        if len(block.text) <= 40:
            found = first_date(block.text)
            if found:
                return found
    return None


def _is_meta_line(text: str) -> bool:
    return not _PROSE_PUNCT.search(text) and not _CLOCK.search(text)


def json_ld_date(root: etree._Element) -> str | None:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                found = first_date(str(item.get("datePublished") or item.get("dateCreated") or ""))
                if found:
                    return found
    return None


def strip_site_suffix(title: str) -> str:
    """"标题_中国网" / "标题 - 新华网" / "标题--人民网" -> "标题" (the headline part of a <title>).

    Trailing parts are dropped while they look like a site or channel name, or are short
    keyword tags after "_" or "|"; a "——" subtitle is kept unless it names a site.
    """
    pieces = _TITLE_SEP.split(title.strip())  # text, separator, text, separator, text
    while len(pieces) >= 3:
        last, separator = pieces[-1].strip(), pieces[-2].strip()
        site_like = bool(_SITE_WORD.search(last) or _LATIN_NAME.fullmatch(last))
        short_tag = len(last) <= 8 and separator not in ("——", "—")
        if last and not (site_like or short_tag):
            break
        pieces = pieces[:-2]
    return "".join(pieces).strip() or title.strip()


def looks_like_site_name(text: str) -> bool:
    return (bool(_SITE_WORD.search(text)) and len(text) <= 20) or bool(_LATIN_NAME.fullmatch(text))


def title(meta: dict[str, str], page_title: str | None, headings: list[str]) -> str | None:
    """The headline when the page states it plainly: a heading the <title> agrees with, else the
    CMS ``ArticleTitle`` or ``og:title``. None when only the <title> itself is left (the caller
    then weighs it against the heading printed above the body)."""
    stripped = strip_site_suffix(_clean(page_title)) if page_title else None
    for heading in headings:
        if stripped and len(heading) >= 4 and (heading == stripped or stripped.startswith(heading) or heading.startswith(stripped)):
            return heading
    for key in ("articletitle", "og:title", "twitter:title"):
        value = _clean(re.sub(r"<[^>]*>", "", meta.get(key) or ""))
        if value and len(value) >= 4 and not looks_like_site_name(value):
            return strip_site_suffix(value)
    return None


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def source(meta: dict[str, str], lines: list[str]) -> str | None:
    """来源 as printed near the headline, else the CMS ``ContentSource`` meta tag."""
    for line in filter(_is_meta_line, lines):  # not "…资金来源：中央预算内投资，…" in a lead
        match = _SOURCE.search(line)
        if match:
            value = _NEXT_LABEL.split(match.group(1), maxsplit=1)[0].strip("　 ：:【】[]()（）")
            if value:
                return value
    value = (meta.get("contentsource") or meta.get("source") or "").strip()
    return value or None


def editor(lines: list[str]) -> str | None:
    """责任编辑/责编 when printed, else a plain 编辑 credit."""
    return _person(_EDITOR, lines) or _person(_PLAIN_EDITOR, lines)


def reviewer(lines: list[str]) -> str | None:
    return _person(_REVIEWER, lines)


def _person(pattern: re.Pattern, lines: list[str]) -> str | None:
    # one search over the joined lines is much faster than one per line
    for match in pattern.finditer("\n".join(lines)):
        value = _TRAILING_LABEL.sub("", match.group(1)).strip(" 、,，")
        if value:
            return value
    return None


def clicks(lines: list[str]) -> int | None:
    for line in filter(_is_meta_line, lines):
        match = _CLICKS.search(line)
        if match:
            return int(match.group(1))
    return None
