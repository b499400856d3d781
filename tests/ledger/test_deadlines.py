import datetime as dt

import pytest

from duban.ledger.deadlines import add_workdays, is_urgent, parse_deadline, stated_deadline

D = dt.date
OCT = D(2023, 10, 18)  # a Wednesday
DEC = D(2023, 12, 20)  # a Wednesday: across the year end
SEP = D(2023, 9, 27)  # a Wednesday before 中秋/国庆 2023, with 调休 on Saturday 7 and Sunday 8 October
JAN = D(2024, 1, 5)  # a Friday, five weeks before 春节 2024 (10 February)
FEB = D(2024, 2, 8)  # a Thursday before 春节 2024 (holiday 10–17 February, Sunday 18th worked)
UNKNOWN_YEAR = D(2027, 3, 3)  # a Wednesday in a year chinese-calendar may not know yet

# (phrase as the analyser extracts it, base date, deadline; None = unresolved: the officer sets it)
TABLE = [
    ("年底前", OCT, D(2023, 12, 31)),
    ("今年年底前完成", OCT, D(2023, 12, 31)),
    ("年内", OCT, D(2023, 12, 31)),
    ("年内完成", OCT, D(2023, 12, 31)),
    ("10月底前", OCT, D(2023, 10, 31)),
    ("十二月底前", OCT, D(2023, 12, 31)),
    ("3月底前完成", OCT, D(2024, 3, 31)),  # said in October: next March
    ("2024年6月底前", OCT, D(2024, 6, 30)),
    ("明年6月底前", OCT, D(2024, 6, 30)),
    ("11月15日前", OCT, D(2023, 11, 15)),
    ("2025年6月30日前全面完成", OCT, D(2025, 6, 30)),
    ("12月中旬", OCT, D(2023, 12, 20)),
    ("一季度", OCT, D(2024, 3, 31)),
    ("一季度末", OCT, D(2024, 3, 31)),
    ("第四季度", OCT, D(2023, 12, 31)),
    ("上半年", OCT, D(2024, 6, 30)),
    ("下半年", OCT, D(2023, 12, 31)),
    ("三个月内", OCT, D(2024, 1, 18)),
    ("限期三个月", OCT, D(2024, 1, 18)),
    ("一个月内", OCT, D(2023, 11, 18)),
    ("15天内", OCT, D(2023, 11, 2)),
    ("两周内", OCT, D(2023, 11, 1)),
    ("半年内", OCT, D(2024, 4, 18)),
    ("本月底", OCT, D(2023, 10, 31)),
    ("月底前", OCT, D(2023, 10, 31)),
    ("下月底", OCT, D(2023, 11, 30)),
    ("本周内", OCT, D(2023, 10, 22)),
    ("下周五前", OCT, D(2023, 10, 27)),
    ("三个工作日内", OCT, D(2023, 10, 23)),
    ("3个工作日内", OCT, D(2023, 10, 23)),
    ("5个工作日内办结", OCT, D(2023, 10, 25)),
    ("春节前", OCT, D(2024, 2, 9)),  # the eve of 10 February 2024
    ("年前", OCT, D(2024, 2, 9)),  # 年前: before the lunar New Year
    ("国庆前", OCT, D(2024, 9, 30)),  # this year's has passed
    ("元旦前", OCT, D(2023, 12, 31)),
    ("中秋节前", OCT, D(2024, 9, 16)),
    ("汛期前", OCT, D(2024, 5, 31)),  # DUBAN_FLOOD_SEASON_START 06-01
    ("明年汛期前", OCT, D(2024, 5, 31)),
    ("开学前", OCT, D(2024, 8, 31)),
    ("入冬前到位", OCT, D(2023, 11, 7)),  # 立冬 2023 is 8 November
    ("限期整改", OCT, None),
    ("限期完成", OCT, None),
    ("尽快", OCT, None),
    # across the year end
    ("元旦前", DEC, D(2023, 12, 31)),
    ("1月底前", DEC, D(2024, 1, 31)),
    ("春节前", DEC, D(2024, 2, 9)),
    ("两周内", DEC, D(2024, 1, 3)),
    ("年底前", DEC, D(2023, 12, 31)),
    ("下周五前", DEC, D(2023, 12, 29)),
    ("一季度末", DEC, D(2024, 3, 31)),
    ("本周内", DEC, D(2023, 12, 24)),
    ("10个工作日内", DEC, D(2024, 1, 4)),  # 1 January is a holiday
    # 调休: Saturday 7 and Sunday 8 October 2023 were working days; 29 September to 6 October off
    ("3个工作日内", SEP, D(2023, 10, 8)),
    ("国庆前", SEP, D(2023, 9, 30)),
    ("本周内", SEP, D(2023, 10, 1)),
    ("3个工作日内", FEB, D(2024, 2, 19)),  # 9th, then Sunday 18th (调休), then the 19th
    # 春节前 said in early January is this 春节, not next year's
    ("春节前", JAN, D(2024, 2, 9)),
    ("明年春节前", JAN, D(2025, 1, 28)),
    ("三个工作日内", JAN, D(2024, 1, 10)),
    ("元旦前", JAN, D(2024, 12, 31)),
    ("年内", JAN, D(2024, 12, 31)),
    ("3个工作日内", UNKNOWN_YEAR, D(2027, 3, 8)),
]


@pytest.mark.parametrize(("text", "base", "expected"), TABLE)
def test_parse_deadline(text, base, expected):
    assert parse_deadline(text, base, flood_season=(6, 1)) == expected


def test_the_table_is_long_enough():
    assert len(TABLE) >= 40


@pytest.mark.parametrize(("text", "expected"), [
    ("事不过夜", D(2023, 10, 21)),  # urgent: counted from when the office takes it up
    ("立行立改", D(2023, 10, 21)),
    ("年底前", D(2023, 12, 31)),  # a date: read from the event date
    ("限期整改", None),
    ("汛期后", None),
    ("", None),
    (None, None),
])
def test_stated_deadline(text, expected):
    assert stated_deadline(text, base=OCT, start=D(2023, 10, 20), urgent_days=1) == expected


def test_flood_season_from_settings(settings):
    settings.DUBAN_FLOOD_SEASON_START = "04-01"
    assert parse_deadline("汛期前", OCT) == D(2024, 3, 31)


def test_workdays_are_counted_after_the_base():
    assert add_workdays(D(2023, 10, 20), 1) == D(2023, 10, 23)  # Friday → Monday
    assert add_workdays(D(2023, 10, 20), 0) == D(2023, 10, 20)


def test_urgency():
    assert is_urgent("强化作风建设，“事不过夜”抓落实") and is_urgent("立即整改")
    assert not is_urgent("持续推进") and not is_urgent(None)
