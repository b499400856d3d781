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

from duban.analysis import vocabulary as vocab
from duban.analysis.names import SURNAMES
from duban.analysis.text import Sentence

# Reporting verbs whose content follows (after punctuation or 要 …).
SPEECH_CUES = vocab.alt(vocab.SPEECH_CUES)
# Verbs that take an addressee and an action: the addressee stays in the directive.
ADDRESS_CUES = vocab.alt(vocab.ADDRESS_CUES)
_CUE = re.compile(vocab.alt(vocab.ADDRESS_CUES, vocab.SPEECH_CUES, vocab.MEETING_CUES, vocab.LIST_OPENERS))
STRONG = re.compile(
    r"(?<![重主需纲摘只首必是紧])要(?![素求点闻件]|靠(?!前))|必须(?!靠)|务必|不能|不得|决不|绝不")  # 要靠前指挥
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
NARRATION = re.compile(vocab.alt(
    vocab.LOOK_VERBS, vocab.VISIT_VERBS, vocab.TOUR_VERBS,
    ("主持", "出席", "会见", "交谈", "步行", "乘车", "登上", "点赞", "合影", "挥手", "致以", "代表党中央", "欢送", "簇拥")))
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


def _cue_in(text: str, speakers: list[str], in_speech: bool = False,
            titles: dict[str, str] | None = None) -> tuple[re.Match, str | None] | None:
    """The first reporting cue of an official (or of the meeting) in the sentence, and who speaks."""
    for m in _CUE.finditer(text):
        cue = m.group()
        after = text[m.end():m.end() + 2]
        before = text[:m.start()]
        if after == "如下" and cue in _LIST_OPENERS:
            # 会议议定如下： / 具体部署如下： — a list of decisions follows, whoever writes it
            return m, _agent(before, speakers, titles) or MEETING
        if cue not in _CUES:
            continue  # 安排, 纪要: words that open a list only as 安排如下：
        meeting_only = cue in _MEETING_ONLY
        if cue in _SPEECH or meeting_only:
            if not (after[:1] in "，,：:" or re.match(STRONG, after) or after == "" or _ANNOUNCED.match(text, m.end())):
                continue
        if cue == "要求" and (text[max(0, m.start() - 1):m.start()] in ("的", "新", "了", "等", "和", "高", "标")
                            or after[:1] in ("。", "的", "和", "")):
            continue  # the noun: 创建要求, 提出了新要求
        listing = cue == "要求" and re.search(r"提出(?:[一二三四五六七八九十几两]+点|以下|如下)?$", before)
        clause = re.split(r"[，,：:]", before)[-1]
        if cue in _ADDRESS and len(clause) > 12 and not listing and not _official_after(clause, speakers):
            continue  # 了解…落实“双减”政策要求: a noun deep inside a narrated clause
        if cue in _ADDRESS and re.search(r"(?:我们|我|咱们)$", before):
            continue  # 我们希望看到…: the speaker's own wish, nobody is asked to act
        speaker = _agent(before, speakers, titles)
        if meeting_only and speaker != MEETING:
            continue  # 明确/认为/议定 are the meeting's words only
        opens = not before.strip("，, ") or (cue in ("希望", "勉励", "嘱托", "叮嘱") and before[-1:] in "，,")
        if speaker is None and in_speech and opens:
            speaker = ""  # 希望同学们… inside the leader's speech: the current speaker
        if speaker is None:
            continue
        return m, speaker
    return None


_SPEECH = frozenset(vocab.SPEECH_CUES)
_ADDRESS = frozenset(vocab.ADDRESS_CUES)
_MEETING_ONLY = frozenset(vocab.MEETING_CUES) - _SPEECH - _ADDRESS
_LIST_OPENERS = frozenset(vocab.LIST_OPENERS)
_CUES = _SPEECH | _ADDRESS | frozenset(vocab.MEETING_CUES)
# 汪立本在听取各乡镇汇报后要求: the official, then when they speak
_WHEN = re.compile(r"^在[^，,]{1,24}?(?:后|时|之后|期间|中)$")


def _official_after(clause: str, speakers: list[str]) -> bool:
    return any(clause.startswith(n) and _WHEN.match(clause[len(n):]) for n in speakers)
# The meeting as a body: 会议强调 / 会议还要求 / 会上，… / 会议听取了…，要求…
_MEETING_AGENT = re.compile(r"(?:^|[，,])(?:会议|会上|会议上|大会|会议最后)(?:还|并|也|同时|进一步|再次)?$")
_MEETING_NARRATED = re.compile(r"^(?:会议|会上|大会)[^，,]*[，,](?:[^，,]*[，,])*(?:并|还|同时|也)?$")
# What may stand between an official and the cue: 在讲话中, 还, 进一步 …
_BETWEEN = re.compile(r"(?:在[^，,。]{1,15}?(?:上|中|时|期间|后))?(?:还|也|并|又|同时|进一步|再次|最后|特别|则)*$")
_LEAD_WORDS = r"(?:随后|最后|会上|会议最后|同时|此外|其间|期间|座谈中|调研中|检查中)?"
_SURNAME_TITLE = re.compile(
    rf"{_LEAD_WORDS}([{''.join(sorted(SURNAMES))}])({vocab.alt(vocab.SURNAME_TITLES)})")
_OFFICE = re.compile(
    rf"{_LEAD_WORDS}([\u4e00-\u9fff（）()、]{{0,14}}?(?:{vocab.alt(vocab.OFFICE_ALONE, vocab.TITLE_ENDINGS)}))")
# Offices that are not public office: a company's, an expert's (董事长表示，要… is a pledge)
_NOT_OFFICIAL = re.compile(r"企业|公司|项目|村民|群众|居民|专家|记者|代表|员工|商户|学生|家长|老人|志愿者|网友|"
                           r"董事长|总经理|总裁|经理|教授|研究员|经济学家|会长|理事长")


def _office_agent(clause: str, titles: dict[str, str] | None) -> tuple[str, int] | None:
    """An official named by surname and title (王书记) or by office alone (市长, 区委主要负责
    同志) right before the cue: (speaker, offset in ``clause``). The full name is used
    when the article gave it with that title (县委书记赵立群 … 赵书记要求)."""
    stem = clause[:_BETWEEN.search(clause).start()]
    titles = titles or {}
    m = _SURNAME_TITLE.fullmatch(stem)
    if m:
        surname, title = m.groups()
        known = [n for n, t in titles.items() if n.startswith(surname) and (t or "").endswith(title)]
        return (known[0] if known else surname + title), m.start(1)
    m = _OFFICE.fullmatch(stem)
    if m and not _NOT_OFFICIAL.search(m.group(1)):
        office = m.group(1).lstrip("、")
        known = [n for n, t in titles.items() if (t or "").endswith(office)]
        return (known[0] if len(known) == 1 else office), m.start(1)
    return None


def _agent(before: str, speakers: list[str], titles: dict[str, str] | None = None) -> str | None:
    """The official who is the agent of a cue, from the words before it in the sentence."""
    if _MEETING_AGENT.search(before):
        return MEETING  # the meeting as a body (会议强调，…): the chair's words
    best, pos, literal = None, -1, 0
    for name in speakers:
        i = before.rfind(name)
        if i > pos:
            best, pos, literal = name, i, len(name)
    pron = max(before.rfind("他"), before.rfind("她"), before.rfind("总书记"), before.rfind("总理"))
    if pron > pos and not re.search(r"他们|她们", before[pron:pron + 2]):
        best, pos, literal = "", pron, 1
    clause_start = max(before.rfind("，"), before.rfind(","), before.rfind("："), before.rfind(":")) + 1
    office = _office_agent(before[clause_start:], titles) if clause_start > pos else None
    if office:
        best, pos, literal = office[0], clause_start + office[1], 0
    if best is None:
        if _MEETING_NARRATED.match(before):
            return MEETING  # 会议听取了…汇报，要求…: the meeting, after its narration
        return None
    tail = before[pos:]
    clause = re.split(r"[，,]", tail[literal:])[-1]  # the clause the cue is in
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
ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+(?:是|要|方面|、)|第[一二三四五六七八九十]+[，,、]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[.、．]|[①②③④⑤⑥⑦⑧⑨⑩])")
CONNECTIVE = re.compile(r"^(?:同时|此外|另外|其次|再次|最后|首先|特别是|尤其是|总之)[，,]?")


# 相关部门可…, 各村应…: a softer modal after a named actor
_SOFT_MODAL = re.compile(rf"^[^，,。]{{0,12}}?(?:{vocab.alt(vocab.ACTOR_ENDINGS)})(?:可以|可|应当|应|需要|需)"
                         r"(?![以能是否])[\u4e00-\u9fff]")
_SOFT_MODAL_AT = re.compile(_SOFT_MODAL.pattern[1:])  # the same, at any clause's start


# 县水利局牵头编制…, 由区住建局牵头…, 市燃气集团、南川供电公司同步实施…: a unit and its duty, no 要
_DUTY = re.compile(rf"^由?[^，,。；：:]{{1,24}}?(?:{vocab.alt(vocab.ACTOR_ENDINGS)})(?:{vocab.alt(vocab.DUTY_VERBS)}|[于在]\d)(?!人|同志)")
# 一、关于园区变电站扩容。: the heading of a decision, its text follows
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])关于[^，,；。]{1,20}$")


def _has_words(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]{2}", text))


def _is_demand(text: str) -> bool:
    if not text or WISH.search(text) or PRINCIPLE.search(text):
        return False
    if PRAISE.search(text) and not STRONG.search(text):
        return False
    if ENUMERATOR.match(text):  # an item has words of its own (not a bare 一、)
        return _has_words(ENUMERATOR.sub("", text))
    if STRONG.search(text) or _DUTY.match(text):
        return True
    if any(_SOFT_MODAL_AT.match(text, a) for a in _segment_starts(text)):
        return True  # 热电联产关系…，企业可在…: the actor's soft demand after the reason
    head = CONNECTIVE.sub("", text)
    return bool(IMPERATIVE.match(head)) and not STATEMENT.search(head)


# 提出三点意见： / 提出以下要求： / 如下：: the list is announced, its items follow
_ANNOUNCED = re.compile(r"(?:[一二三四五六七八九十几两]+点|以下|如下|了)?(?:具体|明确|工作)?(?:意见|要求|希望|建议)?[：:]")


def _past_announcement(text: str, pos: int) -> int:
    m = _ANNOUNCED.match(text, pos)
    if m and m.end() > pos + 1:
        return m.end()
    return pos + (2 if text.startswith("如下", pos) else 0)


_DUTY_AT = re.compile(_DUTY.pattern[1:])


def _meeting_duty(text: str) -> int | None:
    """会议同意…，由X牵头抓好落实 / 会议研究了…，县住建局负责…: where the meeting's decision starts."""
    if not re.match(r"^(?:会议|会上)", text):
        return None
    return next((a for a in _segment_starts(text)[1:] if _DUTY_AT.match(text, a)), None)


def _segment_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"[，,]", text)]


def find_directives(sentences: list[Sentence], speakers: list[str], main: str | None,
                    titles: dict[str, str] | None = None, chair: str | None = None) -> list[Found]:
    """Directives in reading order. ``speakers`` are the officials named in the article,
    ``titles`` their titles as written (to resolve 王书记, 市长), ``main`` the event's
    leader and ``chair`` who chairs the meeting (the speaker of 会议要求)."""
    out: list[Found] = []
    by_position = {(x.para, x.index): x for x in sentences}
    after_item = False  # the previous sentence was a directive ending at ；: the list goes on
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
            nxt = by_position.get((s.para, s.index + 1))
            voiced = nxt is not None and any(n in nxt.text[:40] for n in names) and not OTHERS.match(nxt.text)
            if s.index == 0 and voiced and (_is_demand(text) or re.match(r"帮助|可以|应该", text)):
                out.append(Found(s, 0, len(text), main, False))
            continue
        continues_items, after_item = after_item and s.index > 0, False
        if in_list and (ENUMERATOR.match(text) and not _has_words(ENUMERATOR.sub("", text)) or _HEADING.match(text)):
            carry = "cue" if is_last else carry  # a number on a line of its own: the item follows
            continue
        cue = _cue_in(text, names, in_list, titles)
        if cue:
            m, speaker = cue
            speaker = (chair or main) if speaker == MEETING else speaker or last_speaker or main
            last_speaker = speaker
            in_list = True
            start = _past_announcement(text, m.end())  # 议定如下： / 提出三点意见：
            rest = text[start:]
            lead = _trim_lead(rest)
            body = rest[lead:]
            address = m.group() in _ADDRESS
            soft = _SOFT_CUE.match(body) if not address else None
            if soft:  # 表示，希望企业与街道…: the wish is addressed, its cue goes
                lead, body, address = lead + soft.end(), body[soft.end():], True
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
                after_item = s.mark in "；;"
            continue
        duty = _meeting_duty(text) if not in_list else None
        if duty is not None:  # 会议同意《…》，由市城管局牵头抓好落实: the decision after its narration
            in_list, last_speaker = True, chair or main
            out.append(Found(s, duty, len(text), last_speaker, True))
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
        if _is_demand(text) or (continues_items and _list_item(text)):
            out.append(Found(s, 0, len(text), last_speaker, False))
            carry = "list" if is_last else None
            after_item = s.mark in "；;"
    return out


def _list_item(text: str) -> bool:
    """A middle item of a ；-list of demands (增设自助缴费终端；) needs no 要 of its own."""
    return len(text) <= 80 and not (WISH.search(text) or PRAISE.search(text) or NARRATION.match(text)
                                    or STATEMENT.search(text[:6]))


# 表示，希望… / 说，要求…: the wish or demand inside a statement
_SOFT_CUE = re.compile(r"^[，,：:]?(?:希望|期望|期待|要求|鼓励)")


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
