"""A hand-built reading of the seed report, used while the reader/analyser are not on main.

Only offsets are computed; every value below was written by hand from the report.
"""

from duban.analysis.schema import Analysis, Directive, Event, Leader, Stop
from duban.errors import EmptyInput
from duban.reader.article import Article

DIRECTIVES = [
    # (text, subject, topic, level, stop, deadline)
    ("要对标群众需求,量身打造、常态化提供服务", "漓江路社区", "民生服务", "item", 0, None),
    ("要集聚高层次人才,更大力度创新人才管理、技术合作、经费使用等机制,推动研发活动加快转化为现实生产力",
     "际华皮革皮鞋研究院", "科技创新", "item", 1, None),
    ("要解放思想,提升工作标准", "召陵区", "综合", "theme", 5, None),
    ("加快研发中心、研究院等创新载体建设,推动规上企业研发活动全覆盖,持续加大研发投入力度",
     "召陵区", "科技创新", "item", 5, "年底前"),
    ("强化作风建设,“事不过夜”抓落实,出力出新出彩,务实担当善为,努力做到得法得当得力得人心",
     "召陵区", "综合", "item", 5, None),
]


def read(data, *, url=None):
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise EmptyInput("empty input")
    body = [line for line in lines[1:] if len(line) > 40 and "Copyright" not in line]
    return Article(title=lines[0], published="2023-10-20", source="漯河日报", body=body, url=url)


def analyze(article):
    directives = []
    for text, subject, topic, level, stop, deadline in DIRECTIVES:
        para = next(i for i, p in enumerate(article.body) if text in p)
        start = article.body[para].index(text)
        directives.append(Directive(text=text, speaker="秦保强", subject=subject, topic=topic, stop=stop,
                                    level=level, deadline=deadline, para=para, start=start,
                                    end=start + len(text)))
    stops = [Stop("天桥街道漓江路社区烟厂生活区"), Stop("际华皮革皮鞋研究院"), Stop("召陵区养老服务中心"),
             Stop("正大绿色循环经济产业园项目"), Stop("双汇第三工业园"), Stop("座谈会")]
    return Analysis(article=article, event=Event(date="2023-10-18", kind="调研", place="召陵区",
                                                  leaders=[Leader("秦保强", "市委书记")]),
                    stops=stops, directives=directives)
