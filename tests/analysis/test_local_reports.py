"""Local meeting reports and minutes: no report may come back empty (issue 13).

Every text here is invented for these tests (people, units and places included); each
pattern is one the genre writes routinely at 区/县/乡镇 level.
"""

from duban import analyze
from tests.analysis.conftest import make_article


def directives(*paragraphs, title="测试报道"):
    return analyze(make_article(*paragraphs, title=title)).directives


def test_a_leader_named_only_by_surname_and_title_is_a_speaker():
    found = directives(
        "3月4日上午，区委常委会召开扩大会议，传达学习全市经济工作会议精神。",
        "王书记强调，区级领导要带头深入包联企业，帮助解决用工和融资难题。各街道要抓紧摸排闲置厂房，月底前形成清单。",
    )
    assert [d.text for d in found] == [
        "区级领导要带头深入包联企业，帮助解决用工和融资难题",
        "各街道要抓紧摸排闲置厂房，月底前形成清单",
    ]
    assert {d.speaker for d in found} == {"王书记"}
    assert [d.subject for d in found] == ["区级领导", "各街道"]


def test_surname_and_title_resolve_to_the_full_name_given_earlier():
    found = directives(
        "5月9日，县委书记赵立群带队督导秸秆禁烧工作。",
        "在柳湾镇，赵书记要求，镇村干部要盯紧田间地头，发现火点立即处置。",
    )
    assert [(d.speaker, d.text) for d in found] == [("赵立群", "镇村干部要盯紧田间地头，发现火点立即处置")]


def test_a_speaker_given_by_title_alone():
    found = directives("市长要求，市住建局要加快老旧小区加装电梯审批，年底前完成二十部。")
    assert [(d.speaker, d.subject) for d in found] == [("市长", "市住建局")]
    found = directives(
        "11日，全区信访工作专题会召开。",
        "区委主要负责同志强调，各镇街要压实属地责任，对重复信访件逐件包案化解。",
    )
    assert [d.speaker for d in found] == ["区委主要负责同志"]
    assert found[0].text.startswith("各镇街要压实属地责任")


def test_a_weekly_round_up_gives_each_secretary_their_own_directives():
    result = analyze(make_article(
        "书记市长这一周",
        "本周，各地围绕项目建设、迎峰度夏和防汛工作密集部署。以下为各市主要负责同志活动摘要。",
        "6日，东川市委书记周明远到东川经济开发区调研。周明远强调，开发区要盯紧在建项目，确保按期投产达效。",
        "同日，西岭市委书记韩立峰主持召开市委常委会会议。韩立峰指出，要扎实做好夏季用电保障，加强迎峰度夏调度。",
        "7日，南湖市委书记吕嘉到白沙县督导防汛工作。吕嘉要求，要落实水库安全度汛责任，及时转移危险区群众。",
        title="书记市长这一周",
    ))
    found, stops = result.directives, result.stops
    by_speaker = {}
    for d in found:
        by_speaker.setdefault(d.speaker, []).append(d)
    assert set(by_speaker) == {"周明远", "韩立峰", "吕嘉"}
    assert by_speaker["周明远"][0].subject in ("开发区", "东川经济开发区")  # the actor, or the unit visited
    assert by_speaker["韩立峰"][0].subject == "西岭市"
    assert by_speaker["吕嘉"][0].subject == "白沙县"
    # no stale stop: 东川's development zone is not where 韩立峰 or 吕嘉 spoke
    assert all(d.stop is None or "东川" not in stops[d.stop].site for d in by_speaker["韩立峰"] + by_speaker["吕嘉"])


def test_a_speech_over_many_paragraphs_keeps_its_speaker():
    found = directives(
        "8月20日，省委书记孙振华在青石县主持召开乡村振兴工作座谈会，听取各地情况汇报并讲话。",
        "孙振华指出，要把产业振兴摆在突出位置，因地制宜发展特色种养。",
        "座谈会上，青石县、柳林县负责同志先后发言。",
        "他强调，各级党委要落实五级书记抓乡村振兴责任，配强驻村工作队。",
        "对于人才工作，他指出，要完善返乡创业扶持政策，留住年轻人。",
    )
    assert [d.text for d in found] == [
        "要把产业振兴摆在突出位置，因地制宜发展特色种养",
        "各级党委要落实五级书记抓乡村振兴责任，配强驻村工作队",
        "要完善返乡创业扶持政策，留住年轻人",
    ]
    assert {d.speaker for d in found} == {"孙振华"}


def test_meeting_minutes_with_numbered_decisions():
    found = directives(
        "关于城南片区积水点整治的现场办公会纪要",
        "9月3日，副区长陈晓松主持召开城南片区积水点整治现场办公会，区住建局、区城管局、城南街道负责同志参加。",
        "会议议定如下：",
        "一、由区住建局牵头，区城管局配合，9月底前完成幸福路雨水管网疏浚。",
        "二、城南街道负责做好沿街商户的告知和临时交通疏导。",
        "三、区财政局尽快核拨整治资金。",
        title="城南片区积水点整治现场办公会纪要",
    )
    assert [d.text for d in found] == [
        "一、由区住建局牵头，区城管局配合，9月底前完成幸福路雨水管网疏浚",
        "二、城南街道负责做好沿街商户的告知和临时交通疏导",
        "三、区财政局尽快核拨整治资金",
    ]
    assert [d.subject for d in found] == ["区住建局", "城南街道", "区财政局"]
    assert found[0].co_units == ["区城管局"]
    assert found[0].deadline == "9月底前完成"


def test_the_meeting_as_speaker_and_its_chair():
    found = directives(
        "12月2日，镇党委书记杜一鸣主持召开冬季安全生产工作会议。",
        "会议认为，当前全镇安全生产形势总体平稳。会议明确，各村要在12月10日前完成燃气使用安全排查。",
        "会议要求：一是镇安监办要牵头开展烟花爆竹非法储存专项整治；二是各企业落实主体责任，全面排查消防隐患。",
    )
    assert [d.text for d in found] == [
        "各村要在12月10日前完成燃气使用安全排查",
        "一是镇安监办要牵头开展烟花爆竹非法储存专项整治",
        "二是各企业落实主体责任，全面排查消防隐患",
    ]
    assert {d.speaker for d in found} == {"杜一鸣"}


def test_the_middle_items_of_a_semicolon_list_are_kept():
    found = directives(
        "4月1日，县长郭敬文到县人民医院调研。",
        "郭敬文强调，要优化门诊流程；增设自助缴费终端；延长夜间门诊时间；要把群众满意作为检验标准。",
    )
    assert [d.text for d in found] == [
        "要优化门诊流程", "增设自助缴费终端", "延长夜间门诊时间", "要把群众满意作为检验标准"]


def test_a_soft_directive_after_表示():
    found = directives(
        "7月5日，区委书记包文杰走访辖区重点企业。",
        "包文杰表示，希望企业与街道保持常态化沟通，有困难及时反映。",
    )
    assert [d.text for d in found] == ["企业与街道保持常态化沟通，有困难及时反映"]


def test_the_same_directive_repeated_is_proposed_once_with_a_count():
    line = "县长杨立新强调，各乡镇要做好森林防火巡查。"
    found = directives("2月1日，县长杨立新到林场检查森林防火工作。", *([line] * 10_000))
    assert len(found) == 1
    assert found[0].count == 10_000


def test_a_speech_keeps_its_speaker_when_the_leaders_title_is_unusual():
    found = directives(
        "8月21日，全省防汛抗旱工作座谈会在省防汛抗旱指挥部召开。",
        "省防汛抗旱指挥部指挥长马云川出席并讲话。他强调，各市要把防御局地强降雨放在突出位置。",
        "马云川指出，当前正值主汛期，形势复杂。",
        "他要求，水利部门要加强中小水库巡查，发现险情第一时间上报。",
    )
    assert [(d.speaker, d.text) for d in found] == [
        ("马云川", "各市要把防御局地强降雨放在突出位置"),
        ("马云川", "水利部门要加强中小水库巡查，发现险情第一时间上报"),
    ]


def test_dates_written_the_local_ways():
    from duban.analysis.event import resolve_date

    assert resolve_date("2017年元月10日，县委书记到城关镇调研。", "2017-01-12") == "2017-01-10"
    assert resolve_date("2015 年2 月12 日上午，区长到企业走访。", "2015-02-13") == "2015-02-12"
    assert resolve_date("3月11号，镇党委书记到村里督导。", "2024-03-12") == "2024-03-11"


def test_listed_sites_after_到_are_split_into_stops():
    result = analyze(make_article(
        "4月2日，县委书记贺文林到城关镇督导春耕生产。",
        "随后，贺文林还到东岗粮食储备库、县农机服务中心听取情况汇报。",
        "在青州市，贺文林来到青州博物馆、范公亭公园调研文物保护工作。",
    ))
    assert [s.site for s in result.stops] == ["东岗粮食储备库", "县农机服务中心", "青州博物馆", "范公亭公园"]


def test_a_narrated_spot_is_not_a_stop_and_a_pronoun_addressee_is_the_unit_visited_or_none():
    result = analyze(make_article(
        "6月3日，区长任国梁到高新区调研工业经济运行情况。",
        "在宏远机械有限公司，任国梁走进企业生产车间，察看生产线运行情况。他希望他们稳住订单，加快技术改造。",
    ))
    assert [s.site for s in result.stops] == ["宏远机械有限公司"]
    assert [(d.text, d.subject) for d in result.directives] == [("他们稳住订单，加快技术改造", "宏远机械有限公司")]
    away = analyze(make_article("6月3日，区长任国梁召开企业座谈会。他希望他们稳住订单，加快技术改造。"))
    assert [d.subject for d in away.directives] == [None]  # nobody named: no guess


def test_the_actor_named_in_the_clause_is_the_subject():
    found = directives(
        "5月6日，市长范志强主持召开全市重点项目推进会。",
        "范志强强调，各级各有关部门要强化要素保障。市城投集团要加快城东安置房建设，确保年底前交付。",
    )
    assert [d.subject for d in found] == ["各级各有关部门", "市城投集团"]


def test_an_institutions_numbered_deployment_names_its_units():
    found = directives(
        "近日，区防汛抗旱指挥部印发通知，对近期防汛工作作出安排。具体部署如下：",
        "1、各街道立即组织对辖区低洼地段开展排查。",
        "2、区水务局加强泵站运行调度，确保排涝设施正常运转。",
        "3、区应急管理局会同区消防救援大队做好抢险物资和队伍预置。",
    )
    assert [(d.subject, d.co_units) for d in found] == [
        ("各街道", []), ("区水务局", []), ("区应急管理局", ["区消防救援大队"])]


def test_a_cue_after_narration_in_the_same_clause():
    found = directives(
        "9月1日，县委书记邵国华到县实验小学调研秋季开学工作。",
        "邵国华参观了学校新建的食堂和宿舍，要求学校干部职工把安全放在首位，守牢食品安全底线。",
    )
    assert [d.text for d in found] == ["学校干部职工把安全放在首位，守牢食品安全底线"]


def test_a_name_before_its_title_is_the_leader():
    result = analyze(make_article(
        "3月8日，市水利局周文斌副局长带队到青河水库检查安全度汛准备工作。",
        "周文斌要求，水库管理所要完善应急预案，汛前完成闸门检修。",
    ))
    assert [(x.name, x.title) for x in result.event.leaders] == [("周文斌", "市水利局副局长")]
    assert [d.speaker for d in result.directives] == ["周文斌"]


def test_projects_museums_and_universities_are_organisations():
    result = analyze(make_article("市委书记到青河青石段应急防洪治理工程、东山博物院和南湖大学调研。他强调，要加快进度。"))
    assert result.entities.org == ["青河青石段应急防洪治理工程", "东山博物院", "南湖大学"]


def test_a_company_chairmans_words_are_not_an_officials():
    found = directives(
        "5月20日，区长葛明到园区企业走访。",
        "董事长表示，要加快二期项目建设，力争年底前投产。",
    )
    assert found == []


def test_a_cue_is_never_a_person_and_coordinated_schools_are_subject_and_co_unit():
    result = analyze(make_article(
        "9月2日，市委书记戴明远调研秋季开学准备工作。",
        "戴明远来到青山市第十一小学和第一中学，察看食堂和宿舍。",
        "戴书记强调，学校要把校园安全放在首位。",
    ))
    assert "强调" not in result.entities.person
    assert [s.site for s in result.stops] == ["青山市第十一小学和第一中学"]  # the site as written
    assert [(d.speaker, d.subject, d.co_units) for d in result.directives] == [
        ("戴明远", "青山市第十一小学", ["第一中学"])]  # the responsible unit and its co-unit


def test_towns_listed_after_到_are_stops_and_co_units_follow_会同():
    result = analyze(make_article(
        "5 月 28 日，副县长田玉明带领县农业农村局负责同志，到柳河镇、石桥镇、双庙乡督导秸秆禁烧工作。",
        "暗访结束后，田玉明强调，全县上下要绷紧禁烧这根弦。县农业农村局要会同县生态环境局开展联合巡查。",
    ))
    assert [s.site for s in result.stops] == ["柳河镇", "石桥镇", "双庙乡"]
    assert [(d.subject, d.co_units) for d in result.directives] == [
        ("全县上下", []), ("县农业农村局", ["县生态环境局"])]
    assert "双庙乡" in result.entities.place


def test_a_national_leader_with_a_long_title_chain():
    found = directives(
        "全国人大常委会副委员长王建华近日在西川省调研乡村振兴促进法实施情况。",
        "王建华强调，各级人大要加强执法检查，推动法律规定落地见效。",
    )
    assert [(d.speaker, d.subject) for d in found] == [("王建华", "各级人大")]


def test_a_bare_item_number_is_no_directive():
    found = directives("会议议定如下：", "一、", "二、各村要做好汛期巡查。")
    assert [d.text for d in found] == ["二、各村要做好汛期巡查"]
    assert directives("具体部署如下：1、2、3、") == []
