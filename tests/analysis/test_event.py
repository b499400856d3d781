"""The event: date against the publication date, kind, place, leaders with titles, attendees."""

import pytest

from duban import analyze
from duban.analysis.event import resolve_date
from tests.analysis.conftest import make_article


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("10月18日，市委书记王建国到城关区调研。", "2023-10-20", "2023-10-18"),
        ("9月20日至21日，省长李明在河口市考察。", "2023-09-25", "2023-09-20"),  # multi-day: first day
        ("12月30日，县委书记赵刚到东关镇检查指导。", "2024-01-02", "2023-12-30"),  # the year before
        ("市委书记张伟8日上午到开发区调研。", "2022-11-09", "2022-11-08"),  # a bare day: same month
        ("市委书记张伟28日到开发区调研。", "2022-11-03", "2022-10-28"),  # a bare day after today: last month
        ("日前，市长周平到城南区调研。", "2023-05-06", None),
        ("近日，市长周平到城南区调研。", "2023-05-06", None),
    ],
)
def test_date_is_resolved_against_publication(text, published, expected):
    assert resolve_date(text, published) == expected


def test_vague_opening_takes_the_dated_paragraph_that_follows():
    art = make_article(
        "省委书记刘文近日在山河县调研时强调，要抓好秋粮收购。",
        "9月3日至4日，刘文先后来到山河县两个乡镇。",
        published="2024-09-08",
    )
    assert analyze(art).event.date == "2024-09-03"


def test_no_date_at_all_gives_null():
    art = make_article("前不久，市委书记孙涛到河西区调研。", published="2024-09-08")
    assert analyze(art).event.date is None


def test_leader_with_title_as_written_and_kind_and_place():
    art = make_article("10月18日,市委书记秦保强到召陵区调研。", "周新鹤、常英敏等参加活动。",
                       published="2023-10-20", title="市委书记秦保强到召陵区调研时强调")
    event = analyze(art).event
    assert [(x.name, x.title) for x in event.leaders] == [("秦保强", "市委书记")]
    assert event.kind == "调研"
    assert event.place == "召陵区"
    assert event.attendees == ["周新鹤", "常英敏"]


def test_chain_of_titles_and_escorts_are_attendees():
    art = make_article(
        "中共中央总书记、国家主席、中央军委主席习近平9日在甘肃省委书记胡和平和省长任振鹤陪同下考察。",
        "中共中央政治局常委、中央办公厅主任蔡奇陪同考察。",
        published="2024-09-12",
    )
    event = analyze(art).event
    assert [(x.name, x.title) for x in event.leaders] == [("习近平", "中共中央总书记、国家主席、中央军委主席")]
    assert event.attendees == ["胡和平", "任振鹤", "蔡奇"]
    assert event.date == "2024-09-09"


def test_dateline_is_not_the_activity_date():
    art = make_article("新华社兰州5月9日电（记者王一）国务院总理李强5月7日至8日在甘肃调研。", published="2024-05-09")
    event = analyze(art).event
    assert event.date == "2024-05-07"
    assert event.leaders[0].title == "国务院总理"


def test_kind_prefers_the_work_over_the_visit():
    art = make_article("国务院总理李强1日在湖南看望慰问受灾群众，检查指导防汛工作。", published="2024-08-01",
                       title="李强在湖南看望慰问受灾群众检查指导防汛工作时强调")
    assert analyze(art).event.kind == "检查指导"
