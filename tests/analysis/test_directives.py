"""Directives: cues, list continuation, cue stripping, exclusions, splits, speakers, subjects."""

from duban import analyze
from tests.analysis.conftest import make_article

OPENING = "6月10日，市委书记王建国到河西区调研。"


def texts(art):
    return [d.text for d in analyze(art).directives]


def test_cue_is_dropped_and_要_kept_without_final_punctuation():
    art = make_article(OPENING, "在河西区人民医院，王建国强调，要提升急诊服务水平，缩短群众候诊时间。")
    assert texts(art) == ["要提升急诊服务水平，缩短群众候诊时间"]


def test_list_continues_after_the_cue_even_without_要():
    art = make_article(OPENING, "王建国指出，要抓好秋粮收购。强化仓储设施建设，确保颗粒归仓。加快烘干设备更新。")
    assert texts(art) == ["要抓好秋粮收购", "强化仓储设施建设，确保颗粒归仓", "加快烘干设备更新"]


def test_semicolons_end_clause_groups():
    art = make_article(OPENING, "他指出，要对标群众需求，常态化提供服务；对标文明城市标准，补齐短板。")
    assert texts(art) == ["要对标群众需求，常态化提供服务", "对标文明城市标准，补齐短板"]


def test_addressee_stays_when_希望_or_叮嘱_is_dropped():
    art = make_article(OPENING, "王建国叮嘱当地干部要做好转移安置工作。他希望同学们刻苦学习，早日成才。")
    assert texts(art) == ["当地干部要做好转移安置工作", "同学们刻苦学习，早日成才"]


def test_pledges_of_others_are_not_directives():
    art = make_article(OPENING, "座谈中，村民代表表示要把日子过得更红火。企业负责人说，要加快投产。")
    assert texts(art) == []


def test_praise_and_narration_are_not_directives():
    art = make_article(
        OPENING,
        "王建国察看了生产线，听取了企业情况汇报。他指出，近年来河西区工作成效显著，应当给予充分肯定。"
        "要保持定力，持续攻坚。",
    )
    assert texts(art) == ["要保持定力，持续攻坚"]


def test_statements_of_fact_after_a_cue_are_not_directives():
    art = make_article(OPENING, "王建国强调，产业是发展的根基。河西区是全市的工业重镇。要做强主导产业。")
    assert texts(art) == ["要做强主导产业"]


def test_wishes_are_not_directives():
    art = make_article(OPENING, "王建国指出，要办好民生实事。王建国祝愿大家生活幸福、越过越好。")
    assert texts(art) == ["要办好民生实事"]


def test_a_page_without_a_reported_leader_gives_no_directives():
    art = make_article("本报讯 今年以来，我市扎实推进项目建设。", "专家指出，要加大投资力度，必须稳住预期。")
    assert texts(art) == []


def test_parallel_围绕_parts_are_split_with_their_own_subjects():
    art = make_article(
        OPENING,
        "王建国指出，要创造新的增长点。围绕红星机械厂加快技术改造，围绕清水河改善水生态环境，"
        "围绕预制菜、冷链物流等招引一批新项目，做实各项工作。",
    )
    directives = analyze(art).directives
    assert [d.text for d in directives] == [
        "要创造新的增长点",
        "围绕红星机械厂加快技术改造",
        "围绕清水河改善水生态环境",
        "围绕预制菜、冷链物流等招引一批新项目",
    ]
    assert [d.subject for d in directives[1:]] == ["红星机械厂", "清水河", "河西区"]


def test_short_demand_elaborated_by_the_next_clauses_is_a_theme():
    art = make_article(OPENING, "他指出，要解放思想，提升工作标准。加快创新载体建设；深入研究政策，提高谋划能力。")
    levels = [(d.text, d.level) for d in analyze(art).directives]
    assert levels[0] == ("要解放思想，提升工作标准", "theme")
    assert all(level == "item" for _, level in levels[1:])


def test_several_speakers_are_attributed():
    art = make_article(
        "6月10日，省委书记李明、省长赵刚到东山市调研。",
        "李明强调，要守牢安全底线。赵刚指出，要加快重点项目建设。他要求，要压实企业主体责任。",
    )
    assert [(d.speaker, d.text) for d in analyze(art).directives] == [
        ("李明", "要守牢安全底线"),
        ("赵刚", "要加快重点项目建设"),
        ("赵刚", "要压实企业主体责任"),
    ]


def test_subject_is_the_stop_unit_then_the_jurisdiction_or_named_addressee():
    art = make_article(
        OPENING,
        "在河西区人民医院，王建国强调，要提升急诊服务水平。",
        "在座谈会上，王建国指出，要抓好安全生产。各级党组织要加强对基层的指导。",
    )
    result = analyze(art)
    assert [s.site for s in result.stops] == ["河西区人民医院", "座谈会"]
    assert [(d.subject, d.stop) for d in result.directives] == [
        ("河西区人民医院", 0), ("河西区", 1), ("各级党组织", 1)]


def test_offsets_locate_the_text_in_the_body():
    art = make_article(OPENING, "“要把老人照顾好。”在幸福社区，王建国边看边问。他指出，要完善社区服务功能；加快适老化改造。")
    for d in analyze(art).directives:
        assert art.body[d.para][d.start:d.end] == d.text


def test_deadline_as_written():
    art = make_article(OPENING, "王建国强调，要在10月底前完成老旧小区改造。要抓好冬季供暖。")
    assert [d.deadline for d in analyze(art).directives] == ["10月底前完成", None]


def test_topics_come_from_the_thirteen():
    from duban.analysis.schema import TOPICS

    art = make_article(OPENING, "王建国强调，要做好防汛抗洪救灾工作。要完善养老服务体系。要加快重点项目建设进度。要解放思想。")
    topics = [d.topic for d in analyze(art).directives]
    assert topics == ["安全稳定", "民生服务", "项目建设", "综合"]
    assert set(topics) <= set(TOPICS)


def test_the_meeting_as_a_body_counts():
    art = make_article(
        "6月10日，市委书记王建国主持召开市委常委会会议。",
        "会议强调，各级各部门要压紧压实防汛责任。会议要求，要加强值班值守。",
    )
    assert [(d.speaker, d.text) for d in analyze(art).directives] == [
        ("王建国", "各级各部门要压紧压实防汛责任"), ("王建国", "要加强值班值守")]


def test_an_officials_views_in_a_news_story_are_not_directives():
    art = make_article("美联储主席鲍威尔5日表示，要继续关注通胀数据。他说，必须保持耐心。", title="鲍威尔谈利率前景")
    assert texts(art) == []


def test_principles_with_nobody_to_act_are_not_directives():
    art = make_article(OPENING, "王建国指出，国家要强大，必须办好教育。学校要配齐体育老师。")
    assert texts(art) == ["学校要配齐体育老师"]


def test_enumerated_items_continue_the_list_and_inner_quotes_stay_whole():
    art = make_article(
        "7月4日，市委书记刘国强主持召开市委常委会会议。",
        "会议强调，各级各部门要树牢安全发展理念。一是压实安全责任，严格落实“三管三必须”。"
        "二是深化隐患排查。同时，加强应急值守。",
    )
    assert texts(art) == ["各级各部门要树牢安全发展理念", "一是压实安全责任，严格落实“三管三必须”",
                          "二是深化隐患排查", "同时，加强应急值守"]


def test_subject_named_by_the_directive_itself():
    art = make_article(
        "6月10日，省委书记李明到宜昌市调研。",
        "李明指出，宜昌市正在建设物流枢纽，要完善集疏运体系。汛期已经到来，各地对防汛工作务必精心准备。"
        "要在全社会营造尊重劳动的风尚。",
    )
    assert [d.subject for d in analyze(art).directives] == ["宜昌市", "各地", "全社会"]


def test_an_announced_list_continues_over_paragraphs():
    art = make_article(
        "6月10日，市委书记王建国到河西区调研。王建国强调：",
        "一要抓好项目建设，加快形成实物工作量。",
        "二要优化营商环境。",
        "河西区近年来发展迅速，园区建设初具规模。",
    )
    assert texts(art) == ["一要抓好项目建设，加快形成实物工作量", "二要优化营商环境"]


def test_a_quotation_is_the_leaders_only_when_the_next_sentence_says_so():
    leader = make_article(OPENING, "“要让老人吃上热乎饭。”在幸福社区，王建国边看边叮嘱。")
    villager = make_article(OPENING, "“我们要把日子过得更好。”村民李大山说。王建国察看了村容村貌。")
    assert texts(leader) == ["要让老人吃上热乎饭"]
    assert texts(villager) == []


def test_a_cue_followed_by_an_action_verb_is_a_directive_but_not_by_a_statement():
    art = make_article(OPENING, "王建国强调，切实抓好秋冬季森林防火。王建国指出，坚持绿色发展是必由之路。")
    assert texts(art) == ["切实抓好秋冬季森林防火"]
