"""Every failure kind issue 13 lists for local reports, one invented text each.

The texts are written for these tests (people, units and places are made up) in the
wording of 县/区/镇 meetings, 督导, 座谈会, 调度会, 现场办公会纪要 and 推进会; none is
copied from the corpus or from the issue. Each test states what an officer would
expect the ledger to be offered.
"""

from duban import analyze
from tests.analysis.conftest import make_article


def run(*paragraphs, title="测试报道", published="2024-06-12"):
    return analyze(make_article(*paragraphs, title=title, published=published))


def texts(result):
    return [d.text for d in result.directives]


# -- the meeting as speaker ---------------------------------------------------------


def test_会议认为_with_a_demand_is_the_meetings_directive():
    result = run(
        "11月14日，县政府召开第27次常务会议，县长蒋明川主持会议。",
        "会议认为，冬修水利是来年粮食丰收的基础，各乡镇要抓住冬闲时机，加快小型灌渠清淤。",
    )
    assert texts(result) == ["冬修水利是来年粮食丰收的基础，各乡镇要抓住冬闲时机，加快小型灌渠清淤"]
    assert result.directives[0].speaker == "蒋明川"


def test_会议明确_a_decision_without_要_with_its_unit():
    result = run(
        "11月14日，县政府召开第27次常务会议，县长蒋明川主持会议。",
        "会议明确，县水利局牵头编制灌区续建配套方案，12月底前报县政府审定。",
    )
    assert texts(result) == ["县水利局牵头编制灌区续建配套方案，12月底前报县政府审定"]
    assert result.directives[0].subject == "县水利局"


def test_要求_after_the_meetings_narration_with_并():
    result = run(
        "3月2日，区委召开常委会会议，区委书记任和平主持会议。",
        "会议传达学习了市委有关会议精神，研究部署我区春季植树造林工作，并要求各街道抓住有利时节，确保3月底前完成补植任务。",
    )
    assert texts(result) == ["各街道抓住有利时节，确保3月底前完成补植任务"]
    assert result.directives[0].speaker == "任和平"
    assert result.directives[0].subject == "各街道"


def test_the_chair_named_after_由_speaks_for_the_meeting():
    result = run(
        "6月5日，马桥镇召开汛前安全隐患排查部署会，会议由副镇长吴海涛主持。",
        "会议强调，各村要对山塘水库逐一建档，落实巡查责任人。",
    )
    assert [(d.speaker, d.subject) for d in result.directives] == [("吴海涛", "各村")]


def test_who_gives_the_closing_speech_is_the_speaker():
    result = run(
        "9月18日，全区秋冬季大气污染防治攻坚推进会召开。",
        "区委副书记、区长柯文亮作总结讲话。会议要求，各工地要严格落实“六个百分百”扬尘管控措施。",
    )
    assert [d.speaker for d in result.directives] == ["柯文亮"]


# -- minutes and numbered decisions --------------------------------------------------


def test_numbered_decisions_under_会议要求_heading_without_要():
    result = run(
        "4月9日，副县长邱振海主持召开城区停车难问题专题会。",
        "会议要求：",
        "一、由县公安局交警大队牵头，县城管局配合，尽快完成城区临时停车泊位施划。",
        "二、县住建局加快推进人民公园地下停车场建设，6月底前具备开工条件。",
        "三、县发改局抓紧研究停车收费价格调整方案。",
    )
    assert texts(result) == [
        "一、由县公安局交警大队牵头，县城管局配合，尽快完成城区临时停车泊位施划",
        "二、县住建局加快推进人民公园地下停车场建设，6月底前具备开工条件",
        "三、县发改局抓紧研究停车收费价格调整方案",
    ]
    assert [d.subject for d in result.directives] == ["县公安局交警大队", "县住建局", "县发改局"]
    assert result.directives[0].co_units == ["县城管局"]
    assert {d.speaker for d in result.directives} == {"邱振海"}


def test_一是_items_that_open_with_a_verb_and_no_要():
    result = run(
        "7月2日，区委书记鲍远志主持召开优化营商环境工作调度会。",
        "会议强调，一是搭建政企沟通平台，全面提升涉企问题办理质效；二是梳理审批事项清单，压缩办理时限；三是开展营商环境满意度测评。",
    )
    assert texts(result) == [
        "一是搭建政企沟通平台，全面提升涉企问题办理质效",
        "二是梳理审批事项清单，压缩办理时限",
        "三是开展营商环境满意度测评",
    ]


def test_points_announced_with_提出三点意见():
    result = run(
        "3月2日，县委书记叶明主持召开县委常委会会议。",
        "叶明就做好春季防火工作提出三点意见：一是压实各级防火责任；二是强化重点时段巡查；三是加强野外用火宣传。",
    )
    assert texts(result) == ["一是压实各级防火责任", "二是强化重点时段巡查", "三是加强野外用火宣传"]


def test_a_decision_after_the_meetings_approval():
    result = run(
        "8月5日，市长陈刚主持召开市政府常务会议。",
        "会议同意《关于加强城市管理的实施意见》，由市城管局牵头抓好落实。",
    )
    assert [(d.text, d.subject, d.speaker) for d in result.directives] == [
        ("由市城管局牵头抓好落实", "市城管局", "陈刚")]


def test_items_in_paragraphs_after_a_bare_cue_keep_going():
    result = run(
        "6月20日，区委书记郑凯主持召开防汛工作调度会。",
        "郑凯强调：",
        "（一）要压紧压实责任。各街道主要负责同志要靠前指挥。",
        "（二）要加强隐患排查。区水务局要对辖区河道进行全面巡查。",
    )
    assert texts(result) == ["（一）要压紧压实责任", "各街道主要负责同志要靠前指挥", "（二）要加强隐患排查",
                             "区水务局要对辖区河道进行全面巡查"]
    assert result.directives[1].subject == "各街道主要负责同志"


def test_an_offices_安排如下_with_numbered_items():
    result = run(
        "为做好国庆假期安全防范工作，县安委会办公室作出安排，具体安排如下：",
        "1.各乡镇组织力量对辖区景区、农家乐开展一次拉网式检查。",
        "2.县交通运输局加强客运站和长途客车安全检查。",
    )
    assert [d.subject for d in result.directives] == ["各乡镇", "县交通运输局"]


# -- names and dates ----------------------------------------------------------------


def test_a_name_written_before_its_title_is_the_speaker():
    result = run(
        "5月16日，区教体局刘春燕局长一行到城关第二小学督导校园安全工作。",
        "刘春燕强调，学校要加强门卫值守，严格落实外来人员登记制度。",
    )
    assert [(x.name, x.title) for x in result.event.leaders] == [("刘春燕", "区教体局局长")]
    assert [d.speaker for d in result.directives] == ["刘春燕"]
    assert "刘春燕" in result.entities.person


def test_dates_written_the_local_ways_reach_the_event():
    assert run("2019年元月8日，镇党委书记黄德胜到敬老院走访。", published="2019-01-09").event.date == "2019-01-08"
    assert run("2021 年3 月5 日，县长谢明到工业园区调研。", published="2021-03-08").event.date == "2021-03-05"
    assert run("6月17号下午，区长卢海到城南街道督导。", published="2023-06-18").event.date == "2023-06-17"


def test_surname_and_title_speakers_of_several_ranks():
    result = run(
        "8月3日，副市长张海波带领市交通局负责同志到绕城高速改扩建项目调研。",
        "张市长指出，项目指挥部要倒排工期，确保年底前主线通车。",
        "随后，李局长要求，施工单位要落实高温作业防护措施。",
    )
    assert [d.speaker for d in result.directives] == ["张海波", "李局长"]


# -- soft directives -----------------------------------------------------------------


def test_soft_directives_after_表示_and_by_an_actor_with_可():
    result = run(
        "10月9日，区长卢海到城北农贸市场调研。",
        "卢海表示，希望各商户与市场管理方共同维护好经营秩序。相关职能部门可研究出台摊位租金减免办法。",
    )
    assert texts(result) == ["各商户与市场管理方共同维护好经营秩序", "相关职能部门可研究出台摊位租金减免办法"]


def test_a_bare_希望_after_the_leaders_name():
    result = run(
        "5月4日，县委书记龚立言到县职业中专与青年学生座谈。",
        "龚立言希望同学们珍惜青春年华，练就过硬本领。",
    )
    assert [(d.text, d.subject) for d in result.directives] == [("同学们珍惜青春年华，练就过硬本领", "同学们")]


# -- lists and cues after narration ----------------------------------------------------


def test_a_semicolon_list_of_five_keeps_its_middle_items():
    result = run(
        "2月20日，镇长丁秀梅到镇卫生院检查疫情防控工作。",
        "丁秀梅要求，要加强发热门诊管理；储备足量药品和防护物资；落实院感防控措施；"
        "畅通转诊绿色通道；要做好医护人员轮休安排。",
    )
    assert texts(result) == [
        "要加强发热门诊管理", "储备足量药品和防护物资", "落实院感防控措施", "畅通转诊绿色通道", "要做好医护人员轮休安排"]


def test_a_cue_after_narration_in_the_same_clause():
    result = run(
        "6月11日，县委书记邵国栋到县第一中学督导高考考务工作。",
        "邵国栋查看了标准化考场和监控室，叮嘱考务人员严格执行保密规定，确保考试平稳有序。",
    )
    assert texts(result) == ["考务人员严格执行保密规定，确保考试平稳有序"]


def test_a_cue_after_a_briefing_heard():
    result = run(
        "6月11日，县长汪立本主持召开全县防汛工作调度会。",
        "汪立本在听取各乡镇汛情汇报后要求，各乡镇要对地质灾害隐患点实行专人盯守。",
    )
    assert texts(result) == ["各乡镇要对地质灾害隐患点实行专人盯守"]


# -- subjects -------------------------------------------------------------------------


def test_the_unit_named_in_the_clause_is_the_subject():
    result = run(
        "3月21日，区长卢海主持召开重点项目建设推进会。",
        "卢海强调，全区各级要牢固树立项目为王理念。区国投公司要加快新城安置区二期建设，确保9月底前交房。",
    )
    assert [d.subject for d in result.directives] == ["全区各级", "区国投公司"]


def test_a_narrated_spot_is_neither_a_stop_nor_a_subject():
    result = run(
        "4月8日，县长汪立本到县经济开发区调研。",
        "在恒瑞纺织有限公司，汪立本走进企业织造车间，察看生产线运行情况，要求企业加快智能化改造步伐。",
    )
    assert [s.site for s in result.stops] == ["恒瑞纺织有限公司"]
    assert [d.subject for d in result.directives] == ["恒瑞纺织有限公司"]


def test_coordinated_villages_give_the_first_as_subject_and_the_rest_as_co_units():
    result = run(
        "9月6日，镇党委书记黄德胜督导人居环境整治工作。",
        "在东坡村、西坡村，黄德胜察看了村庄保洁情况，要求两村要建立垃圾分类长效机制。",
    )
    assert [(d.subject, d.co_units) for d in result.directives] == [("东坡村", ["西坡村"])]


def test_no_stale_stop_from_another_leaders_city():
    result = run(
        "本周，各县区主要负责同志围绕秋粮收购和安全生产开展调研。",
        "16日，北山县委书记孔令文到北山县粮食储备库调研，要求库区要严格落实防火措施。",
        "17日，南河区委书记邓清源主持召开区委常委会会议。邓清源强调，要压实安全生产责任，开展危化品专项检查。",
        title="县区书记这一周",
    )
    stops = [s.site for s in result.stops]
    by_speaker = {d.speaker: d for d in result.directives}
    assert set(by_speaker) == {"孔令文", "邓清源"}
    assert by_speaker["邓清源"].stop is None or "粮食储备库" not in stops[by_speaker["邓清源"].stop]
    assert by_speaker["邓清源"].subject == "南河区"


def test_a_generic_actor_after_two_listed_units_is_both_of_them():
    result = run(
        "2月26日，县长汪立本检查春季开学准备工作。",
        "汪立本先后来到城关第二小学、县实验中学，察看教室、食堂和宿舍。",
        "汪立本要求，学校要把校舍安全隐患排查放在首位，开学前完成整改。",
    )
    assert [s.site for s in result.stops] == ["城关第二小学", "县实验中学"]
    assert [(d.subject, d.co_units) for d in result.directives] == [("城关第二小学", ["县实验中学"])]


def test_a_field_of_work_or_the_people_visited_is_no_place_or_stop():
    result = run(
        "10日，县政协主席吴敏带领部分政协委员视察乡村振兴工作。",
        "吴敏指出，政协委员要发挥自身优势，积极建言献策。",
    )
    assert result.event.place is None and result.stops == []
    assert [d.subject for d in result.directives] == ["政协委员"]
    result = run(
        "1月9日，乡党委书记黄德胜到各村走访困难群众。",
        "他叮嘱各村负责人，要把困难群众的冷暖放在心上。",
    )
    assert result.event.place is None and result.stops == []
    assert [d.subject for d in result.directives] == ["各村负责人"]


# -- stops ----------------------------------------------------------------------------


def test_在某市_then_two_museums_are_two_stops():
    result = run(
        "5月18日，省文物局局长余立本到丰源市调研文物保护工作。",
        "在丰源市，余立本来到丰源博物院、古窑址博物馆调研，要求馆方要做好藏品预防性保护。",
    )
    assert [s.site for s in result.stops] == ["丰源博物院", "古窑址博物馆"]


def test_到_three_sites_调研督导_are_three_stops():
    result = run(
        "10月12日，副区长苗立群到城西污水处理厂、城北垃圾中转站、滨河公园调研督导环境整治工作。",
        "苗立群强调，要落实设施运维责任，确保稳定运行。",
    )
    assert [s.site for s in result.stops] == ["城西污水处理厂", "城北垃圾中转站", "滨河公园"]


def test_还到_three_sites_听取_are_three_stops():
    result = run(
        "10月12日，县委书记孔令文到石门镇调研。",
        "孔令文还到石门镇中心小学、镇卫生院、镇便民服务中心听取工作情况汇报。",
    )
    assert [s.site for s in result.stops] == ["石门镇中心小学", "镇卫生院", "镇便民服务中心"]


def test_fragments_of_sentences_are_not_stops():
    result = run(
        "7月9日，县长汪立本到青龙镇督导防汛工作。",
        "汪立本走进生产一线了解企业复工情况，又来到田间地头察看作物长势，随后前往受灾较重的村组慰问群众。",
        "汪立本要求，各村要抓紧排涝，减少农业损失。",
    )
    assert [s.site for s in result.stops] == []


# -- organisations and people ------------------------------------------------------------


def test_projects_museums_colleges_and_health_centres_are_organisations():
    result = run(
        "县长汪立本到青峰山隧道工程、城西片区雨污分流改造工程、临川师范学院和南溪镇中心卫生院调研。",
        "汪立本强调，要加快进度。",
    )
    orgs = set(result.entities.org)
    assert {"青峰山隧道工程", "城西片区雨污分流改造工程", "临川师范学院", "南溪镇中心卫生院"} <= orgs


def test_reporting_verbs_are_never_people():
    result = run(
        "8月3日，副市长张海波到市第一人民医院调研。",
        "张市长谈到，医院要持续改善就医体验。李局长强调，要抓好院感防控。",
    )
    assert result.entities.person == ["张海波"]


# -- several leaders, many paragraphs ----------------------------------------------------


def test_a_round_up_of_district_secretaries():
    result = run(
        "本周，各区委书记围绕城市更新和民生实事开展工作。",
        "13日，江北区委书记许方圆到江北区石桥街道调研老旧小区改造。许方圆要求，要把加装电梯作为重点，年底前完成30部。",
        "14日，江南区委书记苏永年主持召开区委常委会会议。苏永年强调，各街道要加快推进背街小巷整治。",
        title="书记这一周",
    )
    speakers = [d.speaker for d in result.directives]
    assert speakers == ["许方圆", "苏永年"]
    # at a street visited: the street (as written, alone or in its district's chain), not 江北
    assert result.directives[0].subject in ("石桥街道", "江北区石桥街道", "江北区")
    assert result.directives[1].subject == "各街道"


def test_a_forum_speech_over_several_paragraphs():
    result = run(
        "9月26日，市委书记严正言在柳溪县主持召开民营企业座谈会。",
        "座谈会上，五家企业负责人先后发言，介绍生产经营情况并提出意见建议。",
        "在认真听取大家发言后，严正言指出，各级各部门要当好服务企业的“店小二”。",
        "他强调，要落实领导干部挂钩联系企业制度，定期上门问需。",
        "对企业反映的融资难题，他要求，市金融办要牵头组织银企对接会。",
    )
    assert texts(result) == [
        "各级各部门要当好服务企业的“店小二”",
        "要落实领导干部挂钩联系企业制度，定期上门问需",
        "市金融办要牵头组织银企对接会",
    ]
    assert {d.speaker for d in result.directives} == {"严正言"}
    assert result.directives[2].subject == "市金融办"
