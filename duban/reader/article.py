"""The reader's output: one clean article and its metadata."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Site:
    """The publishing website, as printed in the page's footer or meta tags."""

    name: str | None = None
    code: str | None = None  # 政府网站标识码, e.g. "4111040002"
    icp: str | None = None  # ICP record, e.g. "豫ICP备05016466号"


@dataclass
class Article:
    """A news page reduced to what a person reads (fields of shared/corpus/GUIDE.md).

    ``body`` holds the paragraphs in order, indentation stripped, the text's own
    punctuation kept. ``published`` is ISO ``YYYY-MM-DD`` or None.
    """

    title: str | None = None
    published: str | None = None
    source: str | None = None
    editor: str | None = None
    reviewer: str | None = None
    clicks: int | None = None
    body: list[str] = field(default_factory=list)
    site: Site = field(default_factory=Site)
    url: str | None = None
    continued: bool = False  # the page links to further pages of the article that were not read

    @property
    def text(self) -> str:
        return "\n".join(self.body)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        data = dict(data)
        site = Site(**(data.pop("site", None) or {}))
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(site=site, **known)
