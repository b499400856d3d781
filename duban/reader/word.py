"""Word .docx -> Article (python-docx): paragraphs and tables in reading order.

Headings and list numbering are kept as printed: Word stores "一、" / "1." / "（1）" of
automatic lists in numbering definitions, not in the text, so they are rendered here from
the list's format (decimal, Chinese counting, letters…). A table becomes one paragraph
per row, its cells joined by spaces (merged cells once).
"""

from __future__ import annotations

import io
import re

from duban.errors import NotAPage
from duban.reader import documents
from duban.reader.article import Article
from duban.reader.normalize import clean_line

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:Title|Heading\s*1|标题\s*1?|标题)$", re.I)


def read_docx(data: bytes) -> Article:
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        paragraphs, heading = _paragraphs(document)
        props = document.core_properties
        meta_title = clean_line(props.title or "") or None
        created = props.created.date().isoformat() if props.created else None
    except NotAPage:
        raise
    except Exception as exc:  # python-docx and its zip/XML layers raise many kinds on damaged files
        raise NotAPage(f"Word 文档已损坏，无法读取 (corrupt .docx: {exc.__class__.__name__})") from exc
    if not any(paragraphs):
        raise NotAPage("Word 文档中没有文字 (empty .docx)")
    title = heading or (meta_title if meta_title in paragraphs[:4] else None)
    return documents.article(paragraphs, title=title, published=created)


def _paragraphs(document) -> tuple[list[str], str | None]:
    """Every paragraph and table row in reading order, and the first Title/Heading 1 text."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(document)
    out: list[str] = []
    heading = None
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            paragraph = Paragraph(child, document)
            lines = [clean_line(line) for line in paragraph.text.split("\n")]
            lines = [line for line in lines if line]
            if not lines:
                continue
            lines[0] = numbering.label(child, paragraph.style) + lines[0]
            style = paragraph.style.name if paragraph.style is not None else ""
            if heading is None and _HEADING_STYLE.match(style or ""):
                heading = lines[0]
            out.extend(lines)
        elif child.tag == f"{_W}tbl":
            out.extend(_table_rows(Table(child, document)))
    return out, heading


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = clean_line(cell.text)
            if text and (not cells or cells[-1] != text):  # a merged cell repeats itself
                cells.append(text)
        if cells:
            rows.append(" ".join(cells))
    return rows


class _Numbering:
    """Renders the label of an automatically numbered paragraph ("一、", "1.", "（2）")."""

    def __init__(self, document) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", int(_val(lvl, "start") or 1))
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            levels = abstract.get(_val(num, "abstractNumId"), {})
            for level, fmt in levels.items():
                self.formats[(num.get(f"{_W}numId"), level)] = fmt

    def label(self, p, style=None) -> str:
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        while num_pr is None and style is not None:  # a list style ("List Number") numbers its paragraphs
            num_pr = style.element.find(f"{_W}pPr/{_W}numPr")
            style = style.base_style
        if num_pr is None:
            return ""
        num_id, level = _val(num_pr, "numId"), int(_val(num_pr, "ilvl") or 0)
        fmt = self.formats.get((num_id, level))
        if fmt is None or fmt[0] in ("bullet", "none"):
            return ""
        count = self.counters.get((num_id, level), fmt[2] - 1) + 1
        self.counters[(num_id, level)] = count
        for (other, deeper) in list(self.counters):  # a new item restarts its sub-levels
            if other == num_id and deeper > level:
                del self.counters[(other, deeper)]
        text = fmt[1]
        for n in range(level + 1):
            value = count if n == level else self.counters.get((num_id, n), 1)
            number_format = fmt[0] if n == level else self.formats.get((num_id, n), fmt)[0]
            text = text.replace(f"%{n + 1}", _format_number(value, number_format))
        label = text.strip()
        return label if not label or label.endswith(("、", ".", "．", "）", ")", "：")) else label + " "


def _val(node, name: str) -> str | None:
    child = node.find(f"{_W}{name}")
    return child.get(f"{_W}val") if child is not None else None


_CHINESE = "〇一二三四五六七八九"


def _format_number(n: int, number_format: str) -> str:
    if number_format.startswith(("chineseCounting", "ideographTraditional", "taiwaneseCounting")) or \
            number_format in ("ideographDigital", "japaneseCounting"):
        return _chinese(n)
    if number_format == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if number_format == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if number_format == "lowerRoman":
        return _roman(n).lower()
    if number_format == "upperRoman":
        return _roman(n)
    if number_format == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return str(n)


def _chinese(n: int) -> str:
    """1..99 in Chinese counting numerals (一, 十, 十一, 二十三)."""
    if n < 10:
        return _CHINESE[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CHINESE[tens]) + "十" + (_CHINESE[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out
