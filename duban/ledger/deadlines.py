"""Deadlines as reports state them ("年底前", "3个工作日内", "国庆前") turned into dates.

No database. ``parse_deadline(text, base)`` reads a stated time limit relative to ``base``
(the event date of the report) and returns ``None`` when it cannot: the caller shows such a
phrase to the officer as unresolved instead of quietly putting a default in its place.

The calendar work is done by kept libraries: jionlp's time parser reads the Chinese time
expression (dates, months, quarters, weeks, festivals, spans), and chinese-calendar knows
the State Council's holidays and 调休 working days for counting 工作日. In front of jionlp
stands a small rule layer, one rule per way it reads this genre's phrases differently from
how an officer reads them (each rule says which):

- spans ("两周内", "一个月内", "限期三个月"): jionlp reads "N个月内" as running to the end of
  the month and "两周内" as this week; we take its duration and add it to the base date;
- 工作日: counted with chinese-calendar (holidays and 调休 Saturdays/Sundays);
- "<holiday>前" (春节前, 国庆前): jionlp ends these on the holiday itself; work stops the day before;
- seasons jionlp does not know: 汛期前 (also 主汛期前, 汛前) from the configured flood-season
  start, 开学前 from 1 September, 供暖季前 from 15 November;
- shorthand jionlp refuses (年内, 月底前, 年前 = 春节前, 入冬前 = 立冬前) is rewritten into words it reads;
- a date before the base that names no year ("元旦前" said in March) is next year's.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import io
import re
import threading
import unicodedata

URGENT = re.compile(r"事不过夜|立即|马上|立刻|即刻|立行立改|当天办结|第一时间|刻不容缓")

# What follows the limit in a report ("年底前全面完成", "限期3个月整改到位") says nothing about when.
_DONE = re.compile(r"(?:全面|基本|全部)?(?:完成|建成|投用|投产|到位|落实|完工|办结|整改到位|整改)$")
_NAMES_YEAR = re.compile(r"\d{4}年|今年|明年|本年|后年")
_WORKDAYS = re.compile(r"^(?:限期)?(.+?个?工作日)(?:之)?内?$")
_SPAN = re.compile(r"^(?:限期)?([0-9零〇一二两三四五六七八九十半]+(?:个)?(?:半)?(?:天|日|周|星期|月|年))(?:之)?内?$")
_HOLIDAYS = "春节|元旦|国庆|五一|劳动节|端午|中秋|清明|元宵|七一|八一|立冬"
_BEFORE = re.compile(rf"^(今年|明年)?({_HOLIDAYS}|汛期|主汛期|汛|开学|供暖季)节?前$")
# Seasons jionlp has no date for: (month, day) they start, the flood season from settings.
_SEASONS = {"开学": (9, 1), "供暖季": (11, 15)}
_FLOOD = ("汛期", "主汛期", "汛")
# Shorthand jionlp refuses, rewritten into words it reads.
_REWRITES = [
    (re.compile(r"^(今年|明年)?年内$"), r"\1年底前"),
    (re.compile(r"^(本月|当月)?(?:月底|月末|月内)前?$"), "本月底前"),
    (re.compile(r"^(本月|当月)(?:底|末|内)前?$"), "本月底前"),
    (re.compile(r"^(下个?月)(?:底|末|内)?前?$"), "下月底前"),
    (re.compile(r"^(今年|明年)?年(?:末|底)$"), r"\1年底前"),
    (re.compile(r"^(明年)?年前$"), r"\1春节前"),  # 年前 is before the (lunar) New Year
    (re.compile(r"^(本周|这周|周)内?$"), "本周内"),
    (re.compile(r"^(.*季度)(?:末|底)?前?$"), r"\1"),
    (re.compile(r"^(今年|明年)?入冬前$"), r"\1立冬前"),  # winter starts at the solar term 立冬
]


def is_urgent(text: str | None) -> bool:
    return bool(URGENT.search(text or ""))


def stated_deadline(text: str | None, *, base: dt.date, start: dt.date, urgent_days: int) -> dt.date | None:
    """The deadline a report's phrase states: the date it names, read from ``base``; for
    事不过夜-style demands ``urgent_days`` from ``start`` (when the office takes it up);
    None when the phrase names no date the officer can be spared from setting (限期整改, 汛期后…)."""
    if day := parse_deadline(text, base):
        return day
    if is_urgent(text):
        return start + dt.timedelta(days=urgent_days)
    return None


def parse_deadline(text: str | None, base: dt.date, *, flood_season: tuple[int, int] | None = None) -> dt.date | None:
    """The date a stated deadline means, relative to ``base``; None when it is not a date.

    ``flood_season`` is the (month, day) the flood season starts (default: the setting
    ``DUBAN_FLOOD_SEASON_START``).
    """
    phrase = _clean(text)
    if not phrase:
        return None
    for pattern, replacement in _REWRITES:
        phrase = pattern.sub(replacement, phrase)
    if m := _WORKDAYS.match(phrase):
        count = _delta(m.group(1)).get("workday")
        return add_workdays(base, int(count)) if count else None
    if (m := _SPAN.match(phrase)) and (day := _after(base, _delta(m.group(1)))):
        return day  # "3月内" is no span: jionlp reads it as March, below
    if m := _BEFORE.match(phrase):
        return _before(m.group(1) or "", m.group(2), base, flood_season or _flood_season())
    day = _end_of(phrase, base)
    if day is not None and day < base and not _NAMES_YEAR.search(phrase):
        day = _end_of("明年" + phrase, base)
    return day


def _clean(text: str | None) -> str:
    phrase = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    return _DONE.sub("", phrase) or phrase


def _before(year_word: str, event: str, base: dt.date, flood_season: tuple[int, int]) -> dt.date | None:
    """The day before a holiday or season starts; next year's if this year's has passed."""
    years = [year_word] if year_word else ["", "明年"]
    for word in years:
        if event in _FLOOD or event in _SEASONS:
            month, day = flood_season if event in _FLOOD else _SEASONS[event]
            starts = dt.date(base.year + (word == "明年"), month, day)
        else:
            starts = _start_of(word + event, base)
        if starts is not None and (year_word or starts - dt.timedelta(days=1) >= base):
            return starts - dt.timedelta(days=1)
    return None


def _after(base: dt.date, delta: dict) -> dt.date | None:
    """``base`` plus a jionlp duration ({"month": 1.5}, {"day": 14}), calendar-wise."""
    if not delta or set(delta) - {"year", "month", "day"}:
        return None
    months = 12 * delta.get("year", 0) + delta.get("month", 0)
    whole = int(months)
    days = delta.get("day", 0) + round((months - whole) * 30)
    return add_months(base, whole) + dt.timedelta(days=int(days))


def add_months(day: dt.date, months: int) -> dt.date:
    """一个月内 from 31 January is the end of February."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_workday(day: dt.date) -> bool:
    """A working day by the State Council's calendar (调休 Saturdays included); Monday to
    Friday for years chinese-calendar has no data for yet (the calendar is published each
    November for the next year)."""
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_workdays(base: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``base`` (base itself not counted)."""
    day = base
    while count > 0:
        day += dt.timedelta(days=1)
        count -= is_workday(day)
    return day


def _flood_season() -> tuple[int, int]:
    from django.conf import settings

    month, day = settings.DUBAN_FLOOD_SEASON_START.split("-")
    return int(month), int(day)


# --- jionlp ----------------------------------------------------------------------------------

_jionlp_lock = threading.Lock()
_jionlp = None


def _parse_time(phrase: str, base: dt.date) -> dict | None:
    """jionlp's reading of ``phrase`` said on ``base``, or None where it has none.

    jionlp is imported on first use (it prints a banner and unpacks its lexicons then) and
    its parser keeps the base date on itself, so calls take turns.
    """
    global _jionlp
    with _jionlp_lock:
        if _jionlp is None:
            with contextlib.redirect_stdout(io.StringIO()):
                import jionlp
            _jionlp = jionlp
        try:
            return _jionlp.parse_time(phrase, time_base={"year": base.year, "month": base.month, "day": base.day})
        except Exception:  # noqa: BLE001 — ValueError for what it cannot read, now and then another
            return None  # error on odd input: either way the phrase is unread, never a failed import


def _delta(phrase: str) -> dict:
    """A duration as jionlp reads it: "两周" → {"day": 14.0}, "三个工作日" → {"workday": 3.0}."""
    parsed = _parse_time(phrase, dt.date(2000, 1, 1))
    if not parsed or parsed.get("type") != "time_delta" or not isinstance(parsed.get("time"), dict):
        return {}
    return parsed["time"]


def _bounds(phrase: str, base: dt.date) -> tuple[dt.date | None, dt.date | None]:
    parsed = _parse_time(phrase, base)
    if not parsed or parsed.get("type") not in ("time_point", "time_span"):
        return None, None
    return tuple(_date(value) for value in parsed["time"][:2])


def _start_of(phrase: str, base: dt.date) -> dt.date | None:
    return _bounds(phrase, base)[0]


def _end_of(phrase: str, base: dt.date) -> dt.date | None:
    return _bounds(phrase, base)[1]


def _date(value) -> dt.date | None:
    """jionlp's "2024-02-10 23:59:59" as a date; "inf"/"-inf" (an open end) as None."""
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
