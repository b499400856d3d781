"""OFD (GB/T 33190, the national fixed-layout e-document format) -> Article.

Read with ofdkit (Apache-2.0, standard library only): its text runs carry their position
(millimetres from the page's top left), so lines go through the same ``layout.paragraphs``
as PDF. The document's own metadata (DocInfo) gives a title and creation date to fall
back on.
"""

from __future__ import annotations

from duban.errors import NotAPage
from duban.reader import documents, layout
from duban.reader.article import Article
from duban.reader.normalize import clean_line

_SAME_LINE = 0.5  # runs whose baselines differ by less than half a character are one line


def read_ofd(data: bytes) -> Article:
    try:
        import ofdkit
    except ImportError as exc:  # an optional reader: say what is missing
        raise NotAPage("读取 OFD 需要安装 ofdkit：pip install ofdkit (OFD support not installed)") from exc
    try:
        with ofdkit.open(data) as document:
            pages = [_page(page) for page in document.pages]
            info = document.info
    except Exception as exc:  # ofdkit.OFDError, and zip/XML errors of a damaged file
        raise NotAPage(f"OFD 文件已损坏，无法读取 (corrupt OFD: {exc})") from exc
    paragraphs = layout.paragraphs(pages)
    if not paragraphs:
        raise NotAPage("OFD 文件中没有文字（可能是扫描件），请先做文字识别 (OCR) (OFD without text)")
    title = clean_line(info.title or "") if info else ""
    created = documents.printed_date(info.creation_date or "") if info else None
    return documents.article(paragraphs, title=title if title in paragraphs[:4] else None, published=created)


def _page(page) -> tuple[float, list[layout.Line]]:
    """Text runs grouped into lines (same baseline), top to bottom, left to right."""
    runs = sorted(page.runs, key=lambda run: (run.y, run.x))
    lines: list[list] = []
    for run in runs:
        if lines and abs(lines[-1][0].y - run.y) < _SAME_LINE * (run.size or 3.5):
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for group in lines:
        group.sort(key=lambda run: run.x)
        text = clean_line("".join(run.text for run in group))
        if text:
            size = max(run.size for run in group) or 3.5
            out.append(layout.Line(text, group[0].x, max(r.x + r.width for r in group), group[0].y - size, size))
    return page.height, out
