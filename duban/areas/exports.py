"""The 项目台账 sheet of the Excel export (the ledger export adds it with ``write_project_sheet``)."""

from __future__ import annotations

import datetime as dt

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from duban import clock
from duban.areas.models import STAGE_ORDER, ProjectProfile, Stage
from duban.areas.projects import lag, open_problems, projects_visible_to, stage_rows

SHEET_TITLE = "项目台账"
_LAG_FILL = PatternFill("solid", fgColor="F8D7DA")


def _header() -> list[str]:
    stages = []
    for stage in STAGE_ORDER:
        label = Stage(stage).label
        stages += [f"{label}计划", f"{label}实际"]
    return ["序号", "项目名称", "责任单位", "总投资（亿元）", "当前阶段", *stages,
            "是否滞后", "滞后天数", "未办结问题数", "最新进展"]


def project_rows(projects, today: dt.date) -> list[list]:
    rows = []
    for number, project in enumerate(projects, start=1):
        dates = []
        for row in stage_rows(project):
            dates += [row.planned, row.actual]
        behind = lag(project, today)
        latest = project.changes.first()
        rows.append([
            number, project.subject.name, project.owner_unit.name if project.owner_unit else "",
            float(project.investment) if project.investment is not None else None,
            str(project.get_current_stage_display()), *dates,
            f"滞后（应达{behind.expected_label}）" if behind else "否", behind.days if behind else 0,
            open_problems(project).count(), latest.note if latest else "",
        ])
    return rows


def write_project_sheet(workbook: Workbook, *, user=None, today: dt.date | None = None) -> Worksheet:
    """Add (or replace) the 项目台账 sheet: one row per project, lagging rows shaded.

    Cells are styled as they are appended, so this works on the ledger export's streaming
    (write-only) workbook as well as on an ordinary one. ``user`` limits rows to the
    projects that user may see (None: all).
    """
    today = today or clock.today()
    if SHEET_TITLE in workbook.sheetnames and not workbook.write_only:
        del workbook[SHEET_TITLE]
    sheet = workbook.create_sheet(SHEET_TITLE)
    header = _header()
    widths = {"项目名称": 30, "责任单位": 18, "最新进展": 40}
    for index, title in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(title, 12)
    sheet.freeze_panes = "C2"
    sheet.append([_cell(sheet, title, bold=True) for title in header])
    projects = (projects_visible_to(user) if user is not None
                else ProjectProfile.objects.select_related("subject", "owner_unit").prefetch_related("stages"))
    lag_column = header.index("是否滞后")
    for values in project_rows(projects.order_by("subject__name"), today):
        fill = _LAG_FILL if values[lag_column] != "否" else None
        sheet.append([_cell(sheet, value, fill=fill) for value in values])
    return sheet


def _cell(sheet, value, *, bold=False, fill=None) -> Cell:
    # row/column are placeholders that append() overwrites; openpyxl's write-only append
    # cannot take a cell without them.
    cell = Cell(sheet, row=1, column=1, value=value)
    if bold:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    if fill is not None:
        cell.fill = fill
    return cell
