import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from duban import clock
from duban.ledger.models import Item, Journal, Progress, Source, Unit, UnitAlias, User
from duban.reports import excel
from duban.reports.excel import HEADERS, read_ledger, save_rows, write_ledger

pytestmark = pytest.mark.django_db
TODAY = clock.today()


@pytest.fixture
def ledger(db):
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN)
    civil = Unit.objects.create(name="区民政局")
    UnitAlias.objects.create(unit=civil, alias="民政局")
    health = Unit.objects.create(name="区卫健委")
    source = Source.objects.create(title="市委书记秦保强到召陵区调研", origin="file", content_hash="a", raw=b"x")
    late = Item.objects.create(text="完善社区养老服务功能", source=source, lead_unit=town, leader_in_charge="赵副区长",
                               deadline=TODAY - dt.timedelta(days=3), status=Item.Status.IN_PROGRESS)
    late.co_units.set([civil, health])
    Progress.objects.create(item=late, text="已完成选址", percent=40)
    soon = Item.objects.create(text="加快老厂房改造", lead_unit=civil, deadline=TODAY + dt.timedelta(days=1),
                               status=Item.Status.ASSIGNED)
    done = Item.objects.create(text="建设高水平会客展厅，打造开放性体验式研究院", source=source, lead_unit=town,
                               deadline=TODAY + dt.timedelta(days=40), status=Item.Status.CLOSED)
    Item.objects.create(text="只是一个建议", status=Item.Status.PROPOSED)  # not in the ledger
    return {"town": town, "civil": civil, "health": health, "items": [late, soon, done]}


def sheet_rows(data: bytes):
    ws = load_workbook(io.BytesIO(data))["台账"]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_written_sheet_has_the_ledger_columns_and_values(ledger):
    buffer = io.BytesIO()
    assert write_ledger(Item.objects.in_ledger(), buffer) == 3
    rows = sheet_rows(buffer.getvalue())
    assert rows[0][0].startswith("督办事项台账") and rows[1] == HEADERS
    first = dict(zip(HEADERS, rows[2], strict=True))  # sorted by deadline: the overdue one first
    assert first["序号"] == 1 and first["交办事项"] == "完善社区养老服务功能"
    assert first["来源"] == "市委书记秦保强到召陵区调研" and first["责任领导"] == "赵副区长"
    assert first["责任单位"] == "天桥街道" and set(first["配合单位"].split("、")) == {"区民政局", "区卫健委"}
    assert first["完成时限"].date() == TODAY - dt.timedelta(days=3)
    assert first["进展情况"] == "已完成选址（完成40%）" and first["状态"] == "办理中" and first["亮灯"] == "红灯"
    assert [r[9] for r in rows[2:]] == ["红灯", "黄灯", "已办结"]
    assert [r[HEADERS.index("优先级")] for r in rows[2:]] == ["一般", "一般", "一般"]
    assert [r[HEADERS.index("评价")] for r in rows[2:]] == [None, None, None]  # none rated


def test_priority_and_rating_are_written_and_not_read_back(ledger):
    """优先级 and 评价 are for reading: a 批示 or 修改事项 sets the one, 销号 the other, each
    journaled; the import neither validates nor applies them (an item is unchanged)."""
    late, _soon, done = ledger["items"]
    Item.objects.filter(pk=late.pk).update(priority=Item.Priority.URGENT)
    Item.objects.filter(pk=done.pk).update(rating="fair", rating_note="资料略欠完整")
    buffer = io.BytesIO()
    write_ledger(Item.objects.in_ledger(), buffer)
    rows = sheet_rows(buffer.getvalue())
    by_text = {r[1]: dict(zip(HEADERS, r, strict=True)) for r in rows[2:]}
    assert by_text["完善社区养老服务功能"]["优先级"] == "紧急"
    assert by_text["建设高水平会客展厅，打造开放性体验式研究院"]["评价"] == "较好"
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["台账"]
    ws.cell(row=3, column=HEADERS.index("优先级") + 1, value="不存在的级别")
    ws.cell(row=5, column=HEADERS.index("评价") + 1, value="差")
    edited = io.BytesIO()
    ws.parent.save(edited)
    parsed, errors = read_ledger(io.BytesIO(edited.getvalue()))
    assert errors == [] and len(parsed) == 3
    assert save_rows(parsed, None).unchanged == 3
    assert Item.objects.get(pk=late.pk).priority == Item.Priority.URGENT
    assert Item.objects.get(pk=done.pk).rating == "fair"


def test_sheet_is_set_up_for_printing(ledger):
    buffer = io.BytesIO()
    write_ledger(Item.objects.in_ledger(), buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["台账"]
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$2" and ws.freeze_panes == "A3"
    assert "A1:M1" in {str(r) for r in ws.merged_cells.ranges}  # the title over all 13 columns


def test_round_trip_into_an_empty_ledger(ledger):
    """Rows come in through the workflow: an assigned item as the office assigns one; items a
    unit has since signed, worked on or had closed cannot be created at that status."""
    buffer = io.BytesIO()
    write_ledger(Item.objects.in_ledger(), buffer)
    Progress.objects.all().delete()
    Item.objects.all().delete()
    rows, errors = read_ledger(io.BytesIO(buffer.getvalue()))
    assert errors == [] and len(rows) == 3
    summary = save_rows(rows, None, filename="台账.xlsx")
    assert summary.created == 1
    assert summary.errors == [
        "第3行：新事项只能以“已立项”或“已交办”导入，不能直接成为“办理中”（签收、办理、销号由责任单位和督查室在系统中逐步办理）。",
        "第5行：新事项只能以“已立项”或“已交办”导入，不能直接成为“已销号”（签收、办理、销号由责任单位和督查室在系统中逐步办理）。",
    ]
    item = Item.objects.get()
    assert (item.text, item.status, item.lead_unit, item.deadline) == (
        "加快老厂房改造", Item.Status.ASSIGNED, ledger["civil"], TODAY + dt.timedelta(days=1))
    assert item.assigned_at is not None
    lines = list(item.journal.order_by("id").values_list("action", "field", "new"))
    assert lines[0] == ("import_xlsx", "status", "proposed")
    assert ("assign", "lead_unit", "区民政局") in lines and lines[-1] == ("assign", "status", "assigned")


def snapshot():
    return sorted(
        (i.text, i.source.title if i.source else "", i.leader_in_charge, i.lead_unit.name,
         tuple(sorted(u.name for u in i.co_units.all())), i.deadline, i.status,
         tuple(i.progress.values_list("text", "percent")))
        for i in Item.objects.in_ledger())


def test_reimport_updates_by_text_and_unit_without_duplicates(ledger):
    buffer = io.BytesIO()
    write_ledger(Item.objects.in_ledger(), buffer)
    rows, _ = read_ledger(io.BytesIO(buffer.getvalue()))
    assert save_rows(rows, None).unchanged == 3
    soon = next(r for r in rows if r.text == "加快老厂房改造")
    soon.deadline = TODAY + dt.timedelta(days=20)
    soon.co_units = [ledger["health"]]
    summary = save_rows(rows, None)
    assert (summary.created, summary.updated) == (0, 1) and Item.objects.in_ledger().count() == 3
    item = Item.objects.get(text="加快老厂房改造")
    assert item.deadline == TODAY + dt.timedelta(days=20) and list(item.co_units.all()) == [ledger["health"]]
    assert item.version == 2 and Journal.objects.filter(item=item, field="deadline").exists()


def make_sheet(rows, header=HEADERS) -> io.BytesIO:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "台账"
    ws.append(["督办事项台账"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


GOOD = [1, "加快研发中心建设", "", "王副区长", "天桥街道", "民政局", "2030-06-30", "", "已交办", ""]


def test_each_bad_row_gets_a_clear_message(ledger):
    bad = [
        GOOD,
        [2, "做好环境整治", "", "", "天桥街道", "", "明年", "", "已交办", ""],
        [3, "", "", "", "火星局", "", dt.datetime(2030, 1, 1), "", "", ""],
        [4, "推进项目", "", "", "天桥街道", "水星办、区民政局", "2030/1/2", "", "办完了", ""],
        [None, None, None, None, None, None, None, None, None, None],
    ]
    rows, errors = read_ledger(make_sheet(bad))
    assert [r.line for r in rows] == [3]
    assert errors == [
        "第4行：完成时限格式不对（应为 2024-06-30 这样的日期）：“明年”。",
        "第5行：交办事项为空。",
        "第5行：找不到责任单位“火星局”（请先在单位管理中添加，或使用已有的名称/别名）。",
        "第6行：找不到配合单位“水星办”。",
        "第6行：状态“办完了”无法识别（可用：" + "、".join(str(label) for _, label in Item.Status.choices) + "）。",
    ]


def test_not_a_spreadsheet_and_missing_columns():
    assert read_ledger(io.BytesIO(b"hello"))[1] == ["不是有效的 Excel 文件（.xlsx）。"]
    assert read_ledger(make_sheet([], header=["序号", "交办事项", "状态"]))[1] == ["第2行：缺少列：责任单位、完成时限。"]


def test_import_xlsx_command_writes_nothing_when_a_row_fails(ledger, tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(make_sheet([GOOD, [2, "x", "", "", "天桥街道", "", "2030-13-01", "", "", ""]]).getvalue())
    count = Item.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 处错误，未导入任何事项"):
        call_command("import_xlsx", str(path), stdout=io.StringIO(), stderr=err)
    assert "第4行：完成时限格式不对" in err.getvalue() and Item.objects.count() == count
    out = io.StringIO()
    call_command("import_xlsx", str(path), "--partial", stdout=out, stderr=io.StringIO())
    assert "新增 1 条" in out.getvalue() and Item.objects.count() == count + 1
    new = Item.objects.get(text="加快研发中心建设")
    assert new.status == Item.Status.ASSIGNED and list(new.co_units.all()) == [ledger["civil"]]


def test_import_xlsx_refuses_a_liaison(ledger, tmp_path):
    User.objects.create_user("tq", role=User.Role.LIAISON, unit=ledger["town"])
    with pytest.raises(CommandError, match="不是督查室"):
        call_command("import_xlsx", str(tmp_path / "x.xlsx"), "--user", "tq")


def test_export_command_filters(ledger, tmp_path):
    path = tmp_path / "out.xlsx"
    out = io.StringIO()
    call_command("export", "--xlsx", str(path), stdout=out)
    assert "已导出 3 条" in out.getvalue() and len(sheet_rows(path.read_bytes())) == 5
    call_command("export", "--xlsx", str(path), "--light", "红灯", stdout=io.StringIO())
    assert [r[1] for r in sheet_rows(path.read_bytes())[2:]] == ["完善社区养老服务功能"]
    call_command("export", "--xlsx", str(path), "--unit", "民政局", stdout=io.StringIO())
    # The ledger's unit filter: the items it leads and those it co-operates on, as on the page.
    assert [r[1] for r in sheet_rows(path.read_bytes())[2:]] == ["完善社区养老服务功能", "加快老厂房改造"]
    call_command("export", "--xlsx", str(path), "--status", "已销号", "--status", "proposed", stdout=io.StringIO())
    assert len(sheet_rows(path.read_bytes())) == 4
    with pytest.raises(CommandError, match="目录不存在"):
        call_command("export", "--xlsx", str(tmp_path / "no" / "x.xlsx"))
    with pytest.raises(CommandError, match="未知状态"):
        call_command("export", "--xlsx", str(path), "--status", "bogus")


def test_export_streams_with_few_queries(ledger, django_assert_max_num_queries):
    town = ledger["town"]
    Item.objects.bulk_create([Item(text=f"事项{n}", lead_unit=town, deadline=TODAY, status="assigned")
                              for n in range(300)])
    with django_assert_max_num_queries(6):
        write_ledger(Item.objects.in_ledger(), io.BytesIO())


# --- continuation sheets: a small SHEET_MAX_ROWS stands in for the 1,048,576-row xlsx limit ---

@pytest.fixture
def three_rows_a_sheet(monkeypatch):
    monkeypatch.setattr(excel, "SHEET_MAX_ROWS", 5)  # title + header + 3 items


def export_many(town, count: int) -> bytes:
    Item.objects.bulk_create([Item(text=f"事项{n:02d}", lead_unit=town, deadline=TODAY + dt.timedelta(days=n),
                                   status=Item.Status.ASSIGNED) for n in range(count)])
    buffer = io.BytesIO()
    assert write_ledger(Item.objects.in_ledger(), buffer) == count
    return buffer.getvalue()


@pytest.mark.parametrize(("count", "sheets"), [(3, ["台账"]), (6, ["台账", "台账（续2）"]),
                                               (8, ["台账", "台账（续2）", "台账（续3）"])])
def test_a_full_sheet_goes_on_to_continuation_sheets(db, three_rows_a_sheet, count, sheets):
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN)
    workbook = load_workbook(io.BytesIO(export_many(town, count)))
    assert workbook.sheetnames == [*sheets, "项目台账"]  # no empty continuation sheet when one is exactly full
    numbers, texts = [], []
    for name in sheets:
        ws = workbook[name]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        assert rows[0][0].startswith("督办事项台账") and rows[1] == HEADERS
        assert 3 <= len(rows) <= 5
        assert ws.print_title_rows == "$1:$2" and ws.freeze_panes == "A3" and ws.page_setup.orientation == "landscape"
        assert "A1:M1" in {str(r) for r in ws.merged_cells.ranges}  # the title over all 13 columns and ws.column_dimensions["B"].width == 48
        numbers += [r[0] for r in rows[2:]]
        texts += [r[1] for r in rows[2:]]
    assert numbers == list(range(1, count + 1))
    assert texts == [f"事项{n:02d}" for n in range(count)]  # each item once, in deadline order


def test_round_trip_of_continuation_sheets_imports_every_row(db, three_rows_a_sheet):
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN)
    data = export_many(town, 8)
    Item.objects.all().delete()
    rows, errors = read_ledger(io.BytesIO(data))
    assert errors == []
    assert [r.text for r in rows] == [f"事项{n:02d}" for n in range(8)]
    assert [r.place for r in rows][2:4] == ["第5行", "台账（续2）第3行"]
    assert save_rows(rows, None, filename="台账.xlsx").created == 8
    assert sorted(Item.objects.values_list("text", flat=True)) == [f"事项{n:02d}" for n in range(8)]
    moved = Journal.objects.get(item__text="事项07", action="import_xlsx", field="status")
    assert moved.reason == "台账.xlsx 台账（续3）第4行"


def test_an_error_on_a_continuation_sheet_names_the_sheet(db, three_rows_a_sheet):
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN)
    workbook = load_workbook(io.BytesIO(export_many(town, 8)))
    workbook["台账（续2）"]["G4"] = "明年"
    workbook["台账"]["E3"] = "火星局"
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows, errors = read_ledger(io.BytesIO(buffer.getvalue()))
    assert errors == ["第3行：找不到责任单位“火星局”（请先在单位管理中添加，或使用已有的名称/别名）。",
                      "台账（续2）第4行：完成时限格式不对（应为 2024-06-30 这样的日期）：“明年”。"]
    assert len(rows) == 6


def test_continuation_sheets_are_read_in_number_order_and_need_their_header(ledger):
    workbook = Workbook()
    workbook.active.title = "台账（续3）"
    workbook.active.append(["序号", "交办事项", "状态"])
    for name, row in (("台账", GOOD), ("台账（续2）", [2, "第二页的事项", *GOOD[2:]]), ("说明", ["不是台账"])):
        ws = workbook.create_sheet(name)
        ws.append(HEADERS)
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows, errors = read_ledger(io.BytesIO(buffer.getvalue()))
    assert [(r.sheet, r.text) for r in rows] == [("", "加快研发中心建设"), ("台账（续2）", "第二页的事项")]
    assert errors == ["台账（续3）第1行：缺少列：责任单位、完成时限。"]


def test_a_workbook_without_our_sheet_names_is_read_from_its_first_sheet(ledger):
    workbook = Workbook()
    workbook.active.title = "Sheet1"
    workbook.active.append(HEADERS)
    workbook.active.append(GOOD)
    workbook.create_sheet("台账（续2）").append(["这一页不读"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows, errors = read_ledger(io.BytesIO(buffer.getvalue()))
    assert errors == [] and [r.text for r in rows] == ["加快研发中心建设"]


def one_row(item: Item, status: str, **changes) -> excel.LedgerRow:
    values = {"line": 7, "text": item.text, "leader": item.leader_in_charge, "lead_unit": item.lead_unit,
              "co_units": list(item.co_units.all()), "deadline": item.deadline, "status": status}
    return excel.LedgerRow(**{**values, **changes})


def test_a_row_moves_an_item_one_step_as_a_click_does(ledger):
    soon = ledger["items"][1]
    Item.objects.filter(pk=soon.pk).update(status=Item.Status.SUBMITTED)
    officer = User.objects.create_user("duchashi", role=User.Role.OFFICER)
    summary = save_rows([one_row(soon, Item.Status.CLOSED)], officer)
    assert (summary.updated, summary.errors) == (1, [])
    soon.refresh_from_db()
    assert soon.status == Item.Status.CLOSED and soon.closed_at is not None
    assert soon.rating == ""  # the sheet has no 评价 column: 未评价 in 考核
    line = soon.journal.get(field="status")
    assert (line.action, line.old, line.new, line.user, line.reason) == (
        "close", "submitted", "closed", officer, "导入台账 第7行")


@pytest.mark.parametrize(("status", "row_status", "message"), [
    (Item.Status.ASSIGNED, Item.Status.CLOSED, "第7行：状态不能从“已交办”直接改为“已销号”（须在系统中逐步办理）。"),
    (Item.Status.ASSIGNED, Item.Status.SIGNED, "第7行：您无权对此事项执行“签收”。"),
    (Item.Status.SUBMITTED, Item.Status.IN_PROGRESS, "第7行：“退回”需要填写理由，请在系统中办理。"),
])
def test_rows_that_jump_or_take_the_units_step_are_refused_whole(ledger, status, row_status, message):
    soon = ledger["items"][1]
    Item.objects.filter(pk=soon.pk).update(status=status)
    journal = Journal.objects.count()
    later = TODAY + dt.timedelta(days=90)
    summary = save_rows([one_row(soon, row_status, deadline=later)], None)
    assert summary.errors == [message] and summary.updated == 0
    soon.refresh_from_db()
    # The row's deadline edit went with it: a refused row changes nothing.
    assert soon.status == status and soon.deadline != later and Journal.objects.count() == journal


def test_a_closed_item_is_not_edited_by_a_sheet(ledger):
    done = ledger["items"][2]
    summary = save_rows([one_row(done, "", deadline=TODAY + dt.timedelta(days=90))], None)
    assert summary.errors == ["第7行：已办结的事项不能修改，请先重新打开。"]
    assert save_rows([one_row(done, "")], None).unchanged == 1  # the same values: nothing to refuse


def test_a_new_row_with_progress_is_refused(ledger):
    row = excel.LedgerRow(line=9, text="新的事项", lead_unit=ledger["town"], deadline=TODAY, progress="已开工")
    assert save_rows([row], None).errors == ["第9行：新事项的进展情况由责任单位签收后报送，请清空该格后导入。"]
    assert not Item.objects.filter(text="新的事项").exists()


def test_import_xlsx_command_refuses_a_jump_and_writes_nothing(ledger, tmp_path):
    path = tmp_path / "台账.xlsx"
    jump = [2, "加快老厂房改造", "", "", "民政局", "", str(TODAY + dt.timedelta(days=1)), "", "已销号", ""]
    path.write_bytes(make_sheet([GOOD, jump]).getvalue())
    count, err = Item.objects.count(), io.StringIO()
    with pytest.raises(CommandError, match="1 处错误"):
        call_command("import_xlsx", str(path), "--dry-run", stdout=io.StringIO(), stderr=err)
    assert "第4行：状态不能从“已交办”直接改为“已销号”" in err.getvalue() and Item.objects.count() == count
    with pytest.raises(CommandError, match="1 处错误，未导入任何事项"):
        call_command("import_xlsx", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Item.objects.count() == count
    out = io.StringIO()
    call_command("import_xlsx", str(path), "--partial", stdout=out, stderr=io.StringIO())
    assert "新增 1 条" in out.getvalue() and Item.objects.count() == count + 1
    assert Item.objects.get(text="加快老厂房改造").status == Item.Status.ASSIGNED
