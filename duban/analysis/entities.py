"""Names of people, places and organisations in an article body.

Organisations and sub-county places (街道, 镇, 村, 社区) are found by their suffix,
extended leftwards to the nearest boundary: punctuation, a division name, or one of
the genre's function words (在, 来到, 走进, 围绕 …). Counties and above come from
jionlp's division lexicon and carry their code (召陵区 -> 411104).
"""

from __future__ import annotations

import re

from duban.analysis.names import SURNAMES, TITLE_ENDINGS, list_names, name_at, titled_names
from duban.analysis.places import find_divisions, resolve_codes
from duban.analysis.schema import Entities

ORG_SUFFIXES = (
    "有限公司|股份公司|公司|集团|研究院|研究所|研究中心|研发中心|服务中心|指挥中心|调度指挥中心|中心|实验室|"
    "工业园|产业园|科技园|园区|陆港区|大学|学院|学校|中学|小学|幼儿园|医院|卫生院|博物馆|纪念馆|陈列馆|展览馆|"
    "文化园|图书馆|体育馆|美术馆|书院|银行|卷烟厂|厂|车间|合作社|商贸城|市场|港|机场|火车站|南站|北站|东站|西站|"
    "服务区|安置点|寺|石窟|资源库|种植园|展览会|博览会|指挥部|指导组|项目|基地|农场|"
    "工作部|管理局|委员会|办公室|运输部|水利部|管理部|改革委|气象局|国家实验室|战区|机关"
)
PLACE_SUFFIXES = "街道|镇|村|社区|嘎查|苏木"
# Words a name never runs across when read leftwards from its suffix.
_BOUNDARY_WORDS = (
    "在|来到|走进|前往|参观|考察|视察|调研|围绕|与|和|同|到|对|向|为|是|的|了|及|以及|等|将|从|把|察看|查看|了解|"
    "听取|强调|指出|深入|先后|随后|位于|打造|建设|推动|推进|加快|发展|支持|依托|联合|代表|负责同志|看望|慰问|走访|"
    "主持|召开|出席|举办|担任|全体|有关|相关|各|该|这|那|其|他|她|时|并"
)
_BOUNDARY_SET = frozenset(_BOUNDARY_WORDS.split("|"))
_BOUNDARY_CHARS = set("，,。；;：:、！？!?“”\"'（）()《》〈〉【】 \u3000\n0123456789")
_GENERIC = re.compile(
    r"^(?:[市县区省镇乡村]|[该本此各全我]|当地|有关|相关|周边|周围|重点|一批|一些|多家|多个|两个|三个|这些|那些|所在)"
    r"|^(?:企业|公司|中心|项目|基地|市场|园区|学校|医院|部门|单位|机关|工厂|车间|社区|村|乡镇|街道|农村|城市)$")
_NOT_IN_NAME = re.compile(
    r"[了着过吗呢吧啊得地]|要|必须|推动|加快|提升|实现|确保|坚持|抓好|做好|打造|加强|健全|激发|强化|积极|参与|招引|"
    r"建立|构建|拓展|处理|询问|增强|开拓|完善|优化|加大|聚焦|站位|功能|布局|决策|部署|更大|高水平|全产业链|一批")
# Outlets named in datelines and bylines are not actors (GUIDE: entities).
_OUTLETS = ("新华社", "央视网", "人民网", "新华网", "中新社", "中新网", "央视", "本报", "记者")
# Well-known geographic regions and waters written without a division suffix.
REGIONS = (
    "中国|京津冀|长三角|珠三角|粤港澳大湾区|成渝|东三省|东北|西北|西南|华北|华东|华南|华中|中原|江淮|江南|"
    "黄河|长江|淮河|珠江|海河|辽河|松花江|大运河|京杭大运河|青藏高原|黄土高原|琼州海峡|台湾海峡|渤海|黄海|东海|南海"
)
_REGION_RE = re.compile(rf"(?<![\u4e00-\u9fff])(?:{REGIONS})(?=[^\u4e00-\u9fff]|流域|地区|沿线|经济带|[的和与、])")
_WATER_RE = re.compile(r"([\u4e00-\u9fff]{1,4}?(?:河|江|湖|海|山|峡))(?=[、，,。改治生流水沿两畔]|等|水)")


def _left_extent(text: str, end_of_prefix: int, limit: int = 14, division_ends=()) -> int | None:
    """Start of the name whose suffix starts at ``end_of_prefix``, reading leftwards.

    None when no boundary is reached within ``limit`` characters or the name would be
    shorter than two characters: then the suffix is part of an ordinary phrase.
    """
    start = end_of_prefix
    while True:
        if start == 0 or text[start - 1] in _BOUNDARY_CHARS or start in division_ends \
                or any(text[max(0, start - k):start] in _BOUNDARY_SET for k in (1, 2, 3, 4)):
            return start if end_of_prefix - start >= 2 else None
        if end_of_prefix - start >= limit:
            return None
        start -= 1


def find_orgs(text: str, division_ends=()) -> list[tuple[str, int, int]]:
    out = []
    for m in re.finditer(rf"(?:{ORG_SUFFIXES})(?![\u4e00-\u9fff]{{0,0}}[园院所部局厅中])", text):
        start = _left_extent(text, m.start(), division_ends=division_ends)
        if start is None:
            continue
        name = text[start:m.end()]
        name = re.sub(r"^[“”\"]+", "", name)
        if len(name) < 3 or name[:-len(m.group())] == "" or _GENERIC.search(name[:-len(m.group())] or name):
            continue
        if _NOT_IN_NAME.search(name) or any(o in name for o in _OUTLETS):
            continue
        out.append((name, start, m.end()))
    return _drop_nested(out)


def find_local_places(text: str, division_ends=()) -> list[tuple[str, int, int]]:
    """Towns, streets, villages and communities (后宅街道, 李祖村, 漓江路社区)."""
    out, ends = [], set()
    for m in re.finditer(rf"(?:{PLACE_SUFFIXES})(?![\u4e00-\u9fff]{{0,0}}[民委干里庄长子头口级域])", text):
        start = _left_extent(text, m.start(), limit=5, division_ends=division_ends | ends)
        if start is None:
            continue
        name = text[start:m.end()]
        prefix = name[:-len(m.group())]
        if len(prefix) < 2 or _GENERIC.search(prefix) or _NOT_IN_NAME.search(name):
            continue
        if re.search(r"[乡村镇]$", prefix) or re.search(r"(?:城|农|乡|山|全|每|一|各|个|本)$", prefix):
            continue
        out.append((name, start, m.end()))
        ends.add(m.end())
    return _drop_nested(out)


def _drop_nested(spans):
    spans = sorted(set(spans), key=lambda s: (s[1], -(s[2] - s[1])))
    out, last_end = [], -1
    for name, start, end in spans:
        if start >= last_end:
            out.append((name, start, end))
            last_end = end
    return out


def find_people(text: str, known: list[str]) -> list[str]:
    people = list(dict.fromkeys(known))
    for name, _title, _pos in titled_names(text):
        people.append(name)
    for m in re.finditer(rf"(?:记者)([\u4e00-\u9fff]{{2,3}})(?=[）)、，,])", text):
        people.append(m.group(1))
    for m in re.finditer(r"同志|总书记", text):
        for n in (3, 2):
            cand = text[max(0, m.start() - n):m.start()]
            if len(cand) == n and cand[:1] in SURNAMES and name_at(text, m.start() - n) == cand:
                people.append(cand)
                break
    for m in re.finditer(r"([^。；]*?)(?:陪同|参加)", text):
        people.extend(list_names(re.sub(r"^.*(?:在|由)", "", m.group(1))))
    return [p for p in dict.fromkeys(people) if not re.search(TITLE_ENDINGS, p)]


def extract(body: list[str], known_people: list[str]) -> Entities:
    text = "\n".join(body)
    people = find_people(text, known_people)
    divisions = find_divisions(text)
    division_ends = {end for _, _, end in divisions}
    local = find_local_places(text, division_ends)
    orgs = find_orgs(text, {end for _, _, end in local})
    org_spans = [(s, e) for _, s, e in orgs]

    def inside_org(start, end, name):
        return any(s <= start and end <= e and (s, e) != (start, end) for s, e in org_spans)

    places = []
    for name, start, end in divisions + local:
        if not inside_org(start, end, name):
            places.append(name)
    for m in _REGION_RE.finditer(text):
        if not inside_org(m.start(), m.end(), m.group()):
            places.append(m.group())
    places = [p for p in dict.fromkeys(places)]
    org_names = []
    for name, start, end in orgs:
        # an org that is itself only a place's name (…社区) stays a place
        if name in places or any(name.endswith(p) and len(p) == len(name) for p in places):
            continue
        org_names.append(name)
    org_names = list(dict.fromkeys(org_names))
    # a name that occurs only inside a longer name of the same kind is dropped
    org_names = _drop_contained(org_names, text)
    places = _drop_contained(places, text)
    people = [p for p in people if not any(p in o for o in org_names)]
    return Entities(person=people, place=places, org=org_names, place_codes=resolve_codes(places))


def _drop_contained(names: list[str], text: str) -> list[str]:
    keep = []
    for name in names:
        longer = [o for o in names if o != name and name in o]
        if longer and text.count(name) <= sum(text.count(o) for o in longer):
            continue
        keep.append(name)
    return keep
