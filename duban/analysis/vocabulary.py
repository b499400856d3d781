"""The genre's vocabulary, in one place: every step of the analyser reads its words here.

A new activity word (蹲点), reporting verb or title is added once, to the tuple it
belongs to; the regular expressions of event.py, stops.py, directives.py, names.py,
entities.py and analyzer.py are built from these tuples. ``alt`` joins a tuple into a
regex alternation, longest words first so that 检查指导 wins over 检查.
"""

from __future__ import annotations


def alt(*groups: tuple[str, ...]) -> str:
    """A regex alternation of the words (longest first; the words are plain Chinese)."""
    words = {w for group in groups for w in group}
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


# What a leader goes out to do. Order is the preference of ``event.find_kind`` when a
# headline names several (看望慰问…检查指导 -> 检查指导).
EVENT_KINDS = ("检查指导", "调研", "考察", "视察", "座谈会", "督导", "督查", "暗访", "检查", "夜查", "宣讲",
               "走访", "接访", "看望慰问", "慰问", "现场办公", "蹲点", "会议")
# Verbs of a tour: the leader visits, inspects (the activity itself, as a verb).
TOUR_VERBS = ("调研", "考察", "视察", "检查", "督导", "督查", "暗访", "走访", "接访", "参观", "蹲点", "夜查")
# Verbs of arriving at a site (来到X, 走进X …).
VISIT_VERBS = ("来到", "走进", "前往", "步入", "走访", "参观", "实地查看", "视察", "先后深入", "深入到")
# Verbs of looking and hearing at a site: narration, never a demand.
LOOK_VERBS = ("察看", "查看", "了解", "听取", "询问", "观看", "看望", "慰问")

# Meetings, by the noun that ends their name (全市防汛工作调度会, 市委常委会会议).
MEETINGS = ("座谈会", "汇报会", "工作会", "推进会", "现场会", "调度会", "部署会", "办公会", "专题会", "视频会",
            "反馈会", "见面会", "对接会", "协调会", "交办会", "点评会", "分析会", "观摩会", "恳谈会", "联席会议",
            "工作会议", "会议")

# Reporting verbs whose content follows (after punctuation or 要 …).
SPEECH_CUES = ("强调", "指出", "表示", "说", "谈到", "提出", "寄语", "告诫")
# Verbs that take an addressee and an action: the addressee stays in the directive.
ADDRESS_CUES = ("要求", "希望", "勉励", "嘱托", "叮嘱", "鼓励", "号召", "嘱咐", "期望", "期待", "责成")
# What a meeting as a body does with its decisions (会议明确，… / 会议议定如下：).
MEETING_CUES = ("明确", "认为", "议定", "决定", "研究决定", "提出", "部署", "同意")
# 议定如下： / 具体部署如下： / 要求如下： opens a list of decisions, whoever writes it.
LIST_OPENERS = ("议定", "决定", "部署", "要求", "明确", "安排", "研究", "强调", "提出", "纪要")
# What a responsible unit does in a decision without 要 (县水利局牵头编制…, 县住建局负责…).
DUTY_VERBS = ("牵头", "负责", "会同", "同步", "抓紧", "尽快", "立即", "及时", "限期", "组织", "每周", "每月", "每季度",
              "统筹", "围绕", "按照", "根据", "配合", "做好", "抓好", "完成", "落实", "开展")

# What a title is built from; a title chain is one or more of these, separated by 、.
TITLE_ENDINGS = (
    "总书记", "书记", "副书记", "主席", "副主席", "总理", "副总理", "常委", "委员", "国务委员", "省长", "副省长",
    "市长", "副市长", "区长", "副区长", "县长", "副县长", "州长", "旗长", "镇长", "乡长", "村长", "部长", "副部长",
    "主任", "副主任", "局长", "副局长", "厅长", "司令员", "政委", "政治委员", "总指挥", "指挥长", "秘书长", "组长",
    "院长", "校长", "董事长", "总经理", "负责人", "领导", "主委", "检察长", "代市长", "代省长", "代区长", "代县长",
    "理事长", "会长", "社长", "台长", "总编辑", "所长", "教授", "总裁", "研究员", "首席经济学家", "处长", "科长",
    "站长", "队长", "行长", "馆长", "署长", "巡视员", "调研员", "专员", "庭长", "委员长", "副委员长",
)
# Titles a leader is called by with the surname alone (王书记, 张市长, 李局长).
SURNAME_TITLES = ("书记", "市长", "县长", "区长", "省长", "镇长", "乡长", "村长", "局长", "主任", "部长", "厅长",
                  "主席", "总理", "处长", "科长", "站长", "队长", "行长", "院长", "校长", "组长", "委员")
# A leader named by office alone (区委主要负责同志强调, 市长要求).
OFFICE_ALONE = ("主要负责同志", "主要领导同志", "主要负责人", "主要领导", "负责同志")

# Who may be told to act: the endings of a unit, a body or a group of people.
ACTOR_ENDINGS = (
    "们", "官兵", "干部", "部门", "党委", "政府", "党组织", "地区", "各地", "教师", "职工", "企业", "车企", "学校",
    "机关", "全军", "全社会", "全党", "群众", "人员", "年轻人", "大家", "单位", "方面", "领导干部", "指导组", "社会",
    "区", "市", "县", "省", "镇", "村", "乡", "街道", "社区", "公司", "集团", "中心", "园", "院", "城", "厂", "部",
    "局", "队", "办", "委", "所", "站", "馆", "组", "银行", "医院", "镇街", "乡镇", "班子", "专班", "领导", "上下",
    "小学", "中学", "大学", "学院", "实验室", "人大", "政协", "常委会", "室", "支队", "商户", "农户", "经营户", "住户",
    "管委会", "指挥部", "各级", "负责人", "负责同志", "委员", "代表", "办事处", "开办方", "建设方", "施工方", "业主方", "管理方", "运营方",
)
# Pronouns: never a subject of their own.
PRONOUNS = ("我们", "你们", "他们", "她们", "大家", "咱们", "我", "你", "他", "她")
