"""The layout of every Word document duban writes (党政机关公文格式, GB/T 9704-2012).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm text block);
body 3号 (16 pt) 仿宋_GB2312 at an exact 28.95 pt line pitch: 22 lines a page; characters
0.25 pt closer than their size, so that 28 fit on a line; title 2号小标宋; headings 一、 in
黑体 and （一） in 楷体_GB2312; page numbers "— 1 —" in 4号宋体 on the outside edge.

No ``w:docGrid`` character grid: Word honours ``linesAndChars`` but LibreOffice (the office
suite of most 信创 desktops) spreads the characters of such a grid to about 15 a line, so the
22 × 28 layout is made of line spacing and character spacing, which both suites honour.

Fonts are named as offices have them installed (``w:eastAsia``: 仿宋_GB2312, 方正小标宋简体,
黑体, 楷体_GB2312); the font table gives each a fallback name and a serif/sans family, which
LibreOffice's font substitution maps to Noto Serif/Sans CJK where the GB2312 fonts are absent.

    document = new_document(title="…", author="区委区政府督查室")
    masthead(document, "督查通报", "督查通报〔2026〕12号", "区委区政府督查室", date(2026, 11, 26))
    paragraph(document, "正文……")
    table(document, ["序号", "交办事项", "责任单位"], rows, flex=1)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from duban import clock

# Font sizes by 号 (Chinese point sizes).
SIZE_INITIAL, SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_4 = Pt(42), Pt(22), Pt(16), Pt(14), Pt(12)
RED = RGBColor(0xE6, 0x00, 0x12)
RED_HEX = "E60012"

FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "方正小标宋简体"
LATIN = "Times New Roman"
# Font -> (fallback name, family): "roman" is a serif (Noto Serif CJK where substituted),
# "swiss" a sans (Noto Sans CJK).
FALLBACKS = {FANGSONG: ("仿宋", "roman"), KAITI: ("楷体", "roman"), XIAOBIAOSONG: ("华文中宋", "roman"),
             HEITI: ("SimHei", "swiss"), SONGTI: ("SimSun", "roman")}

PAGE_W, PAGE_H = 210, 297
TOP, BOTTOM, LEFT, RIGHT = 37, 35, 28, 26
TEXT_WIDTH_MM = PAGE_W - LEFT - RIGHT  # 156
LINES, CHARS = 22, 28
LINE_PITCH = Pt((PAGE_H - TOP - BOTTOM) / 25.4 * 72 / LINES)  # 28.95 pt: 22 lines
# 156 mm = 442.2 pt holds 27 characters of 16 pt; 0.25 pt less each makes 28 fit (441 pt).
CHAR_SPACING_TWENTIETHS = -5
CHAR_WIDTH = Pt(16 - 0.25)
MM_PER_PT = 25.4 / 72


def set_fonts(run_or_style, east_asian: str, size=None, bold: bool | None = None) -> None:
    """Name the Latin and East-Asian fonts (w:ascii/hAnsi and w:eastAsia) of a run or style."""
    font = run_or_style.font
    font.name = LATIN
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), LATIN)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:hint"), "eastAsia")


def new_document(*, title: str, author: str, subject: str = "", created: dt.datetime | None = None):
    """An empty document with the page, styles, font table, page numbers and properties set."""
    document = Document()
    section = document.sections[0]
    _page_setup(section)
    _styles(document)
    _font_table(document)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_footer(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    _properties(document, title=title, author=author, subject=subject, created=created or clock.now())
    return document


def _page_setup(section) -> None:
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    section.footer_distance = Mm(25)  # the page number sits about 7 mm below the text block
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:  # python-docx's template has one; see the module's note on grids
        section._sectPr.remove(grid)


def _styles(document) -> None:
    # Chinese text is marked zh-CN (python-docx's template says en-US): LibreOffice then
    # substitutes a Simplified Chinese font (Noto … CJK SC), not the Japanese variant.
    for lang in document.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    set_fonts(normal, FANGSONG, SIZE_3)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING_TWENTIETHS))
    normal.element.get_or_add_rPr().append(spacing)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = CHAR_WIDTH * 2  # 首行缩进两字
    fmt.widow_control = False
    if "Table Grid" in [s.name for s in document.styles]:
        set_fonts(document.styles["Table Grid"], FANGSONG)


def _font_table(document) -> None:
    """Declare each Chinese font with its fallback and family, so both suites substitute sensibly."""
    try:
        part = document.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    except KeyError:
        return
    from lxml import etree

    root = parse_xml(part.blob)
    existing = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, (fallback, family) in FALLBACKS.items():
        if name in existing:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", fallback), ("w:charset", "86"), ("w:family", family),
                           ("w:pitch", "variable")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        root.append(font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _properties(document, *, title: str, author: str, subject: str, created: dt.datetime) -> None:
    """File properties (what 文件属性 shows): the office as author, duban's clock as the time."""
    props = document.core_properties
    title, subject, author = xml_safe(title), xml_safe(subject), xml_safe(author)
    props.title, props.subject, props.author, props.last_modified_by = title, subject, author, author
    # The package stores UTC (…Z); python-docx writes a naive time as it is.
    if created.tzinfo is not None:
        created = created.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = created
    props.revision = 1
    props.comments = props.keywords = props.category = ""
    printed = props._element.find(qn("cp:lastPrinted"))
    if printed is not None:  # python-docx's template says it was printed in 2013
        props._element.remove(printed)
    _application_properties(document, company=author)


APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>duban</Application><Company>{company}</Company></Properties>"""


def _application_properties(document, *, company: str) -> None:
    """docProps/app.xml names duban and the office (the template's says "Microsoft Macintosh
    Word", one page, no words); the template's thumbnail of a blank page is dropped."""
    from xml.sax.saxutils import escape

    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_XML.format(company=escape(company)).encode("utf-8")


def _page_number_footer(footer, align) -> None:
    """"— N —" in 4号宋体 with a PAGE field, one character in from the outside edge."""
    p = footer.paragraphs[0]
    p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = SIZE_4
    else:
        fmt.left_indent = SIZE_4
    set_fonts(p.add_run("— "), SONGTI, SIZE_4)
    run = p.add_run()
    set_fonts(run, SONGTI, SIZE_4)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    set_fonts(p.add_run(" —"), SONGTI, SIZE_4)


# Characters XML 1.0 cannot hold (controls other than tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF): text typed or pasted into the ledger may carry them, a document cannot.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters a Word document cannot hold."""
    return NOT_XML.sub("", text)


def paragraph(document, text: str = "", *, font=FANGSONG, size=SIZE_3, bold=False, align=None, indent=True,
              color=None):
    p = document.add_paragraph()
    if align is not None:
        p.alignment = align
    if not indent:
        p.paragraph_format.first_line_indent = Pt(0)
    if text:
        run = p.add_run(xml_safe(text))
        set_fonts(run, font, size, bold)
        if color is not None:
            run.font.color.rgb = color
    return p


def heading1(document, text: str):
    return paragraph(document, text, font=HEITI)


def heading2(document, text: str):
    return paragraph(document, text, font=KAITI)


def title(document, text: str, *, blank_after: bool = True):
    """The document's title: 2号小标宋, centred, a blank line after it (a one-page form leaves
    it out)."""
    p = paragraph(document, text, font=XIAOBIAOSONG, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    p.paragraph_format.line_spacing = Pt(35)
    if blank_after:
        paragraph(document, "")
    return p


def _border(p, side: str, size_eighths: int, color: str = "000000", space: int = 1) -> None:
    """A rule above or below a paragraph (版头的红色分隔线, 版记的分隔线)."""
    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", str(space)),
                       ("w:color", color)):
        line.set(qn(key), value)
    borders.append(line)


def _two_ends(document, left: str, right: str, *, font=FANGSONG, size=SIZE_3):
    """One line with ``left`` at the left edge and ``right`` at the right edge (a right tab,
    so a long office name never wraps the date onto a line of its own)."""
    p = paragraph(document, indent=False)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    set_fonts(p.add_run(xml_safe(f"{left}\t{right}")), font, size)
    return p


def masthead(document, name: str, number: str, issuer: str | None = None, issued: dt.date | None = None) -> None:
    """版头: the red name (发文机关标志), the 文号 centred under it, then (a bulletin) the issuer
    and date; a red rule under the last of them. A name too long for one line at 初号 is set
    smaller rather than wrapped; an empty ``number`` leaves its line out."""
    head = paragraph(document, name, font=XIAOBIAOSONG, size=masthead_size(name), align=WD_ALIGN_PARAGRAPH.CENTER,
                     indent=False, color=RED)
    head.paragraph_format.line_spacing = Pt(60)
    last = paragraph(document, number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False) if number else head
    if issuer is not None:
        last = _two_ends(document, issuer, cn_date(issued))
    _border(last, "bottom", 12, RED_HEX, space=4)
    paragraph(document, "")


def masthead_size(name: str):
    """初号 (42 pt) when the name fits the text block's width, else the size that makes it fit."""
    width_pt = TEXT_WIDTH_MM / MM_PER_PT
    return Pt(min(42, int(width_pt / max(display_width(name), 1))))


def addressee(document, name: str):
    """主送机关: flush left, ending with a full-width colon."""
    return paragraph(document, f"{name}：", indent=False)


def contact(document, person: str, phone: str):
    """（联系人：…，联系电话：…） under the body, as offices close a notice; kept on the page
    of the 落款 that follows it (a page of 落款 and 版记 alone would have no text)."""
    said = f"联系人：{person}" + (f"，联系电话：{phone}" if phone else "")
    p = paragraph(document, f"（{said}）")
    p.paragraph_format.keep_with_next = True
    return p


def signature(document, issuer: str, issued: dt.date, *, blank_before: bool = True) -> None:
    """落款: the issuer and the date, right-aligned, the date four characters in from the edge.
    Kept on one page with each other and with the 版记 after them, so that neither the
    office's name nor the 版记 is left alone at the top of a page."""
    if blank_before:
        paragraph(document, "").paragraph_format.keep_with_next = True
    for text in (issuer, cn_date(issued)):
        p = paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        p.paragraph_format.right_indent = CHAR_WIDTH * 4
        p.paragraph_format.keep_with_next = True


def colophon(document, *, cc: str, printer: str, printed: dt.date, blank_before: bool = True) -> None:
    """版记: 抄送 and 印发 lines in 4号仿宋, one character in from each side, between rules as
    wide as the text block (thick outside, thin between)."""
    if blank_before:
        paragraph(document, "").paragraph_format.keep_with_next = True
    lines = []
    if cc:
        p = paragraph(document, indent=False)
        p.paragraph_format.keep_with_next = True
        set_fonts(p.add_run(xml_safe(f"\u3000抄送：{cc}。")), FANGSONG, SIZE_4)
        lines.append(p)
    p = paragraph(document, indent=False)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    set_fonts(p.add_run(xml_safe(f"\u3000{printer}\t{cn_date(printed)}印发\u3000")), FANGSONG, SIZE_4)
    lines.append(p)
    _border(lines[0], "top", 8)
    for above in lines[:-1]:
        _border(above, "bottom", 4)
    _border(lines[-1], "bottom", 8)


# --- tables ----------------------------------------------------------------------------------

CELL_PADDING_MM = 4  # Word's default cell margins, both sides
WIDEST_FIXED_CHARS = 6  # a column other than the text one wraps beyond this many characters


def display_width(text: str) -> float:
    """Width in characters of the table font: CJK and full-width count 1, others ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def column_widths(header: list[str], rows: list[list[str]], flex: int, total_mm: float = TEXT_WIDTH_MM,
                  char_mm: float = 12 * MM_PER_PT, whole: tuple[int, ...] = (), min_flex: float = 0.45) -> list[float]:
    """Widths in mm: each column as wide as its longest cell (up to WIDEST_FIXED_CHARS
    characters, except the ``whole`` columns — a 督办编号 read across two lines is misread),
    and column ``flex`` (the 交办事项 text) all the rest."""
    widths = []
    for k, name in enumerate(header):
        chars = max([display_width(name)] + [display_width(row[k]) for row in rows])
        if k in whole:  # LibreOffice spaces digits apart from Chinese: room for that
            widths.append((chars + 0.5) * char_mm + CELL_PADDING_MM)
        else:
            widths.append(min(chars, WIDEST_FIXED_CHARS) * char_mm + CELL_PADDING_MM)
    widths[flex] = max(total_mm - (sum(widths) - widths[flex]), total_mm * min_flex)
    scale = min(1.0, total_mm / sum(widths))
    return [w * scale for w in widths]


def table(document, header: list[str], rows: list[list[str]], *, flex: int, whole: tuple[int, ...] = (),
          min_flex: float = 0.45):
    """A ruled table in 小四, widths by content (``column_widths``; ``whole`` columns never
    wrap), the header row repeated on each page. Widths go in the grid (``w:gridCol``, which
    LibreOffice reads), on every cell (which Word reads) and as a fixed layout, so neither
    suite spreads the columns evenly."""
    widths = column_widths(header, rows, flex, whole=whole, min_flex=min_flex)
    t = document.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for cell, text in zip(t.rows[0].cells, header, strict=True):
        _cell(cell, text, bold=True)
    _repeat_header(t.rows[0])
    for row in rows:
        added = t.add_row()
        _keep_together(added)
        for cell, text in zip(added.cells, row, strict=True):
            _cell(cell, text, bold=False)
    _set_widths(t, widths)
    return t


def form_table(document, rows: list[tuple[str, str]], *, label_chars: int = 4, size=SIZE_4):
    """A two-column form (交办单): each label in 黑体 in a narrow column, its value beside it
    (a line break in a value starts a new paragraph); a row is never split across pages."""
    label_mm = label_chars * size.pt * MM_PER_PT + CELL_PADDING_MM
    widths = [label_mm, TEXT_WIDTH_MM - label_mm]
    t = document.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for label, value in rows:
        row = t.add_row()
        _keep_together(row)
        _cell(row.cells[0], label, bold=True, size=size)
        for k, line in enumerate(value.split("\n")):
            _cell(row.cells[1], line, bold=False, size=size, align=WD_ALIGN_PARAGRAPH.LEFT, new=k > 0)
        row.cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _set_widths(t, widths)
    return t


def _set_widths(t, widths: list[float]) -> None:
    for col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in t.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def _repeat_header(row) -> None:
    _row_flag(row, "w:tblHeader")


def _keep_together(row) -> None:
    """A row is not split across pages (half an item's text on each page reads badly)."""
    _row_flag(row, "w:cantSplit")


def _row_flag(row, tag: str) -> None:
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _cell(cell, text: str, bold: bool, *, size=SIZE_SMALL_4, align=None, new: bool = False) -> None:
    """Text in a cell (``new``: as a further paragraph); bold text is a centred 黑体 label."""
    p = cell.add_paragraph() if new else cell.paragraphs[0]
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if bold:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align is not None:
        p.alignment = align
    set_fonts(p.add_run(xml_safe(text)), HEITI if bold else FANGSONG, size, bold)


def cn_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "—"


def short_date(d: dt.date | None) -> str:
    """Dates inside tables: 2026.11.26 keeps a date column narrow."""
    return f"{d.year}.{d.month:02d}.{d.day:02d}" if d else "—"
