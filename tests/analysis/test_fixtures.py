"""The analyser on hand-written reports that differ in style from dev (tests/analysis/fixtures).

Each fixture is a report in the genre's wording (a provincial tour, a premier's forum,
a county safety inspection, a mayor's visits, a 新闻联播 paragraph, a village
inspection, an economic data article, a district tour full of others' pledges) with
its expected output in ``<stem>.expected.json`` (the corpus GUIDE's schema). These tests
check the parts that matter most to the ledger directly; the full scores come from
``python3 bench/analysis.py --corpus tests/analysis/fixtures``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import duban

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The held-out local reports are measured by bench/analysis.py, never asserted here: a
# test on them would invite tuning the rules to them, and they would stop being unseen.
STEMS = sorted(p.name[: -len(".expected.json")] for p in FIXTURES.glob("*.expected.json")
               if not p.name.startswith("local-holdout-"))

# Sentences in the fixtures that read like demands but are not the leaders': pledges,
# others' words, facts, the outlet's and officials' commentary.
EXCLUDED = {
    "province-tour": ["要加大研发投入", "得知企业今年产值"],
    "premier-forum": ["要进一步坚定发展信心", "成绩来之不易"],
    "county-safety": ["刘卫东一行深入生产车间"],
    "mayor-investment": ["招商引资是经济工作的生命线", "预计年底前投产", "对企业发展给予肯定"],
    "village-fivestar": ["要积极参与文明家庭创建", "查阅了"],
    "district-livelihood": ["要确保6月底前完成主体施工", "一定要按时保质完成建设任务", "庄严承诺", "办到了大家心坎上"],
    "xwlb-jiangxi": ["给予肯定", "察看生活环境"],
    "economy-data": ["要持续巩固经济回升向好势头"],
    "governor-campus": ["要继续推进“智慧医院”建设", "床位够不够用"],
    "flood-meeting": ["防汛形势严峻复杂", "作了发言"],
    "env-rectify": ["实地查看污水处理设施"],
    "county-unannounced": ["立行立改，坚决整改到位", "当场责成"],
    "port-quotes": ["一派繁忙景象", "航线开得越多", "提出意见建议"],
    "petition-visit": ["对处理结果非常满意", "小区外墙脱落"],
    "vice-premier-grain": ["表示肯定", "表示慰问", "详细了解小麦收获进度"],
    "park-three-points": ["实地察看项目建设进度"],
    "night-check": ["随机走进多家餐饮店"],
    "local-county-standing": ["开局平稳", "会议还研究了其他事项"],
    "local-district-forum": ["再上一条生产线", "生力军"],
    "local-bureau-airquality": ["已全部交办"],
    "local-gas-unannounced": ["将持续开展", "已累计检查"],
    "local-festival-news": ["预计亩产收入", "镇里将继续办好", "明年还要带家人来"],
    "local-street-committee": ["将全力做好资金和人员保障", "毛细血管"],
    "local-discipline-supervision": ["将立即召开专题会议", "提出明确要求"],
    "local-harvest-dispatch": ["抢收抢种任务十分繁重"],
    "local-market-unannounced": ["已完成提升改造"],
}


@pytest.fixture(scope="module")
def results():
    out = {}
    for stem in STEMS:
        gold = json.loads((FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8"))
        article = duban.read((FIXTURES / f"{stem}.txt").read_bytes())
        out[stem] = (gold, duban.analyze(article).to_dict())
    return out


def test_there_are_fixtures_of_every_kind():
    assert len(STEMS) >= 8
    assert set(EXCLUDED) <= set(STEMS)


@pytest.mark.parametrize("stem", STEMS)
def test_every_leader_directive_is_found_with_its_span(results, stem):
    gold, got = results[stem]
    texts = [d["text"] for d in got["directives"]]
    for d in gold["directives"]:
        assert d["text"] in texts, d["text"]


@pytest.mark.parametrize("stem", STEMS)
def test_pledges_facts_and_commentary_are_not_directives(results, stem):
    gold, got = results[stem]
    for phrase in EXCLUDED.get(stem, []):
        assert not [d["text"] for d in got["directives"] if phrase in d["text"]], phrase
    assert len(got["directives"]) == len(gold["directives"])


@pytest.mark.parametrize("stem", STEMS)
def test_speakers_and_event(results, stem):
    gold, got = results[stem]
    by_text = {d["text"]: d for d in got["directives"]}
    for d in gold["directives"]:
        assert by_text[d["text"]]["speaker"] == d["speaker"]
    assert got["event"]["date"] == gold["event"]["date"]
    assert [x["name"] for x in got["event"]["leaders"]] == [x["name"] for x in gold["event"]["leaders"]]


def test_several_speakers_at_one_forum(results):
    _, got = results["premier-forum"]
    assert {d["speaker"] for d in got["directives"]} == {"李强", "何立峰"}


@pytest.mark.parametrize(("stem", "opening", "subject"), [
    ("county-safety", "企业要切实落实", "恒达化工有限公司"),  # a generic actor at the unit visited
    ("county-safety", "县消防救援大队要", "县消防救援大队"),
    ("county-safety", "各乡镇、各部门要", "各乡镇"),  # coordinated actors: the first leads
    ("mayor-investment", "市经信局、沙市区要", "市经信局"),
    ("mayor-investment", "对已签约项目", "荆州开发区"),  # a briefing heard at a site is no meeting
    ("district-livelihood", "城门镇和区住建局要", "城门镇"),
    ("xwlb-jiangxi", "乡亲们发扬", "乡亲们"),  # the addressee of 勉励
    ("xwlb-jiangxi", "江西要坚持", "江西"),
    ("village-fivestar", "各村（社区）要", "各村（社区）"),
    ("village-fivestar", "社区要继续做实", "东湖社区"),
])
def test_subjects(results, stem, opening, subject):
    _, got = results[stem]
    found = [d for d in got["directives"] if d["text"].startswith(opening)]
    assert found and found[0]["subject"] == subject


@pytest.mark.parametrize(("stem", "opening", "co_units"), [
    ("county-safety", "各乡镇、各部门要", ["各部门"]),
    ("mayor-investment", "市经信局、沙市区要", ["沙市区"]),
    ("district-livelihood", "城门镇和区住建局要", ["区住建局"]),
])
def test_coordinated_actors_become_co_units(results, stem, opening, co_units):
    _, got = results[stem]
    found = [d for d in got["directives"] if d["text"].startswith(opening)]
    assert found and found[0]["co_units"] == co_units


def test_summing_up_after_the_tour_has_no_stop(results):
    _, got = results["county-safety"]
    summary = [d for d in got["directives"] if d["text"].startswith(("各乡镇", "要在1月底前"))]
    assert len(summary) == 2 and all(d["stop"] is None for d in summary)


def test_deadlines_as_written(results):
    deadlines = {d["text"][:8]: d["deadline"] for _, got in results.values() for d in got["directives"]}
    assert deadlines["城门镇和区住建局"].startswith("6月底前")
    assert deadlines["要在1月底前完成"].startswith("1月底前")
    assert deadlines["企业要切实落实安"] is not None and "三个月" in deadlines["企业要切实落实安"]


def test_list_heading_is_a_theme(results):
    _, got = results["province-tour"]
    levels = {d["text"][:2]: d["level"] for d in got["directives"]}
    assert levels["当前"] == "theme" and levels["一要"] == "item"


def test_data_article_yields_no_directives_and_no_leader(results):
    _, got = results["economy-data"]
    assert got["directives"] == [] and got["event"]["leaders"] == []


def test_local_bodies_and_chained_places_are_entities(results):
    _, county = results["county-safety"]
    assert {"县应急管理局", "县住建局", "县消防救援大队"} <= set(county["entities"]["org"])
    _, xwlb = results["xwlb-jiangxi"]
    assert {"梓山镇", "潭头村"} <= set(xwlb["entities"]["place"])
    _, village = results["village-fivestar"]
    assert "前进村" in village["entities"]["place"]
    assert not [p for p in village["entities"]["place"] if p.startswith("进一步")]


def test_the_meeting_speaks_with_its_chairs_voice(results):
    _, got = results["flood-meeting"]
    by_opening = {d["text"][:7]: d["speaker"] for d in got["directives"]}
    assert by_opening["各县市区要备足"] == "黄志伟"  # the mayor's own words
    assert by_opening["各级领导干部要"] == "陈国栋"  # 会议要求: the chair, not the last speaker


def test_sites_listed_first_then_visited_one_by_one(results):
    _, got = results["governor-campus"]
    sites = [s["site"] for s in got["stops"]]
    assert sites == ["兰州理工大学", "省人民医院"]
    stop_of = {d["text"][:4]: d["stop"] for d in got["directives"]}
    assert stop_of["高校是科"] == 0 and stop_of["医护人员"] == 1
    _, env = results["env-rectify"]
    assert [s["site"] for s in env["stops"]][-1] == "宏达建材有限公司"  # 现场和宏达建材…: two sites


def test_items_after_a_bare_cue_belong_to_the_summing_up(results):
    _, got = results["env-rectify"]
    items = [d for d in got["directives"] if d["text"][:2] in ("一要", "二要", "三要")]
    assert len(items) == 3 and all(d["stop"] is None for d in items)
    assert items[2]["subject"] == "区纪委监委"  # the actor the item names after its heading


def test_event_place_keeps_the_body_spelling_of_a_headline_pair(results):
    _, got = results["province-tour"]
    assert got["event"]["place"] == "宜春、抚州"  # headline: 在宜春抚州调研
    assert got["directives"][0]["subject"] == "宜春、抚州"


def test_a_leader_name_known_only_to_the_lexicon(results):
    _, got = results["county-unannounced"]  # 县委书记郑文辉采取“四不两直”方式
    assert [x["name"] for x in got["event"]["leaders"]] == ["郑文辉"]
    assert got["entities"]["place"] == []  # 责成县…, 乡镇和县直…: not 成县, 和县


def test_addressee_of_a_demand_without_yao(results):
    _, got = results["port-quotes"]
    last = got["directives"][-1]
    assert last["text"].startswith("省直有关部门认真梳理") and last["subject"] == "省直有关部门"


def test_a_petition_day_is_a_report(results):
    _, got = results["petition-visit"]
    assert got["event"]["kind"] == "接访"
    subjects = [d["subject"] for d in got["directives"]]
    assert subjects[:2] == ["区住房和城市更新局", "区人社局"]  # 要求X依法…/X会同…
    assert got["directives"][0]["deadline"].startswith("4月底前")


def test_grain_vocabulary_is_industry(results):
    _, got = results["vice-premier-grain"]
    assert {d["topic"] for d in got["directives"]} == {"产业发展"}


def test_points_announced_then_listed_in_paragraphs(results):
    _, got = results["park-three-points"]  # …提出三点要求： / 一是… / 二是… / 三是…
    items = [d for d in got["directives"] if d["text"][:2] in ("一是", "二是", "三是")]
    assert len(items) == 3
    assert items[0]["subject"] == "高新区"  # the jurisdiction of the leader's title
    quoted = got["directives"][0]  # 李志刚说：“项目建设是…。”
    assert not quoted["text"].startswith("“") and quoted["subject"] == "九洲电子产业园二期项目"
    assert [s["site"] for s in got["stops"]] == ["九洲电子产业园二期项目", "科技城智能制造产业园"]


@pytest.mark.parametrize(("stem", "opening", "subject", "co_units"), [
    ("local-county-standing", "县水务公司牵头", "县水务公司", []),  # 会议明确，X牵头…: no 要
    ("local-onsite-minutes", "由国网石湖供电公司牵头", "国网石湖供电公司", ["区发改局"]),  # under 一、关于…。
    ("local-project-dispatch", "一是强化要素保障", "县自然资源局", ["县财政局"]),  # the unit after the heading
    ("local-renewal-push", "3、市燃气集团", "市燃气集团", ["南川供电公司"]),  # 具体部署如下：1、…
    ("local-township-fireguard", "村“两委”要", "杨家坪村", []),  # the village's committee, at the village
    ("local-district-forum", "要持续优化营商环境", "青山区", []),  # 区长 and the 区 the body names
    ("local-market-unannounced", "农贸市场是群众", "市场监管、城管、卫健等部门", []),
])
def test_local_minutes_subjects_and_co_units(results, stem, opening, subject, co_units):
    _, got = results[stem]
    found = [d for d in got["directives"] if d["text"].startswith(opening)]
    assert found and (found[0]["subject"], found[0]["co_units"]) == (subject, co_units)


def test_a_round_up_names_every_secretary_and_their_sites(results):
    _, got = results["local-weekly-roundup"]
    assert [x["name"] for x in got["event"]["leaders"]] == ["魏光辉", "蒋红梅", "高远航", "汤志强"]
    assert [s["site"] for s in got["stops"]][:3] == ["长宁县经济开发区", "区防汛工作会议", "石门县人民医院"]
    by_speaker = {d["speaker"]: d for d in got["directives"]}
    assert got["stops"][by_speaker["蒋红梅"]["stop"]]["site"] == "区防汛工作会议"


def test_a_local_news_story_without_demands_yields_none(results):
    _, got = results["local-festival-news"]
    assert got["directives"] == []
    assert "李春生" in got["entities"]["person"] and "王女士" not in got["entities"]["person"]
