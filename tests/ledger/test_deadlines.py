import datetime as dt

import pytest

from duban.ledger.deadlines import chinese_number, is_urgent, parse_deadline

EVENT = dt.date(2023, 10, 18)


@pytest.mark.parametrize(("text", "expected"), [
    ("年底前", dt.date(2023, 12, 31)),
    ("今年年底前完成", dt.date(2023, 12, 31)),
    ("10月底前", dt.date(2023, 10, 31)),
    ("十二月底前", dt.date(2023, 12, 31)),
    ("3月底前完成", dt.date(2024, 3, 31)),  # said in October: next March
    ("2024年6月底前", dt.date(2024, 6, 30)),
    ("明年6月底前", dt.date(2024, 6, 30)),
    ("11月15日前", dt.date(2023, 11, 15)),
    ("2025年6月30日前全面完成", dt.date(2025, 6, 30)),
    ("5个工作日内办结", dt.date(2023, 10, 25)),
    ("限期整改", None),
    ("12月中旬", dt.date(2023, 12, 20)),
    ("一季度", dt.date(2024, 3, 31)),
    ("第四季度", dt.date(2023, 12, 31)),
    ("上半年", dt.date(2024, 6, 30)),
    ("三个月内", dt.date(2024, 1, 18)),
    ("15天内", dt.date(2023, 11, 2)),
    ("两周内", dt.date(2023, 11, 1)),
    ("半年内", dt.date(2024, 4, 18)),
    ("本月底", dt.date(2023, 10, 31)),
    ("下月底", dt.date(2023, 11, 30)),
    ("春节前", dt.date(2024, 1, 31)),
    ("尽快", None),
    ("", None),
    (None, None),
])
def test_parse_deadline(text, expected):
    assert parse_deadline(text, EVENT) == expected


def test_numbers_and_urgency():
    assert [chinese_number(t) for t in ("12", "十", "十二", "二十", "二十五", "两", "廿")] == [12, 10, 12, 20, 25, 2, None]
    assert is_urgent("强化作风建设，“事不过夜”抓落实") and is_urgent("立即整改")
    assert not is_urgent("持续推进") and not is_urgent(None)
