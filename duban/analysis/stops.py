"""The sites a leader visits, in order ("在X，" / "来到X" / "走进X" …), and the meeting.

A meeting (座谈会, 汇报会 …) is kept only when directives are given there; the
analyser drops meeting stops without directives after attributing them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.analysis.text import Sentence

MEETING = re.compile(r"(?:座谈会|汇报会|工作会|推进会|现场会|调度会|办公会|专题会|工作会议|会议)$")
_VISIT = re.compile(r"(?:先后)?(?:来到|走进|前往|步入|走访|参观|实地查看|视察)(?:了)?")
_SITE_END = re.compile(
    r"[，,。；;：:]|考察|调研|视察|察看|查看|看望|慰问|了解|参观|听取|检查|召开|，|时|调查|实地|详细|与|同|向|询问|主持")
_AT = re.compile(r"^(?:[^，,]{0,8}[，,])?在([^，,。]{2,40}?)(?:上|时|期间|中)?[，,]")
_MEETING_HELD = re.compile(r"(?:主持召开|召开|出席)([^，,。；]{0,30}?(?:座谈会|汇报会|工作会|推进会|现场会|调度会|会议))")
_REPORT_HEARD = re.compile(r"听取(?:了)?[^，,。]{0,30}?(?:党委和政府|省委和省政府|区委和区政府|市委和市政府|工作)(?:情况)?汇报")
_GENERIC_SITE = re.compile(
    r"^(?:这里|那里|此地|当地|现场|学校|村里|园区|企业|工厂|车间|社区|农村|基层|一线|田间|群众家中|"
    r"[^、]{0,3}(?:等地|等企业|等单位|等场所|等))$")
_POSITION = re.compile(r"^(?:位于|地处)[^的]{1,15}的")


@dataclass
class StopMention:
    site: str
    para: int
    order: tuple[int, int, int]  # (para, sentence index, offset) for "the latest stop before"
    meeting: bool = False


def _clean_site(site: str) -> str:
    site = _POSITION.sub("", site.strip(" “”\"'"))
    site = re.sub(r"^[^的]{1,10}(?:发源地|所在地)", "", site)
    site = re.sub(r"^(?:了|一下|到)", "", site)
    return site.strip()


def _split_list(site: str) -> list[str]:
    """'金风科技、特变电工…等企业' -> each named item; generic tails are dropped."""
    if "、" not in site:
        return [site]
    site = re.sub(r"等[\u4e00-\u9fff]{0,6}$", "", site)
    return [s for s in site.split("、") if s]


def _site_ok(site: str, divisions: set[str], event_place: str | None) -> bool:
    if len(site) < 2 or len(site) > 40 or _GENERIC_SITE.search(site):
        return False
    if site in divisions and "、" not in site:
        return False  # a city or county is the jurisdiction, not a site
    if event_place and site == event_place:
        return False
    return not re.search(r"^(?:他|她|大家|群众|干部)|[要了着]$", site)


def find_stops(sentences: list[Sentence], leaders: list[str], divisions: set[str],
               event_place: str | None = None, orgs: list[str] = ()) -> list[StopMention]:
    mentions: list[StopMention] = []
    for s in sentences:
        if s.index == 0 and not s.quoted:
            topic_site = _paragraph_topic(s, sentences, leaders, orgs)
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
                found.append((m.start(1), re.sub(r"^.*?(?=[^，]*$)", "", site), True))
            elif not re.search(r"的|之际|过程|期间|方面|基础|前提|背景|方向|路上|道路|过程中|同时", site):
                found.append((m.start(1), site, False))
        for m in _VISIT.finditer(text):
            if found and not found[-1][2]:
                break  # 在X，…走进蛋鸡舍: a spot inside the site already named
            rest = text[m.end():]
            end = _SITE_END.search(rest)
            site = _clean_site(rest[:end.start()] if end else rest)
            if "这里" in site[:2] and mentions == [] and s.index > 0:
                continue
            for item in _split_list(site):
                found.append((m.end(), item, False))
        for m in _MEETING_HELD.finditer(text):
            found.append((m.start(1), m.group(1), True))
        if _REPORT_HEARD.search(text) and not any(f[2] for f in found):
            found.append((_REPORT_HEARD.search(text).start(), "汇报会", True))
        for pos, site, meeting in sorted(found):
            if not meeting and not _site_ok(site, divisions, event_place):
                continue
            if meeting:
                site = re.sub(r"^(?:了|一次)", "", site)
            mentions.append(StopMention(site, s.para, (s.para, s.index, pos), meeting))
    return _dedupe(mentions)


_INSPECTS = re.compile(r"察看|查看|考察|参观|调研|视察|了解")


def _paragraph_topic(first: Sentence, sentences, leaders, orgs) -> str | None:
    """A paragraph that opens on a named unit and shows the leader inspecting: that unit is a stop."""
    named = [o for o in orgs if first.text.startswith(o)]
    if not named or _AT.match(first.text) or _VISIT.search(first.text):
        return None
    para = [s.text for s in sentences if s.para == first.para]
    if any(any(n in t for n in leaders) and _INSPECTS.search(t) for t in para):
        return max(named, key=len)
    return None


def _dedupe(mentions: list[StopMention]) -> list[StopMention]:
    """One stop per site; a meeting named again later (在座谈会上) moves to the later place."""
    out: list[StopMention] = []
    for m in mentions:
        same = [o for o in out if o.site == m.site or (m.meeting and o.meeting and
                                                         (o.site.endswith(m.site) or m.site.endswith(o.site)))]
        if same:
            if m.meeting:
                out.remove(same[0])
                out.append(StopMention(same[0].site if len(same[0].site) > len(m.site) else m.site,
                                       m.para, m.order, True))
            continue
        out.append(m)
    return out
