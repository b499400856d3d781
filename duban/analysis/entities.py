"""Names of people, places and organisations in an article body.

Organisations and sub-county places (街道, 镇, 村, 社区) are found by their suffix,
extended leftwards to the nearest boundary: punctuation, a division name, or one of
the genre's function words (在, 来到, 走进, 围绕 …). Counties and above come from
jionlp's division lexicon and carry their code (召陵区 -> 411104).
"""

from __future__ import annotations

import bisect
import re

from duban.analysis.names import SURNAMES, TITLE_ENDINGS, is_surname_start, list_names, name_at, titled_names
from duban.analysis.places import find_divisions, resolve_codes, scan_divisions
from duban.analysis.schema import Entities
from duban.analysis.vocabulary import LOOK_VERBS, TOUR_VERBS, VISIT_VERBS, alt

ORG_SUFFIXES = (
    "有限公司|股份公司|公司|集团|研究院|研究所|研究中心|研发中心|服务中心|指挥中心|调度指挥中心|中心|实验室|"
    "工业园|产业园|科技园|园区|陆港区|大学|学院|学校|中学|小学|幼儿园|医院|卫生院|博物馆|纪念馆|陈列馆|展览馆|"
    "文化园|图书馆|体育馆|美术馆|博物院|书院|银行|卷烟厂|厂|合作社|商贸城|港|机场|火车站|南站|北站|东站|西站|治理工程|工程|"
    "服务区|安置点|寺|石窟|资源库|种植园|展览会|博览会|指挥部|指导组|项目|基地|"
    "工作部|管理局|委员会|办公室|运输部|水利部|管理部|改革委|气象局|国家实验室|战区|机关|兵团|站|"
    "经济技术开发区|开发区|高新区|商业广场|广场|步行街"
)
PLACE_SUFFIXES = "街道|镇|乡(?![村亲土愁贤音情下风间野里镇])|村|社区|嘎查|苏木"
# Words a name never runs across when read leftwards from its suffix.
_BOUNDARY_WORDS = alt(VISIT_VERBS[:4], TOUR_VERBS[:3], LOOK_VERBS[:4], LOOK_VERBS[6:], (
    "在", "来自", "参观", "走访", "围绕", "与", "和", "同", "到", "对", "向", "为", "是", "的", "了", "及", "以及",
    "等", "将", "从", "把", "强调", "指出", "深入", "先后", "随后", "位于", "打造", "建设", "推动", "推进", "加快",
    "发展", "支持", "依托", "联合", "代表", "负责同志", "主持", "召开", "出席", "举办", "担任", "全体", "有关", "相关",
    "各", "该", "这", "那", "其", "他", "她", "时", "并", "责成", "督促", "要求", "当场", "会同"))
_BOUNDARY_SET = frozenset(_BOUNDARY_WORDS.split("|"))
_BOUNDARY_CHARS = set("，,。；;：:、！？!?“”\"'（）()《》〈〉【】 \u3000\n0123456789")
_GENERIC = re.compile(
    r"^(?:[市县区省镇乡村]|[该本此各全我每]|当地|有关|相关|周边|周围|重点|一批|一些|多家|多个|两个|三个|这些|那些|所在|"
    r"国家机关|生产|智能|现代|高端|绿色|开放|国际|运营|管理|创新|研发|综合|服务|新型|示范)"
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
_REGION_RE = re.compile(rf"(?:{REGIONS})(?=[^\u4e00-\u9fff]|流域|地区|沿线|经济带|大地|[的和与、等])")
_WATER_RE = re.compile(r"([\u4e00-\u9fff]{1,4}?(?:河|江|湖|海|山|峡))(?=[、，,。改治生流水沿两畔]|等|水)")


def _left_extent(text: str, end_of_prefix: int, limit: int = 14, division_ends=()) -> int | None:
    """Start of the name whose suffix starts at ``end_of_prefix``, reading leftwards.

    None when no boundary is reached within ``limit`` characters or the name would be
    shorter than two characters: then the suffix is part of an ordinary phrase.
    """
    start = end_of_prefix
    words = _BOUNDARY_SET
    while True:
        before = text[max(0, start - 4):start]  # a boundary word (1 to 4 characters) may end here
        if start == 0 or before[-1] in _BOUNDARY_CHARS or start in division_ends or before[-1] in words \
                or before[-2:] in words or before[-3:] in words or before in words:
            return start if end_of_prefix - start >= 2 else None
        if end_of_prefix - start >= limit:
            return None
        start -= 1


def find_orgs(text: str, division_ends=()) -> list[tuple[str, int, int]]:
    out = []
    for m in re.finditer(rf"(?:{ORG_SUFFIXES})(?![园院所部局厅中位点长台])", text):
        start = _left_extent(text, m.start(), division_ends=division_ends)
        if start is None:
            continue
        name = text[start:m.end()]
        name = re.sub(r"^[“”\"]+", "", name)
        if len(name) < 3 or name[:-len(m.group())] == "" or _GENERIC.search(name[:-len(m.group())] or name):
            continue
        if _NOT_IN_NAME.search(name) or any(o in name for o in _OUTLETS):
            continue
        name, start = _after_last_verb(name, start, len(m.group()))
        if name and _looks_proper(name[:-len(m.group())], m.group()):
            out.append((name, start, m.end()))
    for m in _BODY_RE.finditer(text):
        g = m.lastindex  # 1: a local body, whose 县/市/区 head is its proper part
        name = m.group(g)
        if (g == 1 or not _GENERIC.search(name)) and not re.search(r"布局|全局|部署|[党常省市区县]委$|^[要在]", name):
            out.append((name, m.start(g), m.end(g)))
    for m in _UNIT_RE.finditer(text) if _UNIT_HINT.search(text) else ():
        group = m.lastindex
        start, end = m.start(group), m.end(group)
        if group == 1:  # read the unit's name leftwards from 某, as for suffixes
            start = _left_extent(text, start + m.group(1).index("某"), limit=5)
            if start is None:
                continue
        out.append((text[start:end], start, end))
    for m in _LISTED_RE.finditer(text) if _LISTED_HINT.search(text) else ():
        items = m.group(1).split("、")
        items[0] = re.sub(rf"^.*(?:{_LIST_LEAD})", "", items[0])
        pos = m.start(1)
        for item in items:
            if 2 <= len(item) <= 10 and not _GENERIC.search(item):
                out.append((item, pos, pos + len(item)))
            pos += len(item) + 1
    return _drop_nested(out)


# Government bodies named in a list or before 负责同志 (应急管理部、水利部、国家发展改革委).
_BODY_RE = re.compile(
    # local bodies as actors: 县住建局要…, 从市统计局获悉, 县消防救援大队要… (their 县/市/区 head is the proper part)
    r"(?:(?<=[、和及（(到在从由向对，,。；\n])|(?<=要求|责成|督促|会同)|^)([县市区][\u4e00-\u9fff]{0,7}?(?<![大全格布新开结变当])(?:分局|局|大队|纪委监委))"
    r"(?=[、和及）)，,。]|负责|要|等|获悉|牵头|分别|汇报|会同|依法|尽快|立即|切实|认真|加强)"
    r"|(?<=[、和及（(到在])([\u4e00-\u9fff]{2,8}?(?:部|委|局|署))(?=[、和及）)，,。]|负责)")

# Units named the genre's own ways: 火箭军某旅, 京昆高速石家庄段.
_UNIT_RE = re.compile(
    r"([\u4e00-\u9fff]{2,5}某(?:旅|部|团|师|营|连|基地|部队))"
    r"|((?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,4}(?:高速|国道|省道|铁路)[\u4e00-\u9fff]{2,4}段)"
    r"|((?<=[到在，,、])[\u4e00-\u9fff]{2,4}(?:高速|国道|省道|铁路)[\u4e00-\u9fff]{2,4}段)")
_LIST_LEAD = alt(VISIT_VERBS[:4], TOUR_VERBS[:3], ("包括", "有", "与", "和"))
# Cheap checks first: the two patterns above and below try many lengths at every character.
_UNIT_HINT = re.compile(r"某|高速|国道|省道|铁路")
_LISTED_HINT = re.compile(r"等(?:企业|品牌|公司|单位|车企|厂商|集团)")
# Units listed before 等企业/等品牌 (金风科技、特变电工…等企业).
_LISTED_RE = re.compile(r"((?:[^\s、，,。；“”]{2,12}、){2,}[^\s、，,。；“”]{2,10})等(?:企业|品牌|公司|单位|车企|厂商|集团)")


def _after_last_verb(name: str, start: int, suffix_len: int) -> tuple[str, int]:
    """'习近平亲切接见军委联指中心' -> '军委联指中心': a name never contains a verb."""
    import rjieba

    pos, cut = 0, 0
    for word, tag in rjieba.tag(name[:-suffix_len]):
        pos += len(word)
        if tag == "v" and len(word) >= 2 or tag.startswith("nr") and len(word) >= 2 and word[0] in SURNAMES and pos <= 4:
            cut = pos
    if cut:
        name, start = name[cut:], start + cut
        if len(name) - suffix_len < 2 or _GENERIC.search(name[:-suffix_len]):
            return "", start
    return name, start


def _looks_proper(prefix: str, suffix: str) -> bool:
    """An organisation's name has a proper part: a place, a brand, a number (第三), quotes."""
    import rjieba

    if re.search(r"有限公司|股份|集团|[“”《》\d]|第[一二三四五六七八九十]", prefix + suffix):
        return True
    if scan_divisions(prefix):
        return True
    for word, tag in rjieba.tag(prefix):
        if tag in ("ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng") or not rjieba.has_word(word):
            return True
    return False


def find_local_places(text: str, division_ends=()) -> list[tuple[str, int, int]]:
    """Towns, streets, villages and communities (后宅街道, 李祖村, 漓江路社区)."""
    out, ends = [], set(division_ends)  # one set, grown in place: a union per match was quadratic
    for m in re.finditer(rf"(?:{PLACE_SUFFIXES})(?![\u4e00-\u9fff]{{0,0}}[民委干里庄长子头口级域])", text):
        start = _left_extent(text, m.start(), limit=5, division_ends=ends)
        if start is None:
            continue
        name = text[start:m.end()]
        prefix = name[:-len(m.group())]
        if len(prefix) < 2 or _GENERIC.search(prefix) or _NOT_IN_NAME.search(name):
            continue
        if re.search(r"[乡村镇]$", prefix) or re.search(r"(?:城|农|乡|山|全|每|一|各|个|本)$", prefix):
            continue
        if _opens_with_adverb(prefix):
            continue  # 进一步壮大村集体经济: a clause, not a name (前进村 is one)
        inner = re.search(r"(?<=[\u4e00-\u9fff]{2})(?:镇|乡|街道)(?=[\u4e00-\u9fff]{2})", name)
        if inner and m.group() in ("村", "社区", "嘎查"):
            # 梓山镇潭头村: a chain, each level a place of its own
            out.append((name[:inner.end()], start, start + inner.end()))
            start += inner.end()
            name = name[inner.end():]
        out.append((name, start, m.end()))
        ends.add(m.end())
    return _drop_nested(out)


def _opens_with_adverb(words: str) -> bool:
    import rjieba

    tagged = rjieba.tag(words)
    return bool(tagged) and tagged[0][1] == "d" and len(tagged[0][0]) >= 2


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
    for m in re.finditer(r"(?:记者)([\u4e00-\u9fff]{2,3})(?=[）)、，,])", text):
        if is_surname_start(m.group(1)) and not _has_verb(m.group(1)):  # not 记者了解到
            people.append(m.group(1))
    for m in re.finditer(r"同志|总书记", text):
        for n in (3, 2):
            cand = text[max(0, m.start() - n):m.start()]
            if len(cand) == n and cand[:1] in SURNAMES and "负责" not in cand \
                    and name_at(text, m.start() - n) == cand and not _has_verb(cand):
                people.append(cand)
                break
    for sentence in re.split(r"[。；\n]", text):
        for m in re.finditer(r"陪同|参加", sentence):
            people.extend(list_names(re.sub(r"^.*(?:在|由)", "", sentence[:m.start()])))
    return [p for p in dict.fromkeys(people) if not re.search(TITLE_ENDINGS, p)]


def _has_verb(words: str) -> bool:
    import rjieba

    return any(tag == "v" and len(word) >= 2 for word, tag in rjieba.tag(words))


def extract(body: list[str], known_people: list[str]) -> Entities:
    text = "\n".join(body)
    people = find_people(text, known_people)
    divisions = find_divisions(text)
    division_ends = {end for _, _, end in divisions}
    local = find_local_places(text, division_ends)
    orgs = find_orgs(text, {end for _, _, end in local})
    org_spans = _Spans((s, e) for _, s, e in orgs)

    def inside_org(start, end, name):
        return org_spans.holds(start, end, strictly=True)

    places = []
    local_spans = {(s, e) for _, s, e in local}
    for name, start, end in sorted(divisions + local, key=lambda x: x[1]):
        if inside_org(start, end, name):
            continue
        if (start, end) in local_spans or _stands_alone(text, name, start, end):
            places.append(name)
    for m in _REGION_RE.finditer(text):
        if not inside_org(m.start(), m.end(), m.group()):
            places.append(m.group())
    places.extend(_geographic_names(text, org_spans))
    places = _one_name_per_division(list(dict.fromkeys(places)))
    org_names = []
    for name, _start, _end in orgs:
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


class _Spans:
    """Sorted, non-overlapping (start, end) spans (as _drop_nested leaves them): which one
    holds a position is a binary search, so long texts stay linear."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def holds(self, start: int, end: int, strictly: bool = False) -> bool:
        k = bisect.bisect_right(self.starts, start)  # only the last span starting before can
        if not k:
            return False
        span = self.spans[k - 1]
        return span[1] >= end and not (strictly and span == (start, end))


_AFTER_PLACE = set("，,。、；：:的和与及等地在到省市县区人经考调视”）)新大上下北南东西中全各共沿两这")
_DATELINE_RE = re.compile(r"[^，。\n]{0,16}?\d{1,2}月\d{1,2}日电")  # matched at a line's start


def _stands_alone(text: str, name: str, start: int, end: int) -> bool:
    """A division name counts where it names the place, not in a title, dateline or word.

    Leaves out 山东省委书记 (a title), 新华社乌鲁木齐5月9日电 (a dateline), and short
    names inside words (长治久安, 平安顺利)."""
    after = text[end:end + 2]
    if re.match(r"委|党委|政府|人民政府|代表团", after):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    dateline = _DATELINE_RE.match(text, line_start)  # not text[line_start:]: no copy of the rest
    if dateline and start < dateline.end():
        return False
    if not re.search(r"[省市县区州盟旗]$", name) and len(name) <= 4:
        return after[:1] in _AFTER_PLACE or after == "" or after[:1].isspace()
    return True


_GEO_SUFFIX = re.compile(r"(?:河|江|湖|海|海峡|山|岛|坡|峡|口|原|岭|湾|滩|泉|沟|岗|谷|运河)$")


def _geographic_names(text: str, org_spans) -> list[str]:
    """Rivers, lakes, mountains … that jieba's lexicon tags as places (汾河, 呼伦湖, 西柏坡).

    Only short windows ending in a geographic character are tagged: tagging the whole
    text would cost more than the rest of the analysis.
    """
    import rjieba

    out = []
    for m in _GEO_CHAR.finditer(text):
        end = m.end()
        window = text[max(0, end - 6):end]
        words = rjieba.tag(window)
        if not words:
            continue
        word, tag = words[-1]
        start = end - len(word)
        if tag in ("ns", "nz") and len(word) >= 2 and _GEO_SUFFIX.search(word) \
                and text[end:end + 1] not in _GEO_CONTINUES \
                and not org_spans.holds(start, end):
            out.append(word)
    return out


_GEO_CHAR = re.compile(r"(?<=[\u4e00-\u9fff])[河江湖海山岛坡峡口原岭湾滩泉沟岗谷]")
# Characters that would make the word part of a longer one (黄河流 is fine, 海关 is not a sea).
_GEO_CONTINUES = set("关军景港员外洋")


def _one_name_per_division(places: list[str]) -> list[str]:
    """浙江 and 浙江省 are one place: keep the form written first."""
    from duban.analysis.places import divisions

    index, seen, out = divisions(), set(), []
    for name in places:
        options = index.get(name)
        code = options[0].code if options and len(options) == 1 else None
        if code and code in seen:
            continue
        if code:
            seen.add(code)
        out.append(name)
    return out


def _drop_contained(names: list[str], text: str) -> list[str]:
    keep = []
    for name in names:
        longer = [o for o in names if o != name and name in o]
        if longer and text.count(name) <= sum(text.count(o) for o in longer):
            continue
        keep.append(name)
    return keep
