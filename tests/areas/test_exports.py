import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from duban.areas.exports import SHEET_TITLE, write_project_sheet
from duban.areas.models import Stage
from duban.areas.projects import change_stage, create_project, set_plan
from duban.ledger.models import Item, Subject

pytestmark = pytest.mark.django_db


def test_project_sheet_has_one_row_per_project_with_stage_dates_and_lag(people, units, tmp_path):
    officer = people["officer"]
    lagging = create_project(Subject.objects.create(name="正大绿色循环经济产业园"), officer,
                             owner_unit=units["dept"], investment=Decimal("12.50"))
    set_plan(lagging, officer, {Stage.SIGNED: dt.date(2026, 1, 10), Stage.STARTED: dt.date(2026, 6, 1)})
    change_stage(lagging, officer, stage=Stage.SIGNED, actual=dt.date(2026, 1, 15), note="完成签约",
                 today=dt.date(2026, 11, 26))
    Item.objects.create(text="做好周边环境整治", subject=lagging.subject, status=Item.Status.ASSIGNED)
    create_project(Subject.objects.create(name="召陵区养老服务中心"), officer)

    workbook = Workbook()
    sheet = write_project_sheet(workbook, today=dt.date(2026, 11, 26))
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)

    assert sheet.title == SHEET_TITLE
    sheet = load_workbook(path)[SHEET_TITLE]  # what the user opens
    header = [c.value for c in sheet[1]]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"正大绿色循环经济产业园", "召陵区养老服务中心"}
    row = rows["正大绿色循环经济产业园"]
    assert row["责任单位"] == "区发展改革委" and row["总投资（亿元）"] == 12.5
    assert row["当前阶段"] == "签约" and row["签约实际"].date() == dt.date(2026, 1, 15)
    assert row["是否滞后"].startswith("滞后") and row["滞后天数"] == (dt.date(2026, 11, 26) - dt.date(2026, 6, 1)).days
    assert row["未办结问题数"] == 1 and row["最新进展"] == "完成签约"
    assert rows["召陵区养老服务中心"]["是否滞后"] == "否"
    assert sheet.cell(row=2, column=1).fill.fgColor.rgb != sheet.cell(row=3, column=1).fill.fgColor.rgb
    # Writing twice replaces the sheet instead of adding a second one.
    write_project_sheet(workbook, today=dt.date(2026, 11, 26))
    assert workbook.sheetnames.count(SHEET_TITLE) == 1


def test_ledger_export_carries_the_project_sheet(people, units, tmp_path):
    import io

    from duban.reports.excel import SHEET, write_ledger

    officer = people["officer"]
    project = create_project(Subject.objects.create(name="正大绿色循环经济产业园"), officer,
                             owner_unit=units["dept"], investment=Decimal("3"))
    Item.objects.create(text="加快设备调试", subject=project.subject, status=Item.Status.ASSIGNED,
                        lead_unit=units["dept"], deadline=dt.date(2026, 12, 31))
    buffer = io.BytesIO()
    write_ledger(Item.objects.in_ledger(), buffer, today=dt.date(2026, 11, 26))
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    assert workbook.sheetnames == [SHEET, SHEET_TITLE]
    names = [row[1] for row in workbook[SHEET_TITLE].iter_rows(min_row=2, values_only=True)]
    assert names == ["正大绿色循环经济产业园"]
