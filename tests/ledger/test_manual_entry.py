"""Directives typed, pasted or marked by hand: one proposal each, their paper recorded."""

import datetime as dt

import pytest

from duban.errors import InputError
from duban.ledger import manual, services, workflow
from duban.ledger.manual import item_paragraphs
from duban.ledger.models import Item, Journal, Source

INSTRUCTION = """张书记批示：
一、请区民政局牵头，年底前完成全区养老服务设施排查。
二、天桥街道要抓紧整改漓江路社区
　　消防通道堵塞问题，限期一个月。
三、"""


def items_of(text):
    return [para[start:] for para, start in item_paragraphs(text) if start is not None]


def test_numbered_paragraphs_are_one_item_each_and_the_preamble_none():
    assert items_of(INSTRUCTION) == ["请区民政局牵头，年底前完成全区养老服务设施排查。",
                                     "天桥街道要抓紧整改漓江路社区消防通道堵塞问题，限期一个月。"]
    assert item_paragraphs(INSTRUCTION)[0] == ("张书记批示：", None)


@pytest.mark.parametrize("number", ["一、", "（一）", "(2)", "1.", "1.、", "1、", "12、", "①", "1．"])
def test_every_numbering_style_of_official_papers(number):
    assert items_of(f"{number}抓好安全生产\n{number}做好防汛准备") == ["抓好安全生产", "做好防汛准备"]


def test_without_numbers_each_line_is_an_item_and_a_decimal_is_not_a_number():
    assert items_of("抓好安全生产\n\n 做好防汛准备 ") == ["抓好安全生产", "做好防汛准备"]
    assert items_of("1.5亿元资金要在年底前拨付到位") == ["1.5亿元资金要在年底前拨付到位"]


def test_pasted_instruction_becomes_proposals_with_its_paper_recorded(people, units, frozen_clock):
    frozen_clock(dt.date(2026, 11, 2))
    source, created = manual.enter_items(INSTRUCTION, user=people["officer"], kind=Source.Kind.INSTRUCTION,
                                         doc_number="〔2026〕12号", issuer="张书记", date=dt.date(2026, 11, 1))
    assert created and source.origin == Source.Origin.MANUAL and source.kind == Source.Kind.INSTRUCTION
    assert (source.doc_number, source.issuer, source.event_date) == ("〔2026〕12号", "张书记", dt.date(2026, 11, 1))
    assert str(source) == "领导批示 〔2026〕12号 张书记"
    first, second = source.items.order_by("directive_index")
    assert first.status == Item.Status.PROPOSED and first.speaker == "张书记"
    assert first.suggested_unit == units["civil"]  # the unit named in the demand
    assert first.deadline_text == "年底前完成" and first.deadline == dt.date(2026, 12, 31)
    assert second.deadline_text == "限期一个月"
    body = source.article["body"]
    assert body[second.para][second.start:second.end] == second.text  # highlighted in place on review
    assert Journal.objects.filter(item=first, action="enter").exists()
    from duban.web.templatetags.duban import action_label

    assert action_label("enter") == "录入" and action_label("withdraw") == "撤回"
    again, created = manual.enter_items(INSTRUCTION, user=people["officer"], kind=Source.Kind.INSTRUCTION,
                                        doc_number="〔2026〕12号", issuer="张书记", date=dt.date(2026, 11, 1))
    assert again == source and not created and Item.objects.count() == 2


def test_a_hotline_caller_is_not_a_speaker_and_a_liaison_may_not_enter(people):
    source, _ = manual.enter_items("小区门口路灯不亮", user=people["officer"], kind=Source.Kind.HOTLINE,
                                   doc_number="12345-20261101-0007", issuer="王女士")
    assert source.items.get().speaker == ""
    with pytest.raises(workflow.NotAllowed):
        manual.enter_items("x", user=people["liaison"], kind=Source.Kind.HOTLINE)
    with pytest.raises(InputError):
        manual.enter_items("一、\n二、", user=people["officer"], kind=Source.Kind.INSTRUCTION)


def test_marking_words_in_the_article_prefills_from_the_analysis(people, units, pipeline, seed_bytes):
    source, _ = services.import_report(seed_bytes, origin=Source.Origin.FILE, user=people["officer"])
    body = source.article["body"]
    para = 3  # the 养老服务中心 stop
    words = body[para][-12:]
    start = len(body[para]) - len(words)
    taken = source.items.filter(para=para, start__lt=len(body[para]), end__gt=start)
    for item in taken:  # make room: the analyser may have found these words already
        workflow.apply(item, "withdraw", people["officer"], reason="测试")
    item = manual.mark_directive(source, people["officer"], para=para, start=start, end=len(body[para]))
    assert item.text == words and item.status == Item.Status.PROPOSED
    assert item.speaker == "秦保强"
    assert item.subject_name == source.analysis["stops"][2]["site"] == item.stop_name
    assert item.deadline is not None
    assert Journal.objects.filter(item=item, action="enter", reason="在原文中标记").exists()
    with pytest.raises(workflow.WorkflowError, match="重叠"):
        manual.mark_directive(source, people["officer"], para=para, start=start, end=len(body[para]))
    with pytest.raises(workflow.WorkflowError, match="不在原文"):
        manual.mark_directive(source, people["officer"], para=99, start=0, end=3)


def test_a_heading_over_numbered_points_is_context_and_its_points_the_items():
    minutes = ("会议议定事项如下：\n一、关于安全生产\n（一）各街道要开展燃气安全排查。\n（二）应急局要加强督导。\n"
               "二、关于民生保障\n1. 民政局要做好冬季救助。\n2、人社局要做好农民工工资支付。\n三、下次会议12月召开。")
    assert items_of(minutes) == ["各街道要开展燃气安全排查。", "应急局要加强督导。", "民政局要做好冬季救助。",
                                 "人社局要做好农民工工资支付。", "下次会议12月召开。"]
    assert items_of("(1)抓好安全生产\n(2)做好防汛准备") == ["抓好安全生产", "做好防汛准备"]


def test_a_typed_in_item_names_its_lead_and_co_units_and_this_months_end(people, units, frozen_clock):
    """由A牵头，B配合 in a typed-in line: A leads, B is a suggested co-unit (as for an imported
    report), and 月底前 is the end of this month, not the default limit."""
    frozen_clock(dt.date(2026, 12, 6))
    source, _ = manual.enter_items("1、天桥街道牵头，区民政局配合，月底前完成社区养老服务站建设。",
                                   user=people["officer"], kind=Source.Kind.INSTRUCTION, issuer="张书记",
                                   date=dt.date(2026, 12, 6))
    item = source.items.get()
    assert item.suggested_unit == units["town"]
    assert list(item.suggested_co_units.all()) == [units["civil"]]
    assert item.deadline_text == "月底前完成" and item.deadline == dt.date(2026, 12, 31)
