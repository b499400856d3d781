"""Article -> Analysis: the steps in order (event, stops, directives, entities)."""

from __future__ import annotations

import bisect
import re

from duban.analysis.deadline import find_deadline
from duban.analysis.directives import ENUMERATOR, IMPERATIVE, STRONG, Found, find_directives, split_parallel
from duban.analysis.entities import extract
from duban.analysis.event import build_event, find_place, jurisdiction_of
from duban.analysis.names import cue_names, titled_names
from duban.analysis.places import find_divisions
from duban.analysis.schema import Analysis, Directive, Leader, Stop
from duban.analysis.stops import find_stops
from duban.analysis.topic import classify
from duban.analysis.vocabulary import (
    ACTOR_ENDINGS,
    ADDRESS_CUES,
    DUTY_VERBS,
    MEETINGS,
    PRONOUNS,
    SPEECH_CUES,
    TOUR_VERBS,
    alt,
)
from duban.reader.article import Article

# Who may be told to act, written before 要 (广大教师要…, 各级党组织要…, 全军要…).
_NOT_ACTOR = re.compile(rf"^(?:{alt(PRONOUNS)})$")
_ACTOR = re.compile(rf"(?:{alt(ACTOR_ENDINGS)})$")
_PRONOUN_ADDRESSEE = re.compile(r"^(?:他们|她们|你们)")
_TIME_WORDS = re.compile(r"^(?:当前|今后|下一步|新时代新征程|现在|今年|明年|同时|此外|特别是|尤其是)[，,]?")
def _trim_span(text: str) -> tuple[int, str]:
    """Separators off both ends; quotation marks too, unless they close a quote inside
    (说：“…要…。” loses both marks, 落实“三管三必须” keeps its own)."""
    body = text.lstrip("，,：: ")
    lead = len(text) - len(body)
    body = body.rstrip("，,：: ")
    if body.startswith("“") and "”" not in body[1:-1]:  # not “放管服”改革要…
        body, lead = body[1:], lead + 1
    if body.endswith("”") and body.count("“") < body.count("”"):
        body = body[:-1]
    return lead, body.strip("，,：: ")


_MEETING_SITE = re.compile(alt(MEETINGS))


def analyze_article(article: Article) -> Analysis:
    from duban.analysis.text import split_body

    sentences = split_body(article.body)
    event = build_event(article, sentences)
    text = "\n".join(article.body)
    speakers, titles = _speakers(article, event)
    division_names = {name for name, _, _ in find_divisions(text)}
    entities = extract(article.body, [x.name for x in event.leaders] + event.attendees)
    mentions = find_stops(sentences, speakers, division_names, event.place, entities.org)
    # No gate: any official's reported speech, or the meeting's, is read, whether or
    # not the event and its leader were recognised (a missed leader must not empty a report).
    chair = _chair(text, titles)
    main = event.leaders[0].name if event.leaders else chair
    found = find_directives(sentences, speakers, main, titles, chair) if _reports_work(article) else []
    leader = event.leaders[0].name if event.leaders else None
    grounds = _own_grounds(speakers, leader, titles, sentences, event.place)
    if len(grounds) >= 2:  # a round-up: each secretary leads their own event
        known = {x.name for x in event.leaders}
        event.leaders += [Leader(name=n, title=titles.get(n) or None) for n in grounds if n not in known]
    elsewhere = set()  # directives of a leader with a ground of their own: no stop before it
    directives, stop_of, found_of = [], [], []
    seen: dict[str, Directive] = {}
    latest_stop = _LatestBefore([m.order for m in mentions])
    for f in found:
        for a, b in split_parallel(f.text):
            lead, piece = _trim_span(f.text[a:b])
            if not piece:
                continue
            if piece in seen:  # the same text again (pasted twice, a refrain): one proposal
                seen[piece].count += 1
                continue
            start = f.sentence.start + f.start + a + lead
            directives.append(Directive(
                text=piece, speaker=f.speaker or None, para=f.sentence.para, start=start, end=start + len(piece),
                deadline=find_deadline(piece),
                topic=classify(piece, article.title or "", article.body[f.sentence.para])))
            seen[piece] = directives[-1]
            stop = _stop_index(f, latest_stop)
            ground = grounds.get(f.speaker)
            if ground and (stop is None or mentions[stop].para < ground[0]):
                stop = None  # a site of the leader before: a round-up's next leader starts afresh
                elsewhere.add(len(stop_of))
            stop_of.append(stop)
            found_of.append(f)
    # meetings count as stops only where directives were given there
    used = {i for i in stop_of if i is not None}
    keep = [i for i, m in enumerate(mentions) if not m.meeting or i in used]
    renumber = {old: new for new, old in enumerate(keep)}
    stops = [Stop(site=mentions[i].site, para=mentions[i].para) for i in keep]
    if len(stops) == 1 and mentions:
        # the only stop, unless it is a meeting held after the directive (a round-up's next leader)
        later_meeting = mentions[keep[0]].meeting
        stop_of = [renumber.get(i, 0) if i is not None
                   else None if k in elsewhere or (later_meeting and mentions[keep[0]].para > directives[k].para)
                   else 0 for k, i in enumerate(stop_of)]
    else:
        stop_of = [renumber.get(i) if i is not None else None for i in stop_of]
    openings = {}
    for s in sentences:
        openings.setdefault(s.para, s)
    kept_paras = sorted(mentions[i].para for i in keep)
    sites_kept = sum(1 for i in keep if not mentions[i].meeting)
    last_named: dict[str | None, str] = {}
    for d, stop, f in zip(directives, stop_of, found_of, strict=True):
        listed = _listed_with(stop, keep, mentions)  # 来到A小学和B中学 … 学校要…: both schools
        if stop is not None and (mentions[keep[stop]].in_list or _summing_up(f, openings, kept_paras, sites_kept)):
            stop = None  # said after touring several units: addressed to the jurisdiction
        d.stop = stop
        site = stops[stop].site if stop is not None else None
        lead, co_units = responsible_units(d.text)
        named = lead or (f.addressed and _addressee(d.text)) or _named_subject(d.text, entities)
        place = grounds[d.speaker][1] if d.speaker in grounds else event.place
        if f.addressed and _PRONOUN_ADDRESSEE.match(d.text):
            # 希望他们…: the people of the unit visited, else not named; no guess
            d.subject = _subject("", site, None, entities) if site else None
            d.subject, d.co_units = _split_units(d.subject, [])
            continue
        d.subject = named or _subject(d.text, site, place, entities)
        if d.subject is None:
            # no unit, no jurisdiction (a meeting anywhere): the actor this speaker last addressed
            d.subject = last_named.get(d.speaker)
        elif named and (site is None or _MEETING_SITE.search(site)):
            last_named[d.speaker] = named  # addressed to all, not to one unit visited
        if site and d.subject and d.subject != site and (site.endswith(d.subject) or _kind_of(d.subject, site)):
            d.subject = _subject("", site, place, entities)  # 要求社区… at 幸福里社区: that one
        elif not site and listed and d.subject and all(_kind_of(d.subject, x) for x in listed):
            d.subject, co_units = listed[0], listed[1:] + co_units  # the first listed leads, the others help
        d.subject, d.co_units = _split_units(d.subject, co_units)
    _mark_themes(directives)
    return Analysis(article=article, event=event, stops=stops, directives=directives, entities=entities)


# Words of a work report (a meeting, an inspection, a speech that sets tasks). A page
# without any of them — a news story quoting someone's views (表示/说 only) — has no
# directives. No leader or event needs to be recognised for this.
_REPORT_WORDS = re.compile(alt(("强调", "指出", "要求", "讲话", "部署", "会议", "座谈", "汇报", "议定", "纪要",
                                "叮嘱", "嘱托", "勉励", "现场办公"), TOUR_VERBS))


def _reports_work(article: Article) -> bool:
    return bool(_REPORT_WORDS.search(article.title or "") or any(_REPORT_WORDS.search(p) for p in article.body))


def _speakers(article: Article, event) -> tuple[list[str], dict[str, str]]:
    """The officials who may speak, and the titles the article gives them."""
    names = [x.name for x in event.leaders]
    titles = {x.name: x.title or "" for x in event.leaders}
    text = "\n".join(article.body)
    for name, title, _pos in titled_names(text):
        titles.setdefault(name, title)
    # 何立峰强调 and 何立峰在座谈会上指出 alike
    cues = rf"(?<=[\u4e00-\u9fff])(?:在[^，。；]{{1,15}}?(?:上|中|时|期间))?(?:{_CUE_WORDS})"
    for name in cue_names(text, cues):
        # every official reported as speaking counts: a titled name, or an attendee
        if name not in names and (name in titles or name in event.attendees):
            names.append(name)
    return names, titles


_CUE_WORDS = alt(SPEECH_CUES, ADDRESS_CUES)
def _own_grounds(speakers: list[str], main: str | None, titles: dict[str, str], sentences,
                 event_place: str | None) -> dict[str, tuple[int, str]]:
    """Officials other than the event's leader who are introduced with a place of their
    own (a weekly round-up of secretaries, a second leader's visit): name -> (the
    paragraph that introduces them, their place: 到X调研 there, else their title's
    jurisdiction, 西岭市委书记 -> 西岭市)."""
    out = {}
    for name in speakers:
        if not name or name == main:
            continue
        intro = next((s for s in sentences if name in s.text), None)
        if intro is None:
            continue
        before = intro.text[:intro.text.find(name)]
        place = find_place(intro.text[intro.text.find(name):]) or jurisdiction_of(titles.get(name))
        if place and place != event_place and (titles.get(name) or not before.strip("，, ")):
            out[name] = (intro.para, place)
    return out


# X主持会议 / 由X主持 / X作总结讲话: who speaks for the meeting (会议要求…)
_CHAIRS = re.compile(r"主持|作总结讲话|总结讲话")


def _chair(text: str, titles: dict[str, str]) -> str | None:
    """The official who chairs the meeting: the name closest before its first 主持."""
    for m in _CHAIRS.finditer(text):
        window = text[max(0, m.start() - 20):m.start()]
        window = re.split(r"[，。；]", window)[-1]
        named = [(window.rfind(n), n) for n in titles if n in window]
        if named:
            return max(named)[1]
    return None


# 检查结束后，… / 调研中，…: the leader sums up the tour for the jurisdiction.
_SUMMING_UP = re.compile(rf"^(?:在)?(?:{alt(TOUR_VERBS)})(?:结束后|结束时|中|期间|过程中|最后)")


def _summing_up(f: Found, openings: dict, kept_paras: list[int], sites: int) -> bool:
    """A paragraph opening on 检查结束后 (no site of its own) after two or more sites.
    ``openings``: each paragraph's first sentence; ``kept_paras``: the stops' paragraphs, sorted."""
    para = f.sentence.para
    while para > 0 and para in openings and ENUMERATOR.match(openings[para].text):
        para -= 1  # 督查中，他强调：/ 一要… / 二要…: the items belong to the cue's paragraph
    opening = openings.get(para)
    if opening is None or not _SUMMING_UP.match(opening.text):
        return False
    i = bisect.bisect_left(kept_paras, para)
    own = i < len(kept_paras) and kept_paras[i] <= f.sentence.para
    return sites >= 2 and not own


# A generic actor and the kind of unit it stands for at a visited site (企业要… at X有限公司).
_GENERIC_UNITS = {
    "企业": r"(?:公司|集团|厂|企业|工厂)", "公司": r"(?:公司|集团)", "学校": r"(?:学|学校|学院|中学|小学)",
    "医院": r"(?:医院|卫生院)", "园区": r"(?:园|园区|开发区|高新区)", "景区": r"(?:景区|公园)",
    "村": r"村", "村两委": r"村", "村委会": r"村", "镇": r"(?:镇|乡)", "社区": r"社区", "街道": r"街道", "寺院": r"(?:寺|庙|观)",
}


_COUNTED = re.compile(r"^(?:[两三四五六七八九十]+[个家所座]?|该|本)")


def _kind_of(subject: str, site: str) -> bool:
    """企业 at 宏远机械有限公司, 两村 at 东坡村、西坡村: the generic actor is the unit visited."""
    subject = re.sub(r"[“”]", "", subject)
    units = _GENERIC_UNITS.get(_COUNTED.sub("", subject) if _COUNTED.match(subject) else subject)
    return bool(units and re.search(units + r"[\u4e00-\u9fff]{0,4}$", site))  # 县第一中学食堂: the school


def _listed_with(stop: int | None, keep: list[int], mentions) -> list[str]:
    """The sites named together with the stop (来到A、B / 到A和B), when it is one of a list."""
    if stop is None or not mentions[keep[stop]].in_list:
        return []
    order = mentions[keep[stop]].order[:2]
    return [mentions[i].site for i in keep if mentions[i].in_list and mentions[i].order[:2] == order]


class _LatestBefore:
    """Index of the latest position at or before a given one (ties: the later index)."""

    def __init__(self, orders: list[tuple]):
        self.ranked = sorted((order, i) for i, order in enumerate(orders))
        self.keys = [order for order, _ in self.ranked]

    def __call__(self, pos: tuple) -> int | None:
        k = bisect.bisect_right(self.keys, pos)
        return self.ranked[k - 1][1] if k else None


def _stop_index(f: Found, latest_stop: _LatestBefore) -> int | None:
    pos = (f.sentence.para, f.sentence.index, f.start)
    if f.sentence.quoted:  # “…” opens the paragraph; the stop is named right after it
        pos = (f.sentence.para, f.sentence.index + 1, 10**6)
    return latest_stop(pos)  # the latest mention before, even of a site listed earlier


def _subject(text: str, site: str | None, place: str | None, entities) -> str | None:
    named = _named_subject(text, entities)
    if named:
        return named
    if site and not _MEETING_SITE.search(site):
        return re.sub(r"(?:项目)?建设现场$|现场$", lambda m: "项目" if m.group().startswith("项目") else "", site)
    return place


def _named_subject(text: str, entities) -> str | None:
    names = entities.org + entities.place
    if text.startswith("围绕"):
        return _around_subject(text)
    head = _TIME_WORDS.sub("", text)
    if ENUMERATOR.match(head):  # 三要强化督查问责，区纪委监委要…: the actor the item names
        head = ENUMERATOR.sub("", head).lstrip("，, ")
    m = re.match(r"^要?在(全社会|全党|全军|全国|全省|全市|全县|全区)", head)
    if m:
        return m.group(1)  # 要在全社会营造…
    # the sentence opens on a place or unit of the article: 新疆正在推进…，要…; 河南作为经济大省，要…
    for name in sorted(names, key=len, reverse=True):
        if head.startswith(name) and re.match(r"[\u4e00-\u9fff]", head[len(name):len(name) + 1] or "，") \
                and not re.match(r"[的之]", head[len(name):len(name) + 1]):
            return name
    m = STRONG.search(head)
    if not m:
        return _actor_at_head(head)
    before = re.split(r"[，,]", head[:m.start()])[-1]
    before = re.sub(r"(?:都|也|还|更|继续|首先|一定|不仅|务必)$", "", before)
    parts = re.split(r"、|和", re.sub(r"[（(][^）)]*[）)]", "", before))  # 各县（市、区） is one
    # 各乡镇、各部门要 / 城门镇和区住建局要: every part an actor, all of them act
    listed = re.search(r"等[^、和]{0,4}$", before) and _ACTOR.search(before)  # 市场监管、城管、卫健等部门
    if len(parts) > 1 and not listed and not all(_ACTOR.search(p) or p in names for p in parts):
        before = parts[0]
    bare = re.sub(r"[（(][^）)]*[）)]$", "", before)  # 各村（社区）
    if 2 <= len(before) <= 16 and not _NOT_ACTOR.match(bare) and (_ACTOR.search(bare) or before in names):
        return before
    # an actor opening the clause, then what it must do: 各地对防汛抗洪务必…
    for k in range(min(10, len(before) - 1), 1, -1):
        cand = before[:k]
        if _ACTOR.search(cand) and not _NOT_ACTOR.match(cand) and before[k] in "对在把将从向为以":
            return cand
    return None


# What an actor opening a decision does next: 市供电公司于4月底前…, 各街道立即…, 相关部门可…
_ACTS = re.compile(r"于|在|对|把|将|从|向|为|以|可以|可|应当|应|需要|需|加强|加快|继续|进一步|全力|切实|严格|认真|主动|"
                   rf"积极|持续|{alt(DUTY_VERBS)}")


def _actor_at_head(head: str) -> str | None:
    """The unit a demand without 要 opens on (minutes' items: 二、市供电公司于4月底前完成…,
    市燃气集团、南川供电公司同步实施…), or the unit right after the item's heading
    (一是强化要素保障，县自然资源局、县财政局围绕…谋划)."""
    first, *rest = re.split(r"[，,；]", head)
    if _NARRATED.match(first):
        return None
    if IMPERATIVE.match(first):  # 推动企业…: a verb first; the heading of an item, maybe
        return _units_on_duty(rest[0]) if rest and not IMPERATIVE.match(rest[0]) else None
    return _units_on_duty(first)


def _units_on_duty(clause: str) -> str | None:
    """县水利局牵头… / 市燃气集团、南川供电公司同步… -> the unit(s) the clause opens on."""
    for k in range(2, min(32, len(clause) - 1)):
        cand = clause[:k]
        parts = re.split(r"、|和", cand)
        if all(_ACTOR.search(p) and not _NOT_ACTOR.match(p) for p in parts) and _ACTS.match(clause, k):
            return cand
    return None


_NARRATED = re.compile(r"^(?:要|必须|务必|希望|确保|通过|随着|面对|作为|对于|关于|在)")


# 由区住建局牵头，区城管局配合 / 区住建局牵头，…: who leads, and who helps
_LEADS = re.compile(r"^(?:[^，,；]{0,16}?由)?([^，,；、由]{2,16}?)(?:要)?(?:牵头|负责|会同|为责任单位)(?!人|同志)")  # X二期由Y负责
_HELPS = re.compile(r"(?:^|[，,])([^，,；]{2,30}?)(?:配合|协助|参与|协同)(?=[，,；]|$)")
_WITH = re.compile(r"会同([^，,；]{2,30}?)(?=对|在|开展|做好|抓好|完成|落实|加强|共同|联合|研究|制定|[，,；]|$)")


def responsible_units(text: str) -> tuple[str | None, list[str]]:
    """The unit a decision names as responsible, and its co-units (minutes' wording:
    由A牵头，B、C配合). Also read for one typed-in item (``duban.ledger.manual``)."""
    head = ENUMERATOR.sub("", text).lstrip("，,、 ")
    m = _LEADS.match(head)
    if not m or not (_ACTOR.search(m.group(1)) or "、" in m.group(1)):
        return None, []
    helpers = [x for h in _HELPS.finditer(head) for x in re.split(r"、|和", h.group(1)) if _ACTOR.search(x)]
    helpers += [x for h in _WITH.finditer(head) for x in re.split(r"、|和", h.group(1)) if _ACTOR.search(x)]
    return m.group(1), list(dict.fromkeys(helpers))


def _split_units(subject: str | None, co_units: list[str]) -> tuple[str | None, list[str]]:
    """A、B要… / A和B要…: A is responsible, B a co-unit (the ledger's 配合单位)."""
    if not subject:
        return subject, co_units
    parts = [p for p in re.split(r"、|和|及|与", subject) if p]
    if len(parts) > 1 and all(_ACTOR.search(p) and not _NOT_ACTOR.match(p) for p in parts):
        return parts[0], parts[1:] + [c for c in co_units if c not in parts]
    return subject, co_units


def _addressee(text: str) -> str | None:
    """The people a 希望/勉励/叮嘱 directive addresses: 同学们立志… -> 同学们."""
    head = re.sub(r"^(?:更多的|广大的?|全体)", "", text)
    listed = re.match(r"^([^，,要]{2,16}?)要", head)
    if listed and all(_ACTOR.search(p) and not _NOT_ACTOR.match(p)
                      for p in re.split(r"、|和", re.sub(r"[（(][^）)]*[）)]", "", listed.group(1)))):
        return listed.group(1)  # 要求，市经信局、沙市区要… / 各县（市、区）要…: all of them
    people = re.match(r"^[^，,、要]{1,8}?(?:们|人员|干部|群众|官兵|职工|青年)", head)
    if people and not _NOT_ACTOR.match(people.group()):
        return people.group()
    for k in range(3, min(12, len(head))):
        cand = head[:k]  # 要求省直有关部门认真梳理…: the actor, then what it must do
        if _ACTOR.search(cand) and not _NOT_ACTOR.match(cand) and not re.search(r"[，,、要]", cand) \
                and IMPERATIVE.match(head[k:]):
            return cand  # 乡亲们发扬苏区精神: 乡亲们, not 乡亲们发扬苏区
    for k in range(min(12, len(head)), 1, -1):
        cand = head[:k]
        if _ACTOR.search(cand) and not _NOT_ACTOR.match(cand) and not re.search(r"[，,、要]", cand):
            return cand
    return None


def _around_subject(text: str) -> str | None:
    """围绕X…: X when it is a name (汾河, 漯河卷烟厂), not a field of work (围绕盘活资源)."""
    import rjieba

    rest = text[2:]
    words, proper = [], False
    for word, tag in rjieba.tag(rest[:24]):
        if word in "、等":
            return None  # 围绕宠物经济、食品机械制造…: fields of work, not one named subject
        if tag.startswith(("v", "p", "d", "c", "u", "x")) or word in "，,":
            break
        words.append(word)
        proper = proper or tag in ("ns", "nr", "nt", "nz", "j", "nrt", "nrfg", "eng")
    name = "".join(words)
    if 2 <= len(name) <= 14 and (proper or re.search(r"(?:项目|公司|集团|园|厂|院|中心)$", name)):
        return name
    return None


_FIRST_ITEM = re.compile(r"^(?:一(?:要|是|方面)|第一[，,、]|[（(]一[）)]|首先[，,]?要)")


def _mark_themes(directives: list[Directive]) -> None:
    """A short demand followed by clauses that elaborate it (no 要 of their own) is a theme."""
    for i, d in enumerate(directives):
        nxt = directives[i + 1] if i + 1 < len(directives) else None
        same_para = nxt is not None and nxt.para == d.para
        short = len(re.sub(r"[，,、“”]", "", d.text)) <= 22
        if short and same_para and not nxt.text.startswith("要") and d.text.startswith("要") \
                and not STRONG.search(nxt.text[:6]):
            d.level = "theme"
        elif same_para and _FIRST_ITEM.match(nxt.text) and not ENUMERATOR.match(d.text):
            d.level = "theme"  # …要全力以赴抓好各项工作。一要…；二要…: the list elaborates it
