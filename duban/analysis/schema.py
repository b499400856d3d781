"""The analyser's output, in the JSON schema of shared/corpus/GUIDE.md.

Offsets (``para``, ``start``, ``end``) locate a directive's text in
``article.body[para][start:end]`` so the review page can highlight it in place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from duban.reader.article import Article

TOPICS = (
    "党的建设", "民生服务", "项目建设", "招商引资", "产业发展", "科技创新", "城乡建设",
    "生态环保", "文化旅游", "安全稳定", "改革开放", "国防军队", "综合",
)
LEVELS = ("theme", "item")


@dataclass
class Leader:
    name: str
    title: str | None = None


@dataclass
class Event:
    date: str | None = None  # ISO date of the activity, not of publication
    kind: str | None = None  # 调研, 考察, 视察, 座谈会, 检查指导 …
    place: str | None = None
    leaders: list[Leader] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)


@dataclass
class Stop:
    site: str
    para: int | None = None  # body paragraph where the stop is introduced


@dataclass
class Directive:
    text: str
    speaker: str | None = None
    subject: str | None = None
    topic: str = "综合"
    stop: int | None = None  # index into Analysis.stops
    level: str = "item"  # "theme" or "item"
    deadline: str | None = None  # as written ("年底前"), else None
    # Units named beside the subject (由A牵头，B配合 / A、B要…): the ledger's 配合单位.
    co_units: list[str] = field(default_factory=list)
    count: int = 1  # how often the same text is given in the report (proposed once)
    para: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Entities:
    person: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    org: list[str] = field(default_factory=list)
    place_codes: dict[str, str] = field(default_factory=dict)  # 召陵区 -> "411104"


@dataclass
class Analysis:
    article: Article
    event: Event = field(default_factory=Event)
    stops: list[Stop] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    entities: Entities = field(default_factory=Entities)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        ev = dict(data.get("event") or {})
        ev["leaders"] = [Leader(**x) for x in ev.get("leaders") or []]
        return cls(
            article=Article.from_dict(data.get("article") or {}),
            event=Event(**ev),
            stops=[Stop(**s) for s in data.get("stops") or []],
            directives=[Directive(**d) for d in data.get("directives") or []],
            entities=Entities(**(data.get("entities") or {})),
        )
