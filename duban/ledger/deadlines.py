"""Deadlines as reports state them ("年底前", "10月底前", "三个月内") turned into dates.

Pure functions, no database: ``parse_deadline(text, base)`` reads a stated time limit
relative to ``base`` (the event date of the report); ``is_urgent(text)`` spots the
"事不过夜"-style demands that get the short default deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

URGENT = re.compile(r"事不过夜|立即|马上|立刻|即刻|立行立改|当天办结|第一时间|刻不容缓")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_NUM = r"[0-9零〇一二两三四五六七八九十]+"


def is_urgent(text: str) -> bool:
    return bool(URGENT.search(text or ""))


def chinese_number(token: str) -> int | None:
    """``"12"``, ``"十二"``, ``"二十五"``, ``"两"`` → int (up to 99, enough for dates)."""
    if token.isdigit():
        return int(token)
    if "十" in token:
        tens, _, ones = token.partition("十")
        value = (_DIGITS.get(tens, 0) if tens else 1) * 10
        return value + (_DIGITS.get(ones, 0) if ones else 0) if all(c in _DIGITS for c in tens + ones) else None
    if len(token) == 1 and token in _DIGITS:
        return _DIGITS[token]
    return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _year(text: str, base: dt.date) -> tuple[int, bool]:
    """The year a deadline names, and whether it was named at all (so no roll-over)."""
    if m := re.search(r"(\d{4})年", text):
        return int(m.group(1)), True
    if "明年" in text:
        return base.year + 1, True
    if "今年" in text or "本年" in text:
        return base.year, True
    return base.year, False


def _roll(day: dt.date, base: dt.date, explicit_year: bool) -> dt.date:
    """"3月底前" said in October means next March."""
    if not explicit_year and day < base:
        return day.replace(year=day.year + 1) if not (day.month == 2 and day.day == 29) \
            else month_end(day.year + 1, 2)
    return day


def _within(text: str, base: dt.date) -> dt.date | None:
    """Durations: "15天内", "两周内", "三个月内", "半年内" ("3月内" is a month, not a duration)."""
    m = re.search(rf"({_NUM}|半)(个工作日|个星期|个月|天|日|周|年)(之)?内", text)
    if not m:
        return None
    unit = m.group(2)
    if m.group(1) == "半":
        return {"年": add_months(base, 6), "个月": base + dt.timedelta(days=15)}.get(unit)
    n = chinese_number(m.group(1))
    if n is None:
        return None
    if unit in ("天", "日"):
        return base + dt.timedelta(days=n)
    if unit == "个工作日":
        return base + dt.timedelta(days=n + 2 * (n // 5))
    if unit in ("周", "个星期"):
        return base + dt.timedelta(weeks=n)
    if unit == "个月":
        return add_months(base, n)
    return add_months(base, 12 * n)


def parse_deadline(text: str | None, base: dt.date) -> dt.date | None:
    """The date a stated deadline means, relative to ``base``; None when it is not a date."""
    if not text:
        return None
    text = unicodedata.normalize("NFKC", text).replace(" ", "")
    if within := _within(text, base):
        return within
    if "春节" in text:  # the festival moves; the end of January is the safe side of it
        return dt.date(base.year + 1, 1, 31)
    year, explicit = _year(text, base)
    if m := re.search(rf"({_NUM})月({_NUM})[日号]", text):
        month, day = chinese_number(m.group(1)), chinese_number(m.group(2))
        if month and day and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            return _roll(dt.date(year, month, day), base, explicit)
    if m := re.search(rf"({_NUM})月(份|底|末|中旬|上旬|下旬|前|内)?", text):
        month = chinese_number(m.group(1))
        if month and 1 <= month <= 12:
            day = {"上旬": 10, "中旬": 20}.get(m.group(2) or "", calendar.monthrange(year, month)[1])
            return _roll(dt.date(year, month, day), base, explicit)
    if m := re.search(r"(第)?([一二三四1-4])季度", text):
        quarter = chinese_number(m.group(2))
        return _roll(month_end(year, 3 * quarter), base, explicit)
    if "上半年" in text:
        return _roll(month_end(year, 6), base, explicit)
    if re.search(r"下半年|年底|年末|年内|年前|今年|明年|\d{4}年", text):
        return month_end(year, 12)
    if "下月" in text or "下个月" in text:
        next_month = add_months(base.replace(day=1), 1)
        return month_end(next_month.year, next_month.month)
    if re.search(r"月底|月末|本月|当月", text):
        return month_end(base.year, base.month)
    if re.search(r"周内|本周|这周", text):
        return base + dt.timedelta(days=6 - base.weekday())
    return None
