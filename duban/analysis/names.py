"""Person names and the titles written before them (市委书记秦保强).

Names are found through the genre's own signals, not a statistical NER: a title
right before the name, a reporting verb right after it (秦保强强调), or a list
ending in 陪同/参加. Candidates must start with a surname.
"""

from __future__ import annotations

import re
from functools import lru_cache

from duban.analysis import vocabulary as vocab

# Common single-character surnames (the ~400 most frequent) and compound ones.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
    "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连"
    "芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖"
    "巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权"
    "强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘"
    "亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉"
    "植衡富尧闭由习栗"
)
COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "令狐", "慕容", "长孙", "宇文", "司徒", "端木"}

# Words a title is built from; a title chain is one or more of these, separated by 、.
TITLE_ENDINGS = vocab.alt(vocab.TITLE_ENDINGS)
TITLE_RE = re.compile(rf"(?:[\u4e00-\u9fff（）()]{{0,14}}?(?:{TITLE_ENDINGS}))")
# Chinese characters that cannot continue a name (function words and frequent verbs).
_AFTER_NAME_2 = vocab.alt(
    vocab.SPEECH_CUES[:3], vocab.ADDRESS_CUES[:6], vocab.TOUR_VERBS, vocab.VISIT_VERBS[:3], vocab.LOOK_VERBS,
    ("近日", "日前", "主持", "出席", "一行", "同志", "先后", "深入", "说道", "走进", "参加", "陪同", "讲话", "宣讲",
     "带队", "率队", "亲切", "详细", "实地", "认真", "随后", "充分", "肯定", "带领", "率领", "会见", "召开", "专程",
     "关于", "介绍", "汇报", "作总结", "作讲话", "作报告", "作动员", "作重要"))
# Words that start with a surname character but are verbs of the genre (强调, 要求 …).
_NOT_A_NAME = re.compile(rf"(?:{_AFTER_NAME_2}|{vocab.alt(vocab.MEETING_CUES, vocab.ADDRESS_CUES, vocab.SPEECH_CUES)})")
_AFTER_NAME_1 = set("在到赴，,、和与及等同说对向也又还就则为是从于率的了")
_NOT_GIVEN = set("，,、。；：:的了在与及等是为有这那个们市省区县镇村部委会长")


def is_surname_start(text: str, pos: int = 0) -> int:
    """Length of the surname at ``text[pos]`` (0 when none). Takes a position, not a
    slice: slicing the rest of a long text at every candidate made analysis quadratic."""
    if text[pos:pos + 2] in COMPOUND_SURNAMES:
        return 2
    return 1 if text[pos:pos + 1] in SURNAMES else 0


def name_at(text: str, pos: int) -> str | None:
    """The person name starting at ``text[pos]``, judged by what follows it."""
    sl = is_surname_start(text, pos)
    if not sl:
        return None
    found = _name_by_context(text, pos, sl)
    if found is None and text[pos - 2:pos] in _LEADER_TITLE_TAILS:
        found = _name_by_lexicon(text, pos)  # 县委书记郑文辉采取…: jieba knows the name
    return found


# Titles a leader's name follows directly (县委书记郑文辉, 市长周立新).
_LEADER_TITLE_TAILS = frozenset(("书记", "市长", "县长", "区长", "省长", "镇长", "乡长", "主席", "总理", "主任"))


def _name_by_lexicon(text: str, pos: int) -> str | None:
    import rjieba

    word, tag = next(iter(rjieba.tag(text[pos:pos + 8])), ("", ""))
    if tag == "nr" and 2 <= len(word) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in word):
        return word
    return None


def _name_by_context(text: str, pos: int, sl: int) -> str | None:
    for given in (2, 1):
        end = pos + sl + given
        cand = text[pos:end]
        if len(cand) < sl + given or any(c in _NOT_GIVEN or not "\u4e00" <= c <= "\u9fff" for c in cand[sl:]):
            continue
        rest = text[end:end + 4]
        if given == 2 and (cand[-1] == "和" or re.match(_AFTER_NAME_2, text[end - 1:end + 1])):
            continue  # 王浩陪同: the last character starts the next word
        if _NOT_A_NAME.match(cand):
            continue  # 王书记强调，…: 强调 is the cue, not a person surnamed 强
        if (not rest or rest[:1] in _AFTER_NAME_1 or rest[:1].isdigit() or re.match(_AFTER_NAME_2, rest)
                or re.match(rf"(?:{TITLE_ENDINGS})", rest)):
            return cand
    return None


@lru_cache(maxsize=1)
def _title_name_re():
    return re.compile(
        rf"((?:(?:{TITLE_RE.pattern})[、，,]?)+?)(?=[{''.join(sorted(SURNAMES))}])")


_TITLE_END_RE = re.compile(rf"(?:{TITLE_ENDINGS})")


@lru_cache(maxsize=16)
def titled_names(text: str) -> list[tuple[str, str, int]]:
    """(name, title, position) for every 'title + name' in ``text`` (中共中央总书记、国家主席…习近平)."""
    out = []
    for m in _TITLE_END_RE.finditer(text):
        before = _name_before_title(text, m.start())
        if before:
            out.append((before[0], before[1] + m.group(), before[2]))
        if m.end() >= len(text) or not "\u4e00" <= text[m.end()] <= "\u9fff":
            continue
        name = name_at(text, m.end())
        if not name:
            continue
        title = _title_before(text, m.end())
        if title:
            out.append((name, title, m.end()))
    return out


# The end of a unit's name, right before a name written ahead of its title (市文旅局张三副局长).
_UNIT_END = re.compile(r"(?:局|委|办|厅|部|院|所|站|队|中心|公司|集团|政府|街道|镇|乡|村)$")
_UNIT_HEAD = re.compile(r"[\u4e00-\u9fff]{1,12}$")
_TITLE_WORD = re.compile(r"^党[委组工支]|委|^人大|^政协|^纪[委检]|^管委")  # 镇党委书记: 党委 is no name


def _name_before_title(text: str, title_start: int) -> tuple[str, str, int] | None:
    """(name, unit + title, position) when a name sits between its unit and the title
    starting at ``title_start``; the title may open with 副/常务副 (张三副局长)."""
    for deputy in ("常务副", "副", ""):
        end = title_start - len(deputy)
        if deputy and text[end:title_start] != deputy:
            continue
        for length in (2, 3):
            start = end - length
            if start < 1 or not is_surname_start(text, start):
                continue
            name = text[start:end]
            unit = _UNIT_HEAD.search(text, max(0, start - 12), start)
            if unit and _UNIT_END.search(unit.group()) and text[start:start + 2] not in ("公室", "事处", "公厅") \
                    and all("\u4e00" <= c <= "\u9fff" for c in name) and not re.search(_AFTER_NAME_2, name) \
                    and not _TITLE_WORD.search(name):
                unit_name = re.split(r"[在到由和与及、]", unit.group())[-1]
                return name, unit_name + deputy, start
    return None


def _title_before(text: str, end: int) -> str:
    """The title chain ending at ``end``: 中共中央政治局常委、国务院总理."""
    start = end
    while True:
        head = text[max(0, start - 24):start]  # 中央纪委国家监委驻省纪检监察组组长
        m = re.search(rf"([\u4e00-\u9fff（）()]{{0,22}}?(?:{TITLE_ENDINGS}))$", head)
        if not m:
            break
        piece = _trim_title_piece(m.group(1))
        start -= len(piece)
        if start > 0 and text[start - 1] == "、":
            start -= 1
            continue
        break
    title = text[start:end].lstrip("、")
    return title


_TITLE_STOP = re.compile(r".*(?:[，,。：:；（()）]|消息|电|记者|之际|下|时|后|来到|陪同|在|和|与|及|由|同)")


def _trim_title_piece(piece: str) -> str:
    """Cut what precedes a title inside the same run (…陪同下，省委书记 -> 省委书记)."""
    m = _TITLE_STOP.match(piece)
    if m and m.end() < len(piece):
        piece = piece[m.end():]
    # the title itself must not start with a verb-ish word
    return piece


def cue_names(text: str, cue_pattern: str) -> list[str]:
    """Names directly followed by a reporting verb: 秦保强强调, 李强指出."""
    out = []
    for m in re.finditer(cue_pattern, text):
        for n in (3, 2, 4):
            start = m.start() - n
            if start < 0:
                continue
            cand = text[start:m.start()]
            if name_at(text, start) == cand:
                out.append(cand)
                break
    return out


def list_names(segment: str) -> list[str]:
    """Names in a list such as '周新鹤、常英敏、乔彦强、荣之光等' or '中央办公厅主任蔡奇'."""
    out = []
    for item in re.split(r"[、，,]|和|及|以及", segment):
        item = item.strip()
        item = re.sub(r"等.*$", "", item)
        m = re.search(rf"(?:{TITLE_ENDINGS})([\u4e00-\u9fff]{{2,4}})$", item)
        if m:
            item = m.group(1)
        if 2 <= len(item) <= 4 and is_surname_start(item) and name_at(item + "，", 0) == item:
            out.append(item)
    return out
