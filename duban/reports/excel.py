"""The 督办台账 as an Excel sheet: written for printing, read back row by row with clear errors.

``write_ledger(items, fileobj)`` streams (openpyxl write-only mode, flat memory however many
items), going on to continuation sheets 台账（续2）, 台账（续3）… when a sheet is full;
``read_ledger(fileobj)`` reads them all back and answers ``(rows, errors)`` without writing anything;
``save_rows(rows, user)`` stores validated rows through the workflow, as an officer's clicks would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from copy import copy
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from duban import clock
from duban.ledger import workflow
from duban.ledger.models import (
    Item,
    Journal,
    Progress,
    Rating,
    Source,
    Unit,
    UnitAlias,
    User,
    light_expression,
)

SHEET = "台账"
# The most rows an .xlsx worksheet holds: Excel refuses a file with more, so the ledger goes on
# to a continuation sheet instead. Read at call time, so tests can make it small.
SHEET_MAX_ROWS = 1_048_576
CONTINUATION = re.compile(rf"{SHEET}[（(]续(\d+)[）)]")
TITLE = "督办事项台账"
# (header, width in characters)
COLUMNS = [("序号", 6), ("交办事项", 48), ("来源", 22), ("责任领导", 10), ("责任单位", 14), ("配合单位", 14),
           ("完成时限", 12), ("进展情况", 36), ("状态", 9), ("亮灯", 7), ("督办编号", 16), ("优先级", 8),
           ("评价", 8)]
# The last three are written, not read back: numbers are given at 交办, the priority by a 批示 or
# 修改事项, the 评价 at 销号 (all journaled there). Placed after the read columns, sheets made
# with the earlier columns still line up.
HEADERS = [name for name, _width in COLUMNS]
REQUIRED = ("交办事项", "责任单位", "完成时限")
LIGHT_FILLS = {Item.Light.RED: "FFC7CE", Item.Light.YELLOW: "FFEB9C", Item.Light.GREEN: "C6EFCE"}
UNIT_SEPARATORS = re.compile(r"[、，,；;/\n]+")
PERCENT = re.compile(r"（完成(\d{1,3})%）$")


# --- writing ---------------------------------------------------------------------------------

class CellStyles:
    """Each look (font, alignment, fill, date format) is built once and copied onto cells:
    setting openpyxl style attributes cell by cell hashes them again each time, which
    dominated the export's run time. Styles belong to the workbook, so one instance serves
    every sheet of it."""

    def __init__(self, ws):
        thin = Side(style="thin", color="808080")
        self.ws, self.border, self.templates = ws, Border(left=thin, right=thin, top=thin, bottom=thin), {}
        self.aligns = {"wrap": Alignment(wrap_text=True, vertical="top"),
                       "center": Alignment(horizontal="center", vertical="center", wrap_text=True)}
        self.fonts = {"bold": Font(name="宋体", bold=True, size=11), "body": Font(name="宋体", size=10.5)}

    def cell(self, value, *, font="body", align="wrap", fill=None, number_format=None):
        key = (font, align, fill, number_format)
        if key not in self.templates:
            template = WriteOnlyCell(self.ws)
            template.font, template.alignment, template.border = self.fonts[font], self.aligns[align], self.border
            if fill:
                template.fill = PatternFill("solid", fgColor=fill)
            if number_format:
                template.number_format = number_format
            self.templates[key] = template._style
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = copy(self.templates[key])
        return cell


def _setup_sheet(ws) -> None:
    """A4 landscape, all columns on one page width, the header repeated on every page."""
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.merged_cells.add(f"A1:{get_column_letter(len(COLUMNS))}1")


def continuation_title(number: int) -> str:
    return f"{SHEET}（续{number}）"


class LedgerSheets:
    """The 台账 sheet and, once it holds SHEET_MAX_ROWS rows, continuation sheets 台账（续2）…,
    each set up for printing and starting with the title and header rows."""

    def __init__(self, workbook, heading: str):
        self.workbook, self.heading, self.number, self.styles = workbook, heading, 0, None
        self._start()

    def _start(self) -> None:
        self.number += 1
        ws = self.workbook.create_sheet(SHEET if self.number == 1 else continuation_title(self.number))
        _setup_sheet(ws)
        self.styles = self.styles or CellStyles(ws)
        ws.append([self.styles.cell(self.heading, font="bold", align="center")])
        ws.append([self.styles.cell(name, font="bold", align="center") for name in HEADERS])
        self.ws, self.rows = ws, 2

    def append(self, cells: list) -> None:
        if self.rows >= SHEET_MAX_ROWS:
            self._start()
        self.ws.append(cells)
        self.rows += 1


BATCH = 1000


def ledger_rows(items, today: dt.date):
    """The queryset trimmed to what the sheet shows, as plain values rather than model
    objects (a third of the export's time went to building them): the report's title,
    the latest progress and the light, all computed in SQL."""
    latest = Progress.objects.filter(item=OuterRef("pk")).order_by("-created_at", "-id")
    return (items.annotate(progress_text=Subquery(latest.values("text")[:1]),
                           progress_percent=Subquery(latest.values("percent")[:1]),
                           sheet_light=light_expression(today))
            .order_by("deadline", "id")
            .values("pk", "text", "source__title", "leader_in_charge", "lead_unit__name", "deadline",
                    "progress_text", "progress_percent", "status", "sheet_light", "number",
                    "priority", "rating"))


def in_batches(items, today: dt.date):
    """(row, co-unit names) in batches of BATCH: two queries per batch and memory that stays
    flat (``prefetch_related`` with ``iterator()`` kept growing in our measurements)."""
    rows = ledger_rows(items, today).iterator(chunk_size=BATCH)
    through = Item.co_units.through
    while batch := list(islice(rows, BATCH)):
        names: dict[int, list[str]] = {}
        pairs = (through.objects.filter(item_id__in=[row["pk"] for row in batch])
                 .order_by("unit__order", "unit__name").values_list("item_id", "unit__name"))
        for item_id, name in pairs:
            names.setdefault(item_id, []).append(name)
        for row in batch:
            yield row, names.get(row["pk"], [])


def progress_cell(text: str | None, percent: int | None) -> str:
    if not text:
        return ""
    return f"{text}（完成{percent}%）" if percent is not None else text


def write_ledger(items, fileobj, *, title: str = TITLE, today: dt.date | None = None,
                 projects: bool = True, user=None) -> int:
    """Write the 台账 sheet of ``items`` (a queryset) to ``fileobj``; answers the row count.

    Rows past SHEET_MAX_ROWS go on continuation sheets, 序号 running on. With ``projects``
    the workbook also carries the 项目台账 sheet (the projects ``user`` may see; all when None).
    """
    today = today or clock.today()
    workbook = Workbook(write_only=True)
    sheets = LedgerSheets(workbook, f"{title}（{today:%Y年%m月%d日}）")
    styles = sheets.styles
    statuses = {value: str(label) for value, label in Item.Status.choices}
    lights = {value: str(label) for value, label in Item.Light.choices}
    priorities = {value: str(label) for value, label in Item.Priority.choices}
    ratings = {value: str(label) for value, label in Rating.choices}
    count = 0
    for count, (row, co_units) in enumerate(in_batches(items, today), start=1):
        light = row["sheet_light"]
        sheets.append([
            styles.cell(count, align="center"),
            styles.cell(row["text"]),
            styles.cell(row["source__title"] or ""),
            styles.cell(row["leader_in_charge"], align="center"),
            styles.cell(row["lead_unit__name"] or ""),
            styles.cell("、".join(co_units)),
            styles.cell(row["deadline"], align="center", number_format="yyyy-mm-dd"),
            styles.cell(progress_cell(row["progress_text"], row["progress_percent"])),
            styles.cell(statuses[row["status"]], align="center"),
            styles.cell(lights[light], align="center", fill=LIGHT_FILLS.get(light)),
            styles.cell(row["number"] or "", align="center"),
            styles.cell(priorities[row["priority"]], align="center"),
            styles.cell(ratings.get(row["rating"], ""), align="center"),
        ])
    if projects:
        from duban.areas.exports import write_project_sheet

        write_project_sheet(workbook, user=user, today=today)
    workbook.save(fileobj)
    return count


# --- reading ---------------------------------------------------------------------------------

@dataclass
class LedgerRow:
    line: int  # row number in the sheet, as the user sees it
    text: str
    source: str = ""
    leader: str = ""
    lead_unit: Unit | None = None
    co_units: list[Unit] = field(default_factory=list)
    deadline: dt.date | None = None
    progress: str = ""
    percent: int | None = None
    status: str = ""  # as the sheet states it; empty: 已交办 for a new row, unchanged for an item
    sheet: str = ""  # a continuation sheet's name; empty on the first sheet read

    @property
    def place(self) -> str:
        """Where the row is, as the journal names it: 第5行, 台账（续2）第5行."""
        return f"{self.sheet}第{self.line}行"

    @property
    def where(self) -> str:
        """``place`` in the reader's language, for messages."""
        return row_words(self.sheet, self.line)


def row_words(sheet: str, line: int) -> str:
    return _("{sheet}第{line}行").format(sheet=sheet, line=line).strip()


def row_problem(place: str, problem) -> str:
    return _("{place}：{problem}").format(place=place, problem=problem)


STATUS_BY_LABEL = {str(label): value for value, label in Item.Status.choices}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace(" ", "")
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class UnitNames:
    """Exact unit names and aliases (no guessing: a ledger names its units)."""

    def __init__(self):
        self.by_name = {u.name: u for u in Unit.objects.all()}
        for alias in UnitAlias.objects.select_related("unit"):
            self.by_name.setdefault(alias.alias, alias.unit)

    def get(self, name: str) -> Unit | None:
        return self.by_name.get(name.strip())


def _header(ws) -> tuple[int, dict[str, int]] | None:
    for number, values in enumerate(ws.iter_rows(min_row=1, max_row=10, values_only=True), start=1):
        names = [_text(v) for v in values]
        if "交办事项" in names:
            return number, {name: i for i, name in enumerate(names) if name}
    return None


def ledger_sheets(workbook) -> list:
    """The 台账 sheet and its continuation sheets by number; a workbook without them, its first sheet."""
    if SHEET not in workbook.sheetnames:
        return [workbook.worksheets[0]]
    numbered = sorted((int(match[1]), name) for name in workbook.sheetnames
                      if (match := CONTINUATION.fullmatch(name)))
    return [workbook[SHEET], *(workbook[name] for _number, name in numbered)]


def read_ledger(fileobj) -> tuple[list[LedgerRow], list[str]]:
    """Parse and validate the 台账 sheet (and its continuation sheets); answers the good rows
    and one message per problem."""
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], [_("不是有效的 Excel 文件（.xlsx）。")]
    try:
        units, rows, errors = UnitNames(), [], []
        for index, ws in enumerate(ledger_sheets(workbook)):
            # Messages about the first sheet stay as short as a one-sheet ledger's.
            _read_sheet(ws, ws.title if index else "", units, rows, errors)
        return rows, errors
    finally:
        workbook.close()


def _read_sheet(ws, sheet: str, units: UnitNames, rows: list[LedgerRow], errors: list[str]) -> None:
    found = _header(ws)
    if found is None:
        problem = _("找不到表头（需要“交办事项”“责任单位”“完成时限”等列）。")
        errors.append(row_problem(sheet, problem) if sheet else problem)
        return
    header_row, columns = found
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        errors.append(row_problem(row_words(sheet, header_row), _("缺少列：{columns}。").format(columns="、".join(missing))))
        return
    for line, values in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1):
        cells = {name: _text(values[i]) if i < len(values) else "" for name, i in columns.items()}
        raw = {name: values[i] if i < len(values) else None for name, i in columns.items()}
        if not any(v for k, v in cells.items() if k != "序号"):
            continue  # blank lines between blocks are common in office sheets
        row, problems = _validate(line, cells, raw, units)
        row.sheet = sheet
        if problems:
            errors.extend(row_problem(row.where, p) for p in problems)
        else:
            rows.append(row)


def _validate(line: int, cells: dict, raw: dict, units: UnitNames) -> tuple[LedgerRow, list[str]]:
    problems = []
    row = LedgerRow(line=line, text=cells["交办事项"], source=cells.get("来源", ""), leader=cells.get("责任领导", ""))
    if not row.text:
        problems.append(_("交办事项为空。"))
    if not cells["责任单位"]:
        problems.append(_("责任单位为空。"))
    elif (unit := units.get(cells["责任单位"])) is None:
        problems.append(_("找不到责任单位“{unit}”（请先在单位管理中添加，或使用已有的名称/别名）。").format(
            unit=cells["责任单位"]))
    else:
        row.lead_unit = unit
    for name in filter(None, (n.strip() for n in UNIT_SEPARATORS.split(cells.get("配合单位", "")))):
        if (unit := units.get(name)) is None:
            problems.append(_("找不到配合单位“{unit}”。").format(unit=name))
        else:
            row.co_units.append(unit)
    if not cells["完成时限"]:
        problems.append(_("完成时限为空。"))
    elif (deadline := parse_date(raw["完成时限"])) is None:
        problems.append(_("完成时限格式不对（应为 2024-06-30 这样的日期）：“{value}”。").format(value=cells["完成时限"]))
    else:
        row.deadline = deadline
    status = cells.get("状态", "")
    if status and status not in STATUS_BY_LABEL:
        problems.append(_("状态“{status}”无法识别（可用：{statuses}）。").format(status=status,
                                                                          statuses="、".join(STATUS_BY_LABEL)))
    elif status:
        row.status = STATUS_BY_LABEL[status]
    if row.status in Item.NOT_IN_LEDGER:
        problems.append(_("状态“{status}”的事项不属于台账。").format(status=status))
    progress = cells.get("进展情况", "")
    if match := PERCENT.search(progress):
        row.percent = min(int(match.group(1)), 100)
        progress = progress[: match.start()].rstrip()
    row.progress = progress
    return row, problems


# --- storing ---------------------------------------------------------------------------------

@dataclass
class SaveSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)  # one per refused row: "第5行：…"


def _source_titled(title: str, filename: str, cache: dict) -> Source | None:
    """The report a row names; a title duban never imported gets a bare record, so it is not lost."""
    if not title:
        return None
    if title not in cache:
        source = Source.objects.filter(title=title).order_by("pk").first()
        if source is None:
            digest = hashlib.sha256(f"台账来源\n{title}".encode()).hexdigest()
            source, _created = Source.objects.get_or_create(content_hash=digest, defaults={
                "title": title[:500], "origin": Source.Origin.FILE, "location": filename, "raw": b""})
        cache[title] = source
    return cache[title]


@transaction.atomic
def save_rows(rows: list[LedgerRow], user: User | None, *, filename: str = "") -> SaveSummary:
    """Store the rows through the workflow, as if an officer clicked through them (``user``
    None: the command line). A row with the same text and lead unit as an item in the ledger
    edits it (``workflow.edit``) and moves its status one step (``workflow.apply``); any other
    row becomes a new item, assigned (or only accepted) through the workflow.

    A row the workflow refuses (a status it cannot reach in one step, a step only the unit may
    take, a change to a closed item) is left out, its changes undone, and named in
    ``errors``; the caller decides whether the other rows stand.
    """
    if user is not None and not user.is_office:
        raise workflow.NotAllowed(_("只有督查室可以导入台账。"))
    summary, sources = SaveSummary(), {}
    for row in rows:
        existing = (Item.objects.filter(text=row.text, lead_unit=row.lead_unit)
                    .exclude(status__in=Item.NOT_IN_LEDGER).first())
        try:
            with transaction.atomic():  # a refused row leaves nothing behind
                if existing is None:
                    _create(row, user, _source_titled(row.source, filename, sources), filename)
                    summary.created += 1
                elif _update(existing, row, user):
                    summary.updated += 1
                else:
                    summary.unchanged += 1
        except workflow.WorkflowError as error:
            summary.errors.append(row_problem(row.where, error))
    return summary


# The statuses a new row may have: what the office reaches from a proposal in one step.
NEW_ROW_STEPS = {Item.Status.ACCEPTED: "accept", Item.Status.ASSIGNED: "assign"}


def _create(row: LedgerRow, user, source, filename) -> Item:
    """A proposal, then the office's step to the row's status, journaled as a click is."""
    status = row.status or Item.Status.ASSIGNED
    if status not in NEW_ROW_STEPS:
        raise workflow.InvalidTransition(
            _("新事项只能以“已立项”或“已交办”导入，不能直接成为“{status}”"
              "（签收、办理、销号由责任单位和督查室在系统中逐步办理）。").format(status=Item.Status(status).label))
    if row.progress:
        raise workflow.InvalidTransition(_("新事项的进展情况由责任单位签收后报送，请清空该格后导入。"))
    item = Item.objects.create(text=row.text, source=source, status=Item.Status.PROPOSED)
    Journal.record(user=user, item=item, action="import_xlsx", field="status", new=item.status,
                   reason=f"{filename} {row.place}")
    return workflow.apply(item, NEW_ROW_STEPS[status], user, reason=f"导入台账 {row.place}",
                          lead_unit=row.lead_unit, deadline=row.deadline, leader_in_charge=row.leader[:200],
                          co_units=row.co_units)


def _update(item: Item, row: LedgerRow, user) -> bool:
    """The row's office-editable fields through ``workflow.edit``, then its status through the
    one transition that reaches it, if there is one. Answers whether anything changed."""
    why = f"导入台账 {row.place}"
    changes = {name: value for name, value in (("leader_in_charge", row.leader[:200]), ("deadline", row.deadline))
               if getattr(item, name) != value}
    if set(item.co_units.all()) != set(row.co_units):
        changes["co_units"] = row.co_units
    if changes:
        item = workflow.edit(item, user, reason=why, **changes)
    if row.status and row.status != item.status:
        step = _step(item.status, row.status)
        if step.needs_reason:  # the sheet has no column for why an item goes back
            raise workflow.ReasonRequired(_("“{step}”需要填写理由，请在系统中办理。").format(step=_(step.label)))
        # The sheet has no 评价 column: an item it closes counts as 未评价 in 考核.
        workflow.apply(item, step.name, user, reason=why, allow_unrated=True)
        return True
    return bool(changes)


def _step(old: str, new: str) -> workflow.Transition:
    """The transition from status ``old`` to ``new``; a sheet may not skip steps."""
    for transition in workflow.TRANSITIONS.values():
        if old in transition.sources and transition.target == new:
            return transition
    raise workflow.InvalidTransition(
        _("状态不能从“{old}”直接改为“{new}”（须在系统中逐步办理）。").format(old=Item.Status(old).label,
                                                                      new=Item.Status(new).label))


__all__ = ["COLUMNS", "HEADERS", "SHEET_MAX_ROWS", "LedgerRow", "SaveSummary", "read_ledger", "save_rows",
           "write_ledger"]
