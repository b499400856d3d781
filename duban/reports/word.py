"""The 督查通报 as a Word file, laid out after GB/T 9704-2012 (党政机关公文格式).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; body 3号仿宋_GB2312 on a
22 lines × 28 characters grid; title 2号小标宋; level-one headings (一、) 黑体, level-two
（一） 楷体_GB2312; page numbers "— 1 —" in 4号宋体, outside edge (odd right, even left).

Chinese font names go in ``w:eastAsia`` (Word picks East-Asian fonts from there); the
font table names a fallback (``w:altName``) for machines without the GB2312 fonts.

    from duban.reports.word import write_bulletin
    with open("通报.docx", "wb") as f:
        write_bulletin(f, number=3, since=date(2026, 11, 1), until=date(2026, 11, 30))
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import BinaryIO

from django.db.models import Count, Min, Q
from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from duban import clock
from duban.ledger.filters import LedgerFilters, select
from duban.ledger.models import Item

# Font sizes by 号 (Chinese point sizes).
SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_4 = Pt(22), Pt(16), Pt(14), Pt(12)
RED = RGBColor(0xE6, 0x00, 0x12)
DETAIL_LIMIT = 200  # items listed per section; the counts are always whole
NO_UNIT = "未明确责任单位"

# Font -> fallback present on most Windows/Linux machines.
FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "方正小标宋简体"
FALLBACKS = {FANGSONG: "仿宋", KAITI: "楷体", XIAOBIAOSONG: "华文中宋", HEITI: "SimHei", SONGTI: "SimSun"}
LATIN = "Times New Roman"

# 22 lines on 297-37-35 = 225 mm and 28 characters on 210-28-26 = 156 mm.
LINES, CHARS = 22, 28
TWIPS_PER_MM = 1440 / 25.4
LINE_PITCH = int((297 - 37 - 35) * TWIPS_PER_MM / LINES)  # 579 twips
CHAR_PITCH = (210 - 28 - 26) * TWIPS_PER_MM / CHARS  # ≈ 315.9 twips against 320 for 16 pt
CHAR_SPACE = round((CHAR_PITCH - 320) / 20 * 4096)  # w:charSpace is in 1/4096 pt


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


def _page_setup(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25)  # the page number sits about 7 mm below the text block
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def _styles(document) -> None:
    normal = document.styles["Normal"]
    set_fonts(normal, FANGSONG, SIZE_3)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH / 20)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(32)  # two characters
    fmt.widow_control = False
    for name in ("Table Grid",):
        if name in [s.name for s in document.styles]:
            set_fonts(document.styles[name], FANGSONG)


def _font_table(document) -> None:
    """Declare each Chinese font with its fallback, so Word substitutes sensibly."""
    try:
        part = document.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    except KeyError:
        return
    from docx.oxml import parse_xml

    root = parse_xml(part.blob)
    existing = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, fallback in FALLBACKS.items():
        if name in existing:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", fallback), ("w:charset", "86"), ("w:family", "modern"),
                           ("w:pitch", "fixed")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number_footer(footer, align) -> None:
    """"— N —" in 4号宋体 with a PAGE field, one character in from the outside edge."""
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = SIZE_4
    else:
        fmt.left_indent = SIZE_4
    set_fonts(paragraph.add_run("— "), SONGTI, SIZE_4)
    run = paragraph.add_run()
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
    set_fonts(paragraph.add_run(" —"), SONGTI, SIZE_4)


def _paragraph(document, text: str = "", *, font=FANGSONG, size=SIZE_3, bold=False, align=None, indent=True,
               color=None):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if not indent:
        paragraph.paragraph_format.first_line_indent = Pt(0)
    if text:
        run = paragraph.add_run(text)
        set_fonts(run, font, size, bold)
        if color is not None:
            run.font.color.rgb = color
    return paragraph


def heading1(document, text: str):
    return _paragraph(document, text, font=HEITI)


def heading2(document, text: str):
    return _paragraph(document, text, font=KAITI)


def _masthead(document, number: int, issued: dt.date, issuer: str) -> None:
    _paragraph(document, f"督查通报（第{number}期）", font=XIAOBIAOSONG, size=Pt(36), align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False, color=RED)
    line = _paragraph(document, f"{issuer}　　　　　　　　{issued.year}年{issued.month}月{issued.day}日",
                      align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    # The red rule under the masthead (版头中的分隔线).
    ppr = line._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", "E60012")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _table(document, header: list[str], rows: list[list[str]], widths_mm: list[float]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cells, bold in ((table.rows[0].cells, True),):
        for cell, text in zip(cells, header, strict=True):
            _cell(cell, text, bold)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _cell(cell, text, False)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


def _cell(cell, text: str, bold: bool) -> None:
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    run = paragraph.add_run(text)
    set_fonts(run, HEITI if bold else FANGSONG, SIZE_SMALL_4, bold)


def _date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "—"


def bulletin_data(since: dt.date, until: dt.date, today: dt.date | None = None,
                  filters: LedgerFilters | None = None) -> dict:
    """The numbers and lists the bulletin prints, for the period since..until (inclusive),
    over the items in the ledger that ``filters`` select (the ledger's filter definition:
    a unit's bulletin, a topic's…; default the whole ledger).

    Counts are made in SQL; each list holds at most DETAIL_LIMIT items (the most overdue,
    the latest closed, the latest re-issued) with its full count beside it, so that a
    province's ledger still gives a bulletin of some pages rather than one of every item.
    """
    today = today or clock.today()
    chosen = dataclasses.replace(filters or LedgerFilters(), in_ledger=True)
    ledger = select(chosen).queryset().select_related("lead_unit")
    active = ledger.exclude(status=Item.Status.CLOSED)
    overdue = active.filter(deadline__lt=today)
    units = [(row["lead_unit__name"] or NO_UNIT, row["n"], (today - row["oldest"]).days)
             for row in overdue.order_by().values("lead_unit__name")
             .annotate(n=Count("*"), oldest=Min("deadline"))]
    units.sort(key=lambda row: (-row[1], row[0]))
    # The most overdue, shown grouped by unit in the order of the table above.
    rank = {name: k for k, (name, _n, _days) in enumerate(units)}
    most_overdue = sorted(overdue.order_by("deadline", "id")[:DETAIL_LIMIT],
                          key=lambda i: (rank[i.lead_unit.name if i.lead_unit else NO_UNIT], i.deadline, i.pk))
    in_period = Q(assigned_at__date__gte=since, assigned_at__date__lte=until)
    closed = ledger.filter(status=Item.Status.CLOSED, closed_at__date__gte=since, closed_at__date__lte=until)
    reissued = ledger.filter(Q(pk__in=Item.repeat_of.through.objects.values("from_item_id"))).filter(
        Q(in_period) | Q(assigned_at__isnull=True, created_at__date__gte=since, created_at__date__lte=until))
    return {
        "today": today, "since": since, "until": until,
        "assigned": ledger.filter(in_period).count(),
        "closed": list(closed.order_by("-closed_at", "-id")[:DETAIL_LIMIT])[::-1], "closed_count": closed.count(),
        "active": active.count(),
        "red": sum(n for _name, n, _days in units),
        "yellow": active.filter(Item.light_is(Item.Light.YELLOW, today)).count(),
        "overdue_units": units,
        "overdue": most_overdue,
        "reissued": list(reissued.order_by("-id")[:DETAIL_LIMIT].prefetch_related("repeat_of"))[::-1],
        "reissued_count": reissued.count(),
    }


def _shown(shown: int, total: int, which: str) -> str:
    """The sentence that says a list is cut short, or nothing when it is complete."""
    if shown >= total:
        return ""
    return f"共{total}项，以下列出{which}{shown}项，全部事项见督办台账（Excel）。"


def build_bulletin(*, number: int, since: dt.date, until: dt.date, issuer: str = "督查室",
                   today: dt.date | None = None, filters: LedgerFilters | None = None):
    """The bulletin as a python-docx Document (``filters``: see ``bulletin_data``)."""
    data = bulletin_data(since, until, today, filters)
    document = Document()
    _page_setup(document.sections[0])
    _styles(document)
    _font_table(document)
    section = document.sections[0]
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_footer(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    _masthead(document, number, data["today"], issuer)
    _paragraph(document, f"关于{_date(since)}至{_date(until)}督办事项落实情况的通报", font=XIAOBIAOSONG,
               size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(document, "")

    heading1(document, "一、总体情况")
    _paragraph(document, (
        f"{_date(since)}至{_date(until)}，共交办事项{data['assigned']}项，办结销号{data['closed_count']}项。"
        f"截至{_date(data['today'])}，在办事项{data['active']}项，其中超期未办结（红灯）{data['red']}项，"
        f"临近时限（黄灯）{data['yellow']}项。"))

    heading1(document, "二、超期未办结事项")
    if data["overdue_units"]:
        heading2(document, "（一）按单位统计")
        _table(document, ["责任单位", "超期事项（项）", "最长超期（天）"],
               [[unit, str(n), str(days)] for unit, n, days in data["overdue_units"]], [70, 40, 40])
        heading2(document, "（二）超期事项明细")
        if note := _shown(len(data["overdue"]), data["red"], "超期时间最长的"):
            _paragraph(document, note)
        _table(document, ["序号", "责任单位", "交办事项", "完成时限", "超期天数"],
               [[str(n), i.lead_unit.name if i.lead_unit else NO_UNIT, i.text, _date(i.deadline),
                 str(i.days_overdue(data["today"]))] for n, i in enumerate(data["overdue"], 1)],
               [12, 30, 70, 26, 18])
    else:
        _paragraph(document, "本期无超期未办结事项。")

    heading1(document, "三、本期办结事项")
    if data["closed"]:
        if note := _shown(len(data["closed"]), data["closed_count"], "最近办结的"):
            _paragraph(document, note)
        _table(document, ["序号", "交办事项", "责任单位", "销号日期"],
               [[str(n), i.text, i.lead_unit.name if i.lead_unit else "—", _date(timezone.localdate(i.closed_at))]
                for n, i in enumerate(data["closed"], 1)], [12, 90, 30, 24])
    else:
        _paragraph(document, "本期无办结事项。")

    heading1(document, "四、再次交办事项")
    if data["reissued"]:
        _paragraph(document, "以下事项此前已交办，本期再次提出，请责任单位加大力度、按时办结。"
                   + _shown(len(data["reissued"]), data["reissued_count"], "最近的"))
        _table(document, ["序号", "交办事项", "责任单位", "首次交办"],
               [[str(n), i.text, i.lead_unit.name if i.lead_unit else "—",
                 "、".join(_date(timezone.localdate(r.assigned_at)) if r.assigned_at else f"#{r.pk}"
                          for r in i.repeat_of.all())]
                for n, i in enumerate(data["reissued"], 1)], [12, 90, 30, 24])
    else:
        _paragraph(document, "本期无再次交办事项。")

    heading1(document, "五、工作要求")
    _paragraph(document, "各责任单位要对照通报事项逐项整改，超期事项于5个工作日内报送整改情况；"
                         "督查室将持续跟踪督办，对整改不力的按规定予以通报问责。")
    _paragraph(document, "")
    _paragraph(document, issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, _date(data["today"]), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    return document


def write_bulletin(fileobj: BinaryIO, **kwargs) -> None:
    """Write the bulletin (see ``build_bulletin`` for the arguments) to a binary file object."""
    build_bulletin(**kwargs).save(fileobj)


__all__ = ["build_bulletin", "bulletin_data", "write_bulletin"]
