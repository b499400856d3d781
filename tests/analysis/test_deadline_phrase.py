"""The time limit a demand states, kept as written (``duban.analysis.deadline.find_deadline``)."""

import pytest

from duban.analysis.deadline import find_deadline


@pytest.mark.parametrize(("text", "phrase"), [
    ("天桥街道牵头，区民政局配合，月底前完成服务站建设", "月底前完成"),  # this month, no number
    ("本月底前建成投用", "本月底前建成"),
    ("下月底前完成整改", "下月底前完成"),
    ("本月内完成摸排", "本月内完成"),
    ("要在十月底前完成", "十月底前完成"),  # the month in Chinese numerals is kept whole
    ("10月底前完成", "10月底前完成"),
    ("年底前全面完成", "年底前全面完成"),
    ("限期三个月整改到位", "限期三个月整改到位"),
    ("春节前完成", "春节前完成"),
    ("立行立改", "立行立改"),
])
def test_the_stated_limit_is_found_whole(text, phrase):
    assert find_deadline(text) == phrase


@pytest.mark.parametrize("text", ["要加强底线思维", "彻底整改", "做到心中有底"])
def test_words_that_are_not_limits_give_none(text):
    assert find_deadline(text) is None
