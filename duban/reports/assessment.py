"""The 考核 table as an Excel sheet: one row per unit, ranked as on the page, then 合计 and the
definitions of each measure (``duban.ledger.assessment``)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from duban.ledger.assessment import Period, UnitScore, definitions
from duban.ledger.models import Rating

SHEET = "考核"
PERCENT, SCORE = "0.0%", "0.0"
# (header, width, value of a UnitScore, number format)
COLUMNS = [
    ("责任单位", 22, lambda s: s.unit, None),
    ("办结数", 8, lambda s: s.closed, None),
    ("按期办结数", 10, lambda s: s.on_time, None),
    ("有时限办结数", 12, lambda s: s.with_deadline, None),
    ("按期办结率", 11, lambda s: s.on_time_rate, PERCENT),
    ("在办超期", 9, lambda s: s.overdue_now, None),
    ("逾期办结", 9, lambda s: s.closed_late, None),
    ("超期数", 8, lambda s: s.overdue, None),
    ("退回次数", 9, lambda s: s.returns, None),
    *[(str(grade.label), 6, lambda s, g=grade.value: s.ratings[g], None) for grade in Rating],
    ("未评价", 8, lambda s: s.unrated, None),
    ("平均分", 8, lambda s: s.mean_score, SCORE),
]
HEADERS = ["排名", *(name for name, *_ in COLUMNS)]


def title(period: Period) -> str:
    return f"督查考核（{period.since:%Y-%m-%d} 至 {period.until:%Y-%m-%d}）"


def write_assessment(scores: list[UnitScore], whole: UnitScore, period: Period, fileobj) -> None:
    """Write the ranked ``scores``, then ``whole`` (合计), to ``fileobj`` (.xlsx). A measure
    with nothing to count (a rate, a mean score) is an empty cell, not 0."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    bold = Font(name="宋体", bold=True, size=11)
    ws.append([title(period)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A1"].font, ws["A1"].alignment = Font(name="宋体", bold=True, size=14), Alignment(horizontal="center")
    ws.append(HEADERS)
    for cell in ws[2]:
        cell.font, cell.alignment = bold, Alignment(horizontal="center", wrap_text=True)
    for place, score in enumerate(scores, start=1):
        _append(ws, place, score)
    _append(ws, "", whole)
    for cell in ws[ws.max_row]:
        cell.font = bold
    ws.append([])
    for name, text in definitions():
        ws.append([f"{name}：{text}"])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(HEADERS))
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[ws.max_row].height = 30
    ws.column_dimensions["A"].width = 6
    for index, (_name, width, _value, _format) in enumerate(COLUMNS, start=2):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "C3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    workbook.save(fileobj)


def _append(ws, place, score: UnitScore) -> None:
    ws.append([place, *(value(score) for _header, _width, value, _format in COLUMNS)])
    for column, (_header, _width, _value, number_format) in enumerate(COLUMNS, start=2):
        if number_format:
            ws.cell(ws.max_row, column).number_format = number_format
