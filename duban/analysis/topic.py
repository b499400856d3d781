"""One topic of the 13 for a directive, by keyword scores.

Each topic has a lexicon of the genre's policy vocabulary (never phrases of a corpus's
gold); a directive takes the topic with the highest score (longer keywords weigh more,
since they are more specific). Words of several topics (企业, 市场, 政策 …) weigh little,
so the demand's more specific words decide. Where the demand's own words are weak or
absent (立即整改), the headline and its paragraph weigh in. No keyword at all, or a tie
with nothing to break it, falls back to 综合 (general work attitude), as the GUIDE
defines it.
"""

from __future__ import annotations

import re
from functools import lru_cache

LEXICON: dict[str, tuple[str, ...]] = {
    "党的建设": ("日常监督", "监督执纪", "追责问责", "村务公开", "四议两公开", "决策部署", "学习贯彻", "党的领导", "党建工作", "执纪", "不腐", "纪律", "领导干部", "群众工作", "从严治党", "基层党组织", "政治建军", "党的建设", "党建", "支部", "党组织", "党员", "主题教育", "作风", "形式主义", "官僚主义", "廉洁", "清廉",
             "腐败", "正风肃纪", "反腐", "政治建设", "全面领导", "党性", "党纪", "党风", "政绩观", "干部队伍", "干部教育",
             "担当作为", "检视整改", "学查改", "以学正风", "八项规定", "政治整训", "民主集中制", "党内政治生活", "理论武装",
             "思想政治", "党委", "为基层减负", "权力观", "全会精神"),
    "民生服务": ("招聘", "用工", "稳岗", "入学", "托育", "医保", "养老服务", "社区食堂", "便民服务", "民生保障", "困难群众", "兜底", "受灾群众", "救灾物资", "群众需求", "诉求", "工资", "欠薪", "劳动者", "患者", "就医", "看病", "医护", "长者", "老人", "助餐", "办实事", "安危冷暖", "志愿服务", "家门口", "教材", "读书", "共同富裕", "就业增收", "民生实事", "民生", "养老", "老年人", "医疗", "健康", "教育", "学生", "学校", "教师", "孩子", "儿童", "就业",
             "社会保障", "社保", "低保", "救助", "群众生活", "基本生活", "社区服务", "便民", "惠民", "旅客", "出行",
             "供暖", "保供", "物资供应", "安置", "困难家庭", "返贫", "收入分配", "增收", "双减", "体育", "立德树人",
             "育人", "医养", "公共服务", "急难愁盼", "春运"),
    "项目建设": ("项目建设", "封顶", "用地", "开工建设", "要素保障", "前期工作", "征地拆迁", "工程质量", "竣工验收", "施工进度", "项目推进", "交付使用", "建设任务", "挂图作战", "倒排工期", "工期", "施工", "项目", "工程", "投产", "达效", "开工", "竣工", "改造", "建设进度", "重大工程",
             "厂房", "升级改造", "基础设施建设"),
    "招商引资": ("招大引强", "项目签约", "产业招商", "在谈项目", "签约项目", "履约", "投资洽谈", "外来投资", "招商引资", "以商招商", "链式招商", "产业链招商", "精准招商", "招商", "招引", "引进", "签约", "客商", "投资者", "引资", "落地", "新项目"),
    "产业发展": ("技术改造", "数字经济", "播种", "秋收", "夏收", "小麦", "玉米", "水稻", "农机", "夏粮", "秋粮", "抢收", "抢种", "机收", "种粮", "三夏", "三秋", "春耕", "烘干", "收购价", "产业", "企业", "制造", "农业", "粮食", "种业", "农牧", "工业", "市场", "品牌", "产品", "电商",
             "物流", "实体经济", "产业链", "供应链", "能源", "产能", "龙头", "品质", "集群", "加工", "消费", "汽车",
             "经济", "高端", "新质生产力", "耕地", "农田", "规模经营"),
    "科技创新": ("研发投入", "技术攻关", "科技赋能", "科技", "创新", "研发", "技术", "人才", "科研", "成果转化", "实验室", "基础研究", "攻关", "原创",
             "科学", "自主创新", "创新能力", "研究院", "数字"),
    "城乡建设": ("征迁", "房屋征收", "占道经营", "私搭乱建", "违章建筑", "杂物堆放", "城市更新", "城中村", "市政", "道路", "市容", "城市管理", "厕所革命", "供水", "排水", "保障性住房", "安置房", "棚户区", "美丽乡村", "宜居", "村庄", "住房", "管网", "雨污", "老旧小区", "环境卫生", "环境整治", "背街小巷", "城乡", "城市", "乡村振兴", "乡村", "基础设施", "人居环境", "文明城市", "规划", "土地",
             "县域", "城镇", "千村示范", "城乡融合", "和美乡村"),
    "生态环保": ("大气污染", "减排", "排放", "扬尘", "燃煤", "污水", "垃圾分类", "秸秆禁烧", "环境执法", "生态", "环保", "环境", "绿色", "低碳", "污染", "治沙", "防沙", "荒漠化", "水土", "草原", "森林",
             "湿地", "河流", "湖泊", "碳", "节能", "水生态", "生态文明", "绿水青山", "风沙"),
    "文化旅游": ("文化遗产", "文物保护", "博物馆", "公共文化", "文化事业", "文艺", "旅游业", "全域旅游", "乡村旅游", "传承保护", "文旅产业", "文旅融合", "文化自信", "文化", "旅游", "文旅", "文物", "遗产", "历史文脉", "红色资源", "红色基因", "爱国主义", "精神文明",
             "移风易俗", "核心价值观", "文明", "传统文化", "非遗", "中华文化", "文创", "景区"),
    "安全稳定": ("校园周边", "校园安全", "抽检", "用火", "火源", "侥幸心理", "麻痹思想", "防倒灌", "排涝", "防灾减灾", "燃气", "森林防火", "防火", "食品安全", "交通安全", "汛情", "排查", "值班", "带班", "消防", "安全底线", "安全", "稳定", "防汛", "抗洪", "救灾", "应急", "灾害", "风险", "隐患", "治安", "信访", "枫桥经验",
             "基层治理", "社会治理", "平安", "法治", "搜救", "险", "预警", "安全生产", "旱", "涝", "山洪", "矛盾",
             "维护社会", "安居乐业", "生命财产"),
    "改革开放": ("企业反映", "帮助企业", "助企", "纾困", "中小企业", "市场主体", "个体工商户", "转贷", "资金周转", "融资难", "减税降费", "政务服务", "帮办代办", "亲清", "营商", "店小二", "服务企业", "惠企", "涉企", "审批", "放管服", "一网通办", "容缺", "惠企政策", "融资", "对外交流", "国际合作", "开放合作", "跨境", "自贸", "企业诉求", "民营企业", "人文交流", "中欧班列", "深化改革", "全面深化改革", "改革", "开放", "营商环境", "政策", "体制机制", "外贸", "外资", "一带一路", "开放水平", "经贸",
             "对外", "桥头堡", "国际", "双循环", "民营企业", "制度型开放", "统一大市场", "通关", "口岸", "港口"),
    "国防军队": ("军事", "武器", "练兵", "战略力量", "部队建设", "训练", "军队", "部队", "全军", "官兵", "练兵", "备战", "打仗", "战区", "强军", "作战", "军事", "战斗力",
             "国防", "武器", "装备", "战略导弹", "指挥", "实战", "威慑", "军委"),
    "综合": ("抓好落实", "职责分工", "责任分工", "督查考核", "约谈", "属地责任", "属地管理", "真抓实干", "狠抓落实", "目标任务", "干事创业", "求真务实", "外部环境", "战略定力", "解放思想", "全局", "战略定位", "新篇章", "高质量发展", "稳中求进",
           "新发展理念"),
}
TOPICS_IN_ORDER = tuple(LEXICON)

# Words of several topics (企业 is served by 改革开放, regulated by 安全稳定, pollutes under
# 生态环保, produces under 产业发展): each keeps its home topic in the lexicon but weighs
# little, so that any more specific word of the demand decides, and the context next.
SHARED_WORDS = {"企业": 0.3, "市场": 0.3, "经济": 0.3, "政策": 0.3, "改造": 0.5, "工程": 0.5, "项目": 0.5,
                "环境": 0.5, "规划": 0.5, "安全": 0.7, "安置": 0.5}
# The demand's own words decide; the headline and the demand's paragraph only weigh in,
# each at most this much, where the demand's own words are few, weak or absent
# (立即整改, 商户立即更换金属波纹管 in a report on gas safety).
CONTEXT_WEIGHT = 0.3
# Own words scoring this much (one specific keyword) decide alone.
SPECIFIC = 1.0


@lru_cache(maxsize=1)
def _patterns():
    return {topic: re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
            for topic, words in LEXICON.items()}


def _weight(word: str) -> float:
    """Longer keywords are more specific and weigh more; shared words weigh little."""
    return SHARED_WORDS.get(word, 1 + 0.5 * (len(word) - 2))


def scores(text: str) -> dict[str, float]:
    """Each topic's keyword score in ``text``; the opening clause, which carries the
    demand's main verb and object, counts double."""
    head_end = min((i for i in (text.find("，"), text.find(",")) if i > 0), default=len(text))
    out = {}
    for topic, pattern in _patterns().items():
        score = sum(_weight(m.group()) * (2 if m.start() < head_end else 1) for m in pattern.finditer(text))
        if score:
            out[topic] = score
    return out


def classify(text: str, *context: str) -> str:
    """The topic of a directive's ``text``; ``context`` (the headline, the paragraph)
    weighs in at most ``CONTEXT_WEIGHT`` each, relative to its own strongest topic."""
    total = scores(text)
    if max(total.values(), default=0) >= SPECIFIC:
        return _best(total)
    for around in context:
        theirs = scores(around)
        if not theirs:
            continue
        top = max(theirs.values())
        for topic, score in theirs.items():
            total[topic] = total.get(topic, 0) + CONTEXT_WEIGHT * score / top
    return _best(total)


def _best(total: dict[str, float]) -> str:
    """The highest-scoring topic; none, or a tie with 综合, is 综合."""
    if not total:
        return "综合"
    best = max(total.values())
    winners = [t for t in TOPICS_IN_ORDER if abs(total.get(t, 0) - best) < 1e-9]
    return winners[0] if len(winners) == 1 or "综合" not in winners else "综合"
