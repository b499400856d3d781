"""Directives: instructions for future action voiced by the reported leaders.

Reading order matters. A *cue* (强调/指出/要求/希望/勉励/嘱托/表示 …) whose agent is a
leader opens reported speech; the sentences after it in the same paragraph continue
the list while they read as demands (要/必须/务必 …, or a clause that opens with an
action verb). Narration (a leader's name doing something else), praise, wishes and
statements of fact close or skip. See docs/analysis.md for the rules and their limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.analysis.text import Sentence

# Reporting verbs whose content follows (after punctuation or 要 …).
SPEECH_CUES = "强调|指出|表示|说|谈到|提出|寄语|告诫"
# Verbs that take an addressee and an action: the addressee stays in the directive.
ADDRESS_CUES = "要求|希望|勉励|嘱托|叮嘱|鼓励|号召|嘱咐|期望|期待"
_CUE = re.compile(rf"(?:{ADDRESS_CUES}|{SPEECH_CUES})")
STRONG = re.compile(
    r"(?<![重主需纲摘只首必是紧])要(?![素求点闻件靠])|必须(?!靠)|务必|不能|不得|决不|绝不")
# A clause that opens with one of these reads as an instruction.
IMPERATIVE = re.compile(
    r"^(?:继续|进一步|更加|切实|认真|扎实|坚定不移地?|持续|不断|积极|主动|大力|全力|全面|深入|努力|着力|始终|"
    r"牢牢|坚决|加快|抓紧|统筹|聚焦|围绕|锚定|把|以|用|从|对标|按照|坚持|加强|强化|深化|健全|完善|落实|推动|推进|"
    r"促进|提升|提高|优化|建立|构建|打造|发挥|发展|保护|运用|探索|组织|树立|弘扬|培育|繁荣|引导|支持|鼓励|抓好|"
    r"做好|用好|管好|办好|守好|守牢|筑牢|严格|严防|严守|严肃|确保|实施|开展|建设|创新|畅通|保障|增强|巩固|拓展|"
    r"坚定|加大|集中|注重|突出|抓住|压实|夯实|做强|做大|做优|做实|激发|营造|形成|实现|系统|善于|敢于|勇于|"
    r"防止|防范|化解|整治|解决|补齐|补短板|抢抓|把握|贯彻|学习|带动|服务|关心|帮助|维护|守护|传承|推行|坚守|"
    r"依法|尽快|及时|立即|迅速|会同)"
)
PRAISE = re.compile(
    r"给予(?:充分)?肯定|(?:表示|予以)(?:赞许|肯定|满意|祝贺|感谢|慰问|赞赏)|来之不易|令人欣慰|了不起|值得肯定|"
    r"感到(?:很|非常)?(?:高兴|欣慰|提气)|成效(?:显著|明显)|缩影|取得(?:了)?(?:显著|明显|积极|突出)?(?:成绩|成效|进展)|"
    r"作出(?:了)?突出贡献|大有可为|潜力无限|办得不错|方向明确|路子对头|前景很好|很好|十分高兴|很高兴"
)
WISH = re.compile(r"^(?:祝|祝愿|祝贺|衷心祝|预祝)|祝愿|祝福")
# Narration: what the leader did (not said).
NARRATION = re.compile(
    r"察看|查看|听取|了解|来到|走进|前往|参观|考察|调研|视察|看望|慰问|主持|出席|会见|询问|交谈|步行|乘车|"
    r"观看|登上|走访|点赞|合影|挥手|致以|代表党中央|欢送|簇拥"
)
# Who else may be the agent of 表示/说: then it is not the leader's demand.
OTHERS = re.compile(r"群众|村民|居民|企业负责人|负责人|工作人员|代表|员工|职工们|师生|同学们|老乡|乡亲|专家|记者|他们|大家")


MEETING = "\0meeting"  # the agent of 会议强调: the chair (the event's first leader)


@dataclass
class Found:
    sentence: Sentence
    start: int  # offset in the sentence text where the directive starts
    end: int
    speaker: str | None
    via_cue: bool  # opened by a cue in this sentence
    addressed: bool = False  # opened by 希望/勉励/叮嘱 …: the addressee leads the text

    @property
    def text(self) -> str:
        return self.sentence.text[self.start:self.end]


def _cue_in(text: str, speakers: list[str], in_speech: bool = False) -> tuple[re.Match, str | None] | None:
    """The first reporting cue of a leader in the sentence, and who speaks."""
    for m in _CUE.finditer(text):
        cue = m.group()
        after = text[m.end():m.end() + 2]
        if cue in SPEECH_CUES.split("|"):
            if not (after[:1] in "，,：:" or re.match(STRONG, after) or after == ""):
                continue
        if cue == "要求" and (text[max(0, m.start() - 1):m.start()] in ("的", "新", "了", "等", "和", "高", "标")
                            or after[:1] in ("。", "的", "和", "")):
            continue  # the noun: 创建要求, 提出了新要求
        before = text[:m.start()]
        listing = cue == "要求" and re.search(r"提出(?:[一二三四五六七八九十几两]+点|以下|如下)?$", before)
        if cue in ADDRESS_CUES.split("|") and len(re.split(r"[，,：:]", before)[-1]) > 12 and not listing:
            continue  # (李志刚就做好下一步工作提出三点要求：is a cue, however long)  # 了解…落实“双减”政策要求: a noun deep inside a narrated clause
        speaker = _agent(before, speakers)
        opens = not before.strip("，, ") or (cue in ("希望", "勉励", "嘱托", "叮嘱") and before[-1:] in "，,")
        if speaker is None and in_speech and opens:
            speaker = ""  # 希望同学们… inside the leader's speech: the current speaker
        if speaker is None:
            continue
        return m, speaker
    return None


def _agent(before: str, speakers: list[str]) -> str | None:
    """The leader who is the agent of a cue, from the words before it in the sentence."""
    if re.search(r"(?:^|[，,])(?:会议|会上|会议上)$", before):
        return MEETING  # the meeting as a body (会议强调，…): the chair's words
    best, pos = None, -1
    for name in speakers:
        i = before.rfind(name)
        if i > pos:
            best, pos = name, i
    pron = max(before.rfind("他"), before.rfind("她"), before.rfind("总书记"), before.rfind("总理"))
    if pron > pos and not re.search(r"他们|她们", before[pron:pron + 2]):
        best, pos = "", pron
    if best is None:
        return None
    tail = before[pos:]
    clause = re.split(r"[，,]", tail[len(best):])[-1]  # the clause the cue is in
    others = list(OTHERS.finditer(clause))
    # 群众表示 is someone else speaking; 听取大家发言后表示 is the leader, after hearing them
    if others and not re.search(r"[对向][^，,]*$", clause) \
            and not re.search(r"(?:发言|意见|汇报|介绍)?(?:后|时|之后)$", clause[others[-1].end():]):
        return None
    if len(before) - pos > 60:
        return None
    return best


def _trim_lead(text: str) -> int:
    """Offset where the directive starts: leading praise or fact segments are dropped."""
    text_start = 0
    m = re.match(r"^[，,：:\s]+", text)
    if m:
        text_start = m.end()
    body = text[text_start:]
    strong = STRONG.search(body)
    if strong and PRAISE.search(body[:strong.start()]):
        cut = max(body.rfind("，", 0, strong.start()), body.rfind(",", 0, strong.start()))
        if cut >= 0:
            return text_start + cut + 1
    return text_start


# Statements of fact or evaluation: "X是Y", "…有利于…".
STATEMENT = re.compile(r"是|有利于|在于|意味着|离不开|(?:任务|关键|重点|难点|根本|出路)在")


# "A要强大，必须B": a condition and its requirement, a principle with nobody to act.
PRINCIPLE = re.compile(r"^[^，,]{1,8}要[\u4e00-\u9fff]{1,4}[，,]\s*(?:就|首先|更)?(?:必须|要)")


# List items (一是…, 二要…, （三）…) and connectives that open a demand without changing it.
ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+(?:是|要|方面)|第[一二三四五六七八九十]+[，,、]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])")
CONNECTIVE = re.compile(r"^(?:同时|此外|另外|其次|再次|最后|首先|特别是|尤其是|总之)[，,]?")


def _is_demand(text: str) -> bool:
    if not text or WISH.search(text) or PRINCIPLE.search(text):
        return False
    if PRAISE.search(text) and not STRONG.search(text):
        return False
    if STRONG.search(text):
        return True
    if ENUMERATOR.match(text):
        return True
    head = CONNECTIVE.sub("", text)
    return bool(IMPERATIVE.match(head)) and not STATEMENT.search(head)


def find_directives(sentences: list[Sentence], speakers: list[str], main: str | None) -> list[Found]:
    out: list[Found] = []
    para, in_list, last_speaker = None, False, main
    # How the previous paragraph ended: "cue" (他强调：) or "list" (a demand). A new
    # paragraph continues the speech after a bare cue, or after a demand when it opens
    # with an enumerator (一要…, （二）…); otherwise reported speech starts afresh.
    carry = None
    last_index = {x.para: x.index for x in sentences}
    names = [n for n in speakers if n]
    for s in sentences:
        text = s.text
        if s.para != para:
            para = s.para
            in_list = carry == "cue" or (carry == "list" and bool(ENUMERATOR.match(text)))
            carry = None
        is_last = s.index == last_index[s.para]
        if s.quoted:
            # “…。”在X，秦保强边看边问: a quotation opening the paragraph, voiced by the
            # leader the next sentence names (not by a villager: “…。”村民说)
            nxt = next((x for x in sentences if x.para == s.para and x.index == s.index + 1), None)
            voiced = nxt is not None and any(n in nxt.text[:40] for n in names) and not OTHERS.match(nxt.text)
            if s.index == 0 and voiced and (_is_demand(text) or re.match(r"帮助|可以|应该", text)):
                out.append(Found(s, 0, len(text), main, False))
            continue
        cue = _cue_in(text, names, in_list)
        if cue:
            m, speaker = cue
            speaker = main if speaker == MEETING else speaker or last_speaker or main
            last_speaker = speaker
            in_list = True
            start = m.end()
            rest = text[start:]
            lead = _trim_lead(rest)
            body = rest[lead:]
            address = m.group() in ADDRESS_CUES.split("|")
            if not body.strip("：: "):
                carry = "cue" if is_last else None
                continue
            if WISH.search(body) or (PRAISE.search(body) and not STRONG.search(body)):
                continue
            quoted = re.search(rf"(?:{SPEECH_CUES})(?=要|，|,)", body)
            if quoted and STRONG.search(body) and STRONG.search(body).start() >= quoted.end():
                continue  # 指出，党的二十大…强调要…: the demand is someone else's, reported
            if PRINCIPLE.search(body):
                continue
            if STRONG.search(body) or (address and not NARRATION.match(body)) or _is_demand(body):
                out.append(Found(s, start + lead, len(text), speaker, True, address))
                carry = "list" if is_last else None
            continue
        if not in_list:
            continue
        starts_with_actor = any(text.startswith(n) for n in names) or re.match(r"^(?:他|她)(?!们)", text)
        if starts_with_actor or NARRATION.search(text[:12]) and any(n in text[:12] for n in names):
            in_list = False
            continue
        if re.search(rf"(?:{SPEECH_CUES})(?:要|，|,)", text):
            continue  # someone else's words reported inside the speech (党的二十大…强调要…)
        if _is_demand(text):
            out.append(Found(s, 0, len(text), last_speaker, False))
            carry = "list" if is_last else None
    return out


def split_parallel(text: str) -> list[tuple[int, int]]:
    """'围绕A…，围绕B…' -> one span per 围绕 (offsets into ``text``); else the whole text."""
    marks = [m.start() for m in re.finditer(r"(?:(?<=^)|(?<=[，,]))围绕", text)]
    if len(marks) < 2:
        return [(0, len(text))]
    spans = []
    if marks[0] > 0 and STRONG.search(text[:marks[0]]) and len(text[:marks[0]]) > 4:
        spans.append((0, marks[0] - 1))
    for i, a in enumerate(marks):
        b = marks[i + 1] - 1 if i + 1 < len(marks) else len(text)
        if i + 1 == len(marks):
            comma = re.search(r"[，,]", text[a:])
            if comma:
                b = a + comma.start()
        spans.append((a, b))
    return spans
