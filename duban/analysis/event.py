"""The event an article reports: date, kind, place, leaders, attendees."""

from __future__ import annotations

import re
from datetime import date

from duban.analysis.names import TITLE_ENDINGS, list_names, titled_names
from duban.analysis.schema import Event, Leader
from duban.analysis.vocabulary import EVENT_KINDS, TOUR_VERBS, alt

# In order of preference when a headline names several (看望慰问…检查指导 -> 检查指导).
KINDS = EVENT_KINDS
VAGUE_DATES = re.compile(r"近日|日前|前不久|近期|最近")
_FULL_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_DAY_ONLY = re.compile(rf"(?<![\d月年])(\d{{1,2}})日(?:上午|下午|晚|早|至|到|—|-|，|在|,|来到|前往|赴|{alt(TOUR_VERBS)})")
# "在X考察时" / "到X调研" / "视察X时": X is the place of the event.
_PLACE = re.compile(rf"(?:在|到|赴)([^，。、在到赴时]{{2,16}}?)(?:{alt(KINDS)})")
_PLACE_OBJ = re.compile(r"(?:视察|考察|来到)([^，。、时]{2,16}?)(?:时|，|。|$)")
_ATTEND = re.compile(r"([^。；]*?)(?:等)?(?:陪同|参加|一同)(?:下)?")


_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def normalise_dates(text: str) -> str:
    """The ways dates are written, as M月D日: 2017年元月10日, 2015 年2 月12 日, 3月11号, ３月。"""
    text = text.translate(_FULL_WIDTH).replace("元月", "1月")
    text = re.sub(r"(?<=\d)[ \u3000\xa0]+(?=[年月日号])|(?<=[年月])[ \u3000\xa0]+(?=\d)", "", text)
    return re.sub(r"(?<=月)(\d{1,2})号", r"\1日", text)


def resolve_date(text: str, published: str | None) -> str | None:
    """The first activity date in ``text``, with year and month taken from ``published``."""
    text = normalise_dates(text)
    pub = _parse_iso(published)
    m = _FULL_DATE.search(text)
    d = _DAY_ONLY.search(text)
    if d and m and d.start() < m.start() and not VAGUE_DATES.search(text[:d.start()]):
        m = None  # a bare day ("8日视察") comes first
    if m:
        year = int(m.group(1)) if m.group(1) else (pub.year if pub else None)
        month, day = int(m.group(2)), int(m.group(3))
        if year is None:
            return None
        if not m.group(1) and pub and (month, day) > (pub.month, pub.day):
            year -= 1  # "12月30日" in a page of January
        return _iso(year, month, day)
    if d and pub:
        day = int(d.group(1))
        year, month = pub.year, pub.month
        if day > pub.day:  # the previous month
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return _iso(year, month, day)
    return None


def _parse_iso(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _iso(y, m, d):
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_kind(*texts: str) -> str | None:
    for text in texts:
        hits = [k for k in KINDS if k in text]
        if hits:
            kind = hits[0]
            return {"看望慰问": "慰问", "检查": "检查指导"}.get(kind, kind)
    return None


# 视察乡村振兴工作, 到各村走访, 到重点企业调研: a field of work or a description, not a place
_NO_PLACE = re.compile(r"(?:工作|情况|进展|建设)$|^(?:各|全|重点|部分|有关|相关|一些|多家|基层|一线)")


def find_place(*texts: str) -> str | None:
    for text in texts:
        for pattern in (_PLACE, _PLACE_OBJ):
            m = pattern.search(text or "")
            if m:
                place = re.sub(r"(?:看望|慰问|检查|指导|出席|主持|宣讲|开展|进行).*$", "", m.group(1))
                place = re.sub(r"^\d+日|^近日|^日前|^先后", "", place)
                if len(place) >= 2 and not _NO_PLACE.search(place):
                    return place
    return None


# 新华社北京4月10日电（记者…） or without the parenthesis: the dispatch, not the event.
_DATELINE = re.compile(r"^[^，。]{0,16}?\d{1,2}月\d{1,2}日电(?:[（(][^）)]*[）)])?\s*")


def find_leaders(title: str, opening: str) -> list[Leader]:
    """The leader named first with a title in the opening (or the headline), and any
    leader coordinated with them (甲和乙到…调研); those 陪同/参加 are attendees."""
    for text in (_DATELINE.sub("", opening), title):
        found: list[Leader] = []
        last_end = None
        for name, ttl, pos in titled_names(text):
            if re.search(r"在[^，。]*$", text[:pos]) and re.match(r"[^，。]*陪同", text[pos:]):
                continue  # 在省委书记易炼红和省长王浩陪同下
            if found and not re.fullmatch(r"[、和与及，,]", text[last_end:pos - len(ttl)]):
                break
            if name not in [x.name for x in found]:
                found.append(Leader(name=name, title=ttl))
            last_end = pos + len(name)
        if found:
            return found
    return []


def find_attendees(sentences: list[str], leaders: list[str]) -> list[str]:
    out = []
    for sentence in sentences:
        if not re.search(r"陪同|参加", sentence):
            continue
        for m in _ATTEND.finditer(sentence):
            chunk = m.group(1)
            chunk = re.sub(r"^.*?(?:在|由)(?=[^在由]*$)", "", chunk)
            # titled names first: a list split at 和 would cut 胡和平 in two
            candidates = [n for n, _, _ in titled_names(chunk)] + list_names(chunk)
            names = sorted(dict.fromkeys(n for n in candidates if n in chunk), key=chunk.find)
            names = [n for n in names if not any(n != o and n in o for o in names)]
            for name in names:
                if name not in out and name not in leaders:
                    out.append(name)
    return out


def _first_division(text: str) -> str | None:
    from duban.analysis.places import find_divisions

    found = find_divisions(text)
    return found[0][0] if found else None


def _as_written(place: str | None, opening: str) -> str | None:
    """A headline's 宜春抚州 is the opening's 宜春、抚州: keep the body's spelling."""
    if not place or len(place) < 4 or "、" in place:
        return place
    pattern = "、?".join(map(re.escape, place))
    m = re.search(pattern, opening)
    return m.group() if m and "、" in m.group() else place


# The body a title belongs to, after its place: 西岭市|委书记, 高新区|党工委书记, 江北区|委书记
_TITLE_BODY = re.compile(r"^([\u4e00-\u9fff]{2,8}?[省市县区州旗盟镇乡])(?=委|党委|党工委|工委|政府|人民政府|人大|政协|管委会)")


def jurisdiction_of(title: str | None) -> str | None:
    """The leader's own jurisdiction from their title (西岭市委书记 -> 西岭市, 高新区党工委书记 ->
    高新区, 江北区委书记 -> 江北区), not 中共中央…/国务院…; None when the title names none."""
    for piece in reversed((title or "").split("、")):
        m = _TITLE_BODY.match(piece)
        if m and not re.match(r"^(?:中共|中央|国务院|全国)", m.group(1)):
            return m.group(1)
    return None


# 石桥镇召开…调度会 / 东关街道党工委召开…: the place whose body convenes the meeting
_CONVENING = re.compile(r"^(?:[^，。]{0,16}[，,])?([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道|区|县|市|州|省))"
                        r"(?:委|党委|党工委|政府|人民政府|办事处)?(?:召开|举行)")


def _convening_place(opening: str) -> str | None:
    m = _CONVENING.match(opening)
    return m.group(1) if m else None


def _own_level_division(title: str | None, body: list[str]) -> str | None:
    """区委副书记、区长 and no place in the opening: the first 区 the body names (民营企业是青山区…)."""
    level = re.search(r"([省市县区])(?:委|长|政府)", title or "")
    if not level:
        return None
    from duban.analysis.places import find_divisions

    return next((name for name, _, _ in find_divisions("\n".join(body)) if name.endswith(level.group(1))), None)


def build_event(article, sentences) -> Event:
    body = article.body
    opening = " ".join(body[:2])
    head = " ".join(body[:3])
    event = Event()
    first = body[0] if body else ""
    first = _DATELINE.sub("", first)
    vague_first = VAGUE_DATES.search(first[:80])
    event.date = resolve_date(head if vague_first else first, article.published)
    if event.date is None and not vague_first:
        event.date = resolve_date(head, article.published)
    event.kind = find_kind(article.title or "", first)
    event.place = _as_written(find_place(article.title or "", first), first) or _first_division(first) \
        or _convening_place(first)
    event.leaders = find_leaders(article.title or "", opening)
    if event.place is None and event.leaders:
        event.place = jurisdiction_of(event.leaders[0].title)
    if event.place is None and event.leaders:
        event.place = _own_level_division(event.leaders[0].title, body)
    names = [x.name for x in event.leaders]
    tail = [s.text for s in sentences if "陪同" in s.text or "参加" in s.text]
    event.attendees = find_attendees(tail, names)
    return event


__all__ = ["build_event", "resolve_date", "TITLE_ENDINGS"]
