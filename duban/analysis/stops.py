"""The sites a leader visits, in order ("在X，" / "来到X" / "走进X" …), and the meeting.

A meeting (座谈会, 汇报会 …) is kept only when directives are given there; the
analyser drops meeting stops without directives after attributing them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.analysis.text import Sentence
from duban.analysis.vocabulary import ACTOR_ENDINGS, LOOK_VERBS, MEETINGS, TOUR_VERBS, VISIT_VERBS, alt

MEETING = re.compile(rf"(?:{alt(MEETINGS)})$")
_VISIT = re.compile(rf"(?:先后)?(?:{alt(VISIT_VERBS)})(?:了)?")
_SITE_END = re.compile(
    rf"[，,。；;：:]|{alt(TOUR_VERBS, LOOK_VERBS)}|召开|时|调查|实地|详细|与|同(?!步)|向|主持")
_AT = re.compile(r"^(?:[^，,]{0,8}[，,])?在([^，,。]{2,40}?)(?:上|时|期间|中)?[，,]")
_NAMED_MEETINGS = alt(tuple(m for m in MEETINGS if m not in ("会议", "工作会议")))
_AT_MEETING = re.compile(rf"^(?:[^，,]{{0,8}}[，,])?(?:在)?((?:[^，,。]{{0,20}}(?:{_NAMED_MEETINGS})))?(?:会)?上[，,]")
_MEETING_HELD = re.compile(rf"(?:主持召开|召开|出席)([^，,。；]{{0,30}}?(?:{alt(MEETINGS)})议?)")  # …专题会议
# 8月12日，全市招商引资工作推进会召开: the meeting named first, then held
_MEETING_OPENED = re.compile(
    rf"^(?:[^，,。]{{0,12}}[，,])?([^，,。；]{{2,30}}?(?:{alt(MEETINGS)})议?)(?:在[^，,。]{{1,15}})?(?:召开|举行)")
_REPORT_HEARD = re.compile(r"听取(?:了)?[^，,。]{0,30}?(?:党委和政府|省委和省政府|区委和区政府|市委和市政府|工作)(?:情况)?汇报")
_GENERIC_SITE = re.compile(
    r"^(?:这里|那里|此地|当地|现场|学校|村里|园区|企业|工厂|车间|社区|农村|基层|一线|田间|群众家中|市场|展厅|"
    r"[^、]{0,3}(?:等地|等企业|等单位|等场所|等)|[^、]{0,4}(?:一线|地头|家中|村组|组里)|结束后|结束时|完毕后)$")
_POSITION = re.compile(r"^(?:位于|地处)[^的]{1,15}的")


_GONE_TO = re.compile(
    rf"[到赴](?P<site>[^，,。；、]{{2,30}}?(?:、[^，,。；、]{{2,30}}?)*?)(?={alt(TOUR_VERBS, LOOK_VERBS)}|实地|[，,])")
# 还到 / 随后又到: a further site of the tour, even alone
_AGAIN = re.compile(r"(?:还|又|随后|先后|并|再|分别)$")
# A spot named by what happens there, not a site: 企业生产车间, 田间地头
_GENERIC_HEAD = re.compile(r"^(?:企业|公司|工厂|厂区|项目|园区|学校|医院|村里|社区|基地|田间|一线)(?:[^、]{0,6})$")


@dataclass
class StopMention:
    site: str
    para: int
    order: tuple[int, int, int]  # (para, sentence index, offset) for "the latest stop before"
    meeting: bool = False
    in_list: bool = False  # one of several sites named together (金风科技、特变电工…)


_TOURING = alt(TOUR_VERBS)


# The body that convenes a meeting, right before 召开 (市城市更新指挥部, 县政府, 区委)
_CONVENER = re.compile(rf"(?:^|[，,])[^，,]{{1,16}}(?:{alt(ACTOR_ENDINGS)})$")


def _clean_site(site: str) -> str:
    site = _POSITION.sub("", site.strip(" “”\"'"))
    site = re.sub(rf"^(?:{_TOURING})", "", site)
    site = re.sub(rf"(?:{_TOURING})(?:指导)?(?:工作)?$", "", site)  # 在X调研时
    if "的" in site and not re.search(r"的[^、]*、", site):
        site = site.rsplit("的", 1)[1]  # 始建于东汉年间的白马寺 -> 白马寺
    site = re.sub(r"^[^的]{1,10}(?:发源地|所在地)", "", site)
    site = re.sub(r"^(?:了|一下|到)", "", site)
    return site.strip()


def _split_list(site: str, places_whole: bool = True) -> list[str]:
    """'金风科技、特变电工…等企业' -> each named item; generic tails are dropped.

    A list that qualifies one place ('东风、比亚迪…等品牌展区') stays one site.
    """
    # 北岸河道综合整治工程现场和宏达建材有限公司: two sites joined by 和
    site = re.sub(r"(?<=现场|公司|工程|项目|基地|中心|园区|工厂)和(?=[\u4e00-\u9fff]{4})", "、", site)
    if "、" not in site or re.search(r"等[^、]{0,4}(?:展区|展台|展厅|展位|区域|车间)$", site):
        return [site]
    if places_whole and all(re.search(r"(?:村|镇|乡|街道|社区)$", item) for item in site.split("、")):
        return [site]  # 燕窝村、杨公塘村: one stop in the places' own words
    site = re.sub(r"等[\u4e00-\u9fff]{0,6}$", "", site)
    return [s for s in site.split("、") if s]


def _site_ok(site: str, divisions: set[str], event_place: str | None) -> bool:
    if len(site) < 2 or len(site) > 40 or _GENERIC_SITE.search(site):
        return False
    if all(_SUB_SITE.match(part) for part in re.split(r"、|和", site)):
        return False  # 走进教室、食堂和学生宿舍: spots of the unit, not sites
    if (site in divisions or any(site.endswith(d) for d in divisions)) and "、" not in site:
        return False  # a city or county is the jurisdiction, not a site
    if event_place and site == event_place:
        return False
    if _GENERIC_HEAD.match(site) and (_SUB_SITE.match(site) or _GENERIC_SITE.search(site[2:] or "现场")):
        return False  # 走进企业生产车间: a spot described, not a site named
    # 走访我市部分重点企业: a description of the tour, not a site
    return not re.search(r"^(?:他|她|大家|群众|干部|我市|我县|我区|我省|部分|一些|多家|几家|数家|多个|有关|相关)|[要了着]$"
                         r"|(?:群众|农户|家庭|老人|党员|干部|职工|学生|工作|情况)$", site)  # 走访困难群众: people, not a site


def find_stops(sentences: list[Sentence], leaders: list[str], divisions: set[str],
               event_place: str | None = None, orgs: list[str] = ()) -> list[StopMention]:
    mentions: list[StopMention] = []
    last_meeting = None  # the meeting held earlier, for 会上，…
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.para, []).append(s)
    for s in sentences:
        if s.index == 0 and not s.quoted:
            topic_site = _paragraph_topic(s, by_para[s.para], leaders, orgs)
            if topic_site and _site_ok(topic_site, divisions, event_place):
                mentions.append(StopMention(topic_site, s.para, (s.para, s.index, 0)))
                continue
        if s.quoted:
            continue
        text = s.text
        found: list[tuple[int, str, bool]] = []
        m = _AT.match(text)
        if m:
            site = _clean_site(m.group(1))
            if MEETING.search(site):
                found.append((m.start(1), site, True))
            elif site in divisions:
                pass  # 在某市，X来到A、B调研: the city is the jurisdiction; the sites follow
            elif _named_site(site, orgs, divisions):
                found.append((m.start(1), site, False))
        else:
            m = _AT_MEETING.match(text)
            if m:  # 座谈会上，… / 会上，… (the meeting held earlier)
                site = m.group(1) or last_meeting or "会议"
                found.append((m.start(), site, True))
        for m in _VISIT.finditer(text):
            if found and not found[-1][2]:
                break  # 在X，…走进蛋鸡舍: a spot inside the site already named
            rest = text[m.end():]
            end = _SITE_END.search(rest)
            site = _clean_site(rest[:end.start()] if end else rest)
            if site.startswith(("这里", "此处", "这儿")):
                site = _place_referred(s, by_para[s.para])
                if not site:
                    continue
            if found and _SUB_SITE.match(site):
                continue
            if mentions and mentions[-1].para == s.para and not mentions[-1].meeting and _SUB_SITE.match(site):
                continue  # 来到生产车间: a spot inside the unit just named
            items = _split_list(site)
            for item in items:
                found.append((m.end(), item, len(items) > 1 and None))
        for m in _GONE_TO.finditer(text):
            lead = text[max(0, m.start() - 8):m.start()]
            again = bool(_AGAIN.search(lead))
            if not (again or m.start() == 0 or lead[-1] in "，," or lead.endswith(("他", "她", "一行"))
                    or any(text.endswith(n, 0, m.start()) for n in leaders)):
                continue  # 看到… / 做到…: not a visit
            # 到A、B、C调研督导 / 还到A、B、C听取…: each listed site (a single 到X is the event's place)
            items = _split_list(_clean_site(m.group("site")), places_whole=False)
            # after the opening, 韩立峰到X调研 is a site of the tour (a round-up's next leader)
            named_later = s.para > 0 and any(text.endswith(n, 0, m.start()) for n in leaders)
            if (len(items) > 1 or again or named_later) and all(_named_site(x, orgs, divisions) for x in items):
                found.extend((m.start("site"), item, len(items) > 1 and None) for item in items)
        opened = _MEETING_OPENED.match(text) if "召开" in text or "举行" in text else None
        if opened and not _MEETING_HELD.search(text[:opened.end()]):
            found.append((opened.start(1), opened.group(1), True))
        for m in _MEETING_HELD.finditer(text):
            before = text[:m.start()]
            site = m.group(1)
            if site == "会议" and last_meeting:
                continue  # 出席会议并讲话: the meeting already named
            convened = _CONVENER.search(before)  # 市城市更新指挥部召开…推进会: an institution's meeting
            if any(n in before for n in leaders) or re.match(r"^(?:随后|并|他|会上|最后)", before) or not before \
                    or convened:
                if not re.search(r"总书记|主席|总理", before) or any(n in before for n in leaders):
                    found.append((m.start(1), site, True))
        at_site = any(f[2] is False for f in found) or (
            mentions and mentions[-1].para == s.para and not mentions[-1].meeting)
        # 在X，…听取了开发区工作汇报: a briefing at the site, not a meeting of its own
        if _REPORT_HEARD.search(text) and not any(f[2] for f in found) and not at_site:
            found.append((_REPORT_HEARD.search(text).start(), "汇报会", True))
        for pos, site, meeting in sorted(found, key=lambda f: f[0]):
            if not meeting and not _site_ok(site, divisions, event_place):
                continue
            if meeting:
                site = last_meeting = re.sub(r"^(?:了|一次)", "", site)
            mentions.append(StopMention(site, s.para, (s.para, s.index, pos), bool(meeting),
                                        in_list=meeting is None))
    mentions = _dedupe(mentions)
    sites = [m for m in mentions if not m.meeting]
    if event_place and len(sites) > 1:
        mentions = [m for m in mentions if m.site != event_place]
    return mentions


_SUB_SITE = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:展厅|车间|工厂|教室|厂房|生产线|会议室|展示区|大厅|展览|控制室|办公区|"
                       r"食堂|宿舍|操场|教学楼|病房|门诊|仓库|库房|机房)$")


def _place_referred(s: Sentence, sentences: list[Sentence]) -> str | None:
    """'来到这里' refers to the place that opens the paragraph (训练场上，… / 位于昌吉市的天鹅小镇，…)."""
    first = sentences[0] if sentences else None  # the paragraph's own sentences
    if first is None or first is s:
        return None
    head = re.split(r"[，,]", first.text)[0]
    head = re.sub(r"(?:上|里|中|内|前)$", "", _clean_site(head))
    return head if 2 <= len(head) <= 20 else None


_SITE_WORDS = re.compile(
    r"(?:现场|展区|展厅|车间|广场|家中|家|基地|工地|码头|口岸|光源|小镇|村|镇|乡|街道|社区|合作社|公司|集团|中心|园|院|所|"
    r"馆|厂|港|站|场|室|楼|寺|窟|库|校|学|局|部|委|区|点|城|堂|府|台|营|连|旅|团|机关|办公室|书院|街)$")


def _named_site(site: str, orgs, divisions) -> bool:
    """'在X，' names a site only when X reads as a place or unit, not a phrase (在推动…中)."""
    if re.match(r"听取|推动|推进|加快|加强|深化|坚持|实现|发展|建设|这|那|此|新|全|各|我", site):
        return False
    return bool(site in orgs or _SITE_WORDS.search(site) or any(d in site for d in divisions))


_INSPECTS = re.compile(alt(TOUR_VERBS, LOOK_VERBS[:3]))


def _paragraph_topic(first: Sentence, paragraph: list[Sentence], leaders, orgs) -> str | None:
    """A paragraph that opens on a named unit and shows the leader inspecting: that unit is a stop."""
    named = [o for o in orgs if first.text.startswith(o)]
    if not named or _AT.match(first.text) or _VISIT.search(first.text):
        return None
    para = [s.text for s in paragraph]
    if any(any(n in t for n in leaders) and _INSPECTS.search(t) for t in para):
        return max(named, key=len)
    return None


def _bare(site: str) -> str:
    """X项目现场 and X项目 are one site."""
    return re.sub(r"(?:建设)?(?:现场|工地)$", "", site)


def _dedupe(mentions: list[StopMention]) -> list[StopMention]:
    """One stop per site; a meeting named again later (在座谈会上) moves to the later place.
    Sites are looked up by name (a dict), so long pasted texts stay linear."""
    out: list[StopMention | None] = []
    by_site: dict[str, int] = {}  # bare site -> index of its mention in ``out``
    meetings: list[int] = []

    def add(m: StopMention) -> None:
        out.append(m)
        by_site[_bare(m.site)] = len(out) - 1
        if m.meeting:
            meetings.append(len(out) - 1)

    for m in mentions:
        j = by_site.get(_bare(m.site))
        if j is not None and out[j] is None:
            j = None
        if j is None and not m.meeting:
            # 到A村、B村督导 … 来到B村护林点: the spot visited is that village's stop
            k = next((by_site[m.site[:n]] for n in range(len(m.site) - 2, 1, -1) if m.site[:n] in by_site), None)
            if k is not None and out[k] is not None and out[k].in_list and not m.in_list:
                listed = out[k]
                listed.site, listed.in_list, listed.para, listed.order = m.site, False, m.para, m.order
                by_site[_bare(m.site)] = k
                continue
        if j is None and m.meeting:
            j = next((k for k in meetings if out[k] is not None and (
                out[k].site.endswith(m.site) or m.site.endswith(out[k].site))), None)
        if j is None:
            add(m)
            continue
        same = out[j]
        if m.meeting:
            out[j] = None
            add(StopMention(same.site if len(same.site) > len(m.site) else m.site, m.para, m.order, True))
            by_site[_bare(same.site)] = len(out) - 1
        elif same.in_list and not m.in_list:
            # 先后来到A、B … 在A，…: A is visited in its own right, there and then
            same.in_list, same.para, same.order = False, m.para, m.order
    return [m for m in out if m is not None]
