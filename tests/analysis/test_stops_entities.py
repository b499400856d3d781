"""Stops in order, meetings only with directives; names of people, places, organisations."""

from duban import analyze
from duban.analysis.places import resolve_codes
from tests.analysis.conftest import make_article


def test_stops_in_reading_order_from_在_来到_走进():
    art = make_article(
        "5月8日，县委书记陈亮到东关镇调研。",
        "在东关镇卫生院，陈亮察看了诊疗设施。",
        "随后，陈亮来到红旗食品有限公司，了解企业生产情况。",
        "陈亮走进石桥村党群服务中心，与村干部交流。",
    )
    assert [s.site for s in analyze(art).stops] == ["东关镇卫生院", "红旗食品有限公司", "石桥村党群服务中心"]


def test_a_meeting_is_a_stop_only_when_directives_are_given_there():
    with_directives = make_article(
        "5月8日，县委书记陈亮到东关镇调研，并主持召开座谈会。",
        "在座谈会上，陈亮强调，要抓好夏粮收购。",
    )
    without = make_article("5月8日，县委书记陈亮到东关镇调研，并主持召开座谈会。", "陈亮听取了镇里的情况介绍。")
    assert [s.site for s in analyze(with_directives).stops] == ["座谈会"]
    assert [s.site for s in analyze(without).stops] == []


def test_directive_stop_is_the_latest_site_before_it():
    art = make_article(
        "5月8日，县委书记陈亮到东关镇调研。",
        "在东关镇卫生院，陈亮强调，要提升基层医疗服务能力。",
        "在红旗食品有限公司，陈亮指出，要加快新品研发。",
    )
    assert [(d.stop, d.subject) for d in analyze(art).directives] == [
        (0, "东关镇卫生院"), (1, "红旗食品有限公司")]


def test_people_places_orgs_and_division_codes():
    art = make_article(
        "10月18日,市委书记秦保强到召陵区调研。",
        "在天桥街道漓江路社区，秦保强察看社区养老服务。在际华皮革皮鞋研究院，他强调要集聚高层次人才。",
        "周新鹤、常英敏等参加相关活动。",
        published="2023-10-20",
    )
    entities = analyze(art).entities
    assert entities.person == ["秦保强", "周新鹤", "常英敏"]
    assert {"召陵区", "天桥街道", "漓江路社区"} <= set(entities.place)
    assert "际华皮革皮鞋研究院" in entities.org
    assert entities.place_codes["召陵区"] == "411104"


def test_titles_datelines_and_word_parts_are_not_places():
    art = make_article(
        "新华社杭州5月9日电 浙江省委书记王明在丽水市调研时强调，要维护社会长治久安。",
        published="2024-05-09",
    )
    places = analyze(art).entities.place
    assert "丽水市" in places
    assert "浙江省" not in places  # only inside a title
    assert "杭州" not in places  # the dateline
    assert "长治" not in places  # part of 长治久安


def test_codes_prefer_the_province_the_article_is_about():
    # 鼓楼区 exists in several cities; 福州 in the same article picks Fuzhou's.
    assert resolve_codes(["福州市", "鼓楼区"])["鼓楼区"] == "350102"
    assert resolve_codes(["南京市", "鼓楼区"])["鼓楼区"] == "320106"


def test_会上_refers_to_the_meeting_held_and_attendees_who_speak_are_speakers():
    art = make_article(
        "7月4日，市委书记王建国到河西区调研，并主持召开座谈会。河西区委书记周明参加。",
        "在河西区政务服务中心，王建国指出，要提升服务效率。",
        "会上，周明要求，各街道要加快项目建设。王建国强调，要守牢安全底线。",
    )
    result = analyze(art)
    assert [s.site for s in result.stops] == ["河西区政务服务中心", "座谈会"]
    assert [(d.speaker, d.subject, d.stop) for d in result.directives] == [
        ("王建国", "河西区政务服务中心", 0), ("周明", "各街道", 1), ("王建国", "河西区", 1)]
