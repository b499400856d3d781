"""Article -> Analysis: the steps in order (event, stops, directives, entities)."""

from __future__ import annotations

import re

from duban.analysis.deadline import find_deadline
from duban.analysis.directives import STRONG, Found, find_directives, split_parallel
from duban.analysis.entities import extract
from duban.analysis.event import build_event
from duban.analysis.names import cue_names, titled_names
from duban.analysis.places import find_divisions
from duban.analysis.schema import Analysis, Directive, Stop
from duban.analysis.stops import find_stops
from duban.analysis.topic import classify
from duban.reader.article import Article

# Who may be told to act, written before 要 (广大教师要…, 各级党组织要…, 全军要…).
_ACTOR = re.compile(
    r"(?:们|干部|部门|党委|政府|党组织|地区|各地|教师|职工|企业|车企|学校|机关|全军|全社会|全党|群众|人员|"
    r"年轻人|大家|单位|方面|领导干部|指导组|社会|区|市|县|省|镇|村|乡|街道|社区|公司|中心|园|院|城|厂|部)$")
_TIME_WORDS = re.compile(r"^(?:当前|今后|下一步|新时代新征程|现在|今年|明年|同时|此外|特别是|尤其是)[，,]?")
_MEETING_SITE = re.compile(r"座谈会|汇报会|工作会|会议|推进会|现场会")


def analyze_article(article: Article) -> Analysis:
    from duban.analysis.text import split_body

    sentences = split_body(article.body)
    event = build_event(article, sentences)
    text = "\n".join(article.body)
    speakers = _speakers(article, event)
    division_names = {name for name, _, _ in find_divisions(text)}
    entities = extract(article.body, [x.name for x in event.leaders] + event.attendees)
    mentions = find_stops(sentences, speakers, division_names, event.place, entities.org)
    # No reported leader, no directives: a page without one is not an inspection report.
    found = find_directives(sentences, speakers, event.leaders[0].name) if event.leaders else []
    directives, stop_of = [], []
    for f in found:
        for a, b in split_parallel(f.text):
            piece = f.text[a:b].strip("，,：: ")
            if not piece:
                continue
            start = f.sentence.start + f.start + a + (len(f.text[a:b]) - len(f.text[a:b].lstrip("，,：: ")))
            directives.append(Directive(
                text=piece, speaker=f.speaker or None, para=f.sentence.para, start=start, end=start + len(piece),
                deadline=find_deadline(piece), topic=classify(piece)))
            stop_of.append(_stop_index(f, mentions))
    # meetings count as stops only where directives were given there
    used = {i for i in stop_of if i is not None}
    keep = [i for i, m in enumerate(mentions) if not m.meeting or i in used]
    renumber = {old: new for new, old in enumerate(keep)}
    stops = [Stop(site=mentions[i].site, para=mentions[i].para) for i in keep]
    if len(stops) == 1 and mentions:
        stop_of = [renumber.get(i, 0) if i is not None else 0 for i in stop_of]
    else:
        stop_of = [renumber.get(i) if i is not None else None for i in stop_of]
    for d, stop in zip(directives, stop_of, strict=True):
        d.stop = stop
        d.subject = _subject(d.text, stops[stop].site if stop is not None else None, event.place, entities)
    _mark_themes(directives)
    return Analysis(article=article, event=event, stops=stops, directives=directives, entities=entities)


def _speakers(article: Article, event) -> list[str]:
    names = [x.name for x in event.leaders]
    text = "\n".join(article.body)
    for name in cue_names(text, r"强调|指出|要求|希望|勉励|嘱托|叮嘱|表示|说"):
        if name not in names and name not in event.attendees and text.count(name) >= 1:
            # a titled leader who speaks (several speakers may be reported)
            if any(n == name for n, _, _ in titled_names(text)):
                names.append(name)
    return names


def _stop_index(f: Found, mentions) -> int | None:
    pos = (f.sentence.para, f.sentence.index, f.start)
    if f.sentence.quoted:  # “…” opens the paragraph; the stop is named right after it
        pos = (f.sentence.para, f.sentence.index + 1, 10**6)
    best = None
    for i, m in enumerate(mentions):
        if m.order <= pos:
            best = i
    return best


def _subject(text: str, site: str | None, place: str | None, entities) -> str | None:
    named = _named_subject(text, entities)
    if named:
        return named
    if site and not _MEETING_SITE.search(site):
        return re.sub(r"(?:项目)?建设现场$|现场$", lambda m: "项目" if m.group().startswith("项目") else "", site)
    return place


def _named_subject(text: str, entities) -> str | None:
    names = entities.org + entities.place
    m = re.match(r"^围绕([^，,、]{2,16})", text)
    if m:
        for name in sorted(names, key=len, reverse=True):
            if m.group(1).startswith(name):
                return name
        return None
    head = _TIME_WORDS.sub("", text)
    m = STRONG.search(head)
    if not m:
        return None
    before = re.split(r"[，,]", head[:m.start()])[-1]
    before = re.sub(r"(?:都|也|还|更|继续|首先|一定)$", "", before)
    before = re.split(r"、", before)[0]
    if 2 <= len(before) <= 12 and (_ACTOR.search(before) or before in names):
        return before
    return None


def _mark_themes(directives: list[Directive]) -> None:
    """A short demand followed by clauses that elaborate it (no 要 of their own) is a theme."""
    for i, d in enumerate(directives):
        nxt = directives[i + 1] if i + 1 < len(directives) else None
        same_para = nxt is not None and nxt.para == d.para
        short = len(re.sub(r"[，,、“”]", "", d.text)) <= 22
        if short and same_para and not nxt.text.startswith("要") and d.text.startswith("要") \
                and not STRONG.search(nxt.text[:6]):
            d.level = "theme"
