"""Directives are found even when the activity word is one the analyser does not know."""

from duban.analysis import analyze
from duban.reader import read

REPORT = """市长张伟蹲点督办重点项目

发布时间：2025-03-08  来源：某市日报

3月6日至7日，市长张伟在高新区蹲点督办重点项目建设。

在华达新材料产业园项目工地，张伟仔细询问工程进度。张伟强调，要倒排工期、挂图作战，确保6月底前主体完工；要强化安全生产，严防各类事故发生。
"""

DATA_ARTICLE = """市统计局发布前三季度经济数据

发布时间：2025-10-20  来源：某市日报

前三季度，全市地区生产总值同比增长5.2%。市统计局局长李华介绍，工业生产稳中有进，消费市场持续恢复。
"""


def test_unknown_activity_word_still_yields_the_leaders_demands():
    analysis = analyze(read(REPORT))
    texts = [d.text for d in analysis.directives]
    assert texts == ["要倒排工期、挂图作战，确保6月底前主体完工", "要强化安全生产，严防各类事故发生"]
    assert analysis.directives[0].deadline and "6月底前" in analysis.directives[0].deadline


def test_a_titled_official_describing_data_gives_no_directives():
    assert analyze(read(DATA_ARTICLE)).directives == []
