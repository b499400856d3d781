import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from duban.ledger import closing, services, workflow
from duban.ledger.models import Item, Unit, User
from duban.reports.word import write_bulletin

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def document(frozen_clock):
    # The bulletin lists items closed inside its window, and close-out stamps the clock.
    frozen_clock(TODAY)
    officer = User.objects.create_user("officer", role=User.Role.OFFICER)
    town, dept = Unit.objects.create(name="天桥街道"), Unit.objects.create(name="区民政局")
    rows = [("红灯事项甲", town, -10), ("红灯事项乙", town, -2), ("红灯事项丙", dept, -1), ("绿灯事项", dept, 30)]
    items = []
    for text, unit, days in rows:
        item = Item.objects.create(text=text)
        items.append(workflow.apply(item, "assign", officer, lead_unit=unit, deadline=TODAY + dt.timedelta(days=days)))
    done = workflow.apply(items[3], "sign", User.objects.create_user("l", role=User.Role.LIAISON, unit=dept))
    services.report_progress(done, User.objects.get(username="l"), text="已办结")
    closing.submit(done, User.objects.get(username="l"), completion="已办结")
    workflow.apply(done, "close", officer, reason="现场核实", rating="good")
    again = Item.objects.create(text="再次提出的事项")
    again = workflow.apply(again, "assign", officer, lead_unit=town, deadline=TODAY + dt.timedelta(days=5))
    again.repeat_of.add(items[0])
    buffer = io.BytesIO()
    write_bulletin(buffer, number=12, since=TODAY - dt.timedelta(days=30), until=TODAY + dt.timedelta(days=1),
                   today=TODAY)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def test_page_layout_is_gbt_9704(document):
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    for side, mm in (("top_margin", 37), ("bottom_margin", 35), ("left_margin", 28), ("right_margin", 26)):
        assert abs(getattr(section, side) - Mm(mm)) < Mm(0.1), side
    # No character grid (LibreOffice spreads a linesAndChars grid to ~15 characters a line): 22 lines
    # come from the exact line pitch, 28 characters from the body's character spacing.
    assert section._sectPr.find(qn("w:docGrid")) is None
    normal = document.styles["Normal"]
    pitch = normal.paragraph_format.line_spacing
    assert round((297 - 37 - 35) / 25.4 * 72 / pitch.pt) == 22
    spacing = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    chars = (210 - 28 - 26) / 25.4 * 72 / (16 + spacing)
    assert 28 <= chars < 29


def test_masthead_number_issuer_and_colophon_from_settings(settings, frozen_clock):
    frozen_clock(TODAY)
    settings.DUBAN_OFFICE_NAME = "漯河市召陵区委区政府督查室"
    settings.DUBAN_BULLETIN_NUMBER = "召督通〔{year}〕{number}号"
    settings.DUBAN_BULLETIN_CC = "区委、区政府领导"
    buffer = io.BytesIO()
    write_bulletin(buffer, number=3, since=TODAY - dt.timedelta(days=30), until=TODAY, today=TODAY)
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["督查通报", "召督通〔2026〕3号", "漯河市召陵区委区政府督查室\t2026年11月26日"]
    assert "督查室" not in "".join(texts).replace("漯河市召陵区委区政府督查室", "")
    assert [t.strip("\u3000") for t in texts[-2:]] == ["抄送：区委、区政府领导。",
                                                       "漯河市召陵区委区政府督查室\t2026年11月26日印发"]
    import zipfile

    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
    assert "docProps/thumbnail.jpeg" not in names  # python-docx's template page
    assert "<Application>duban</Application>" in app and "Macintosh" not in app
    props = document.core_properties
    assert props.author == "漯河市召陵区委区政府督查室" and props.title.startswith("召督通〔2026〕3号")
    assert props.created.date() == TODAY and props.last_printed is None and "python-docx" not in (
        props.author + props.comments + props.last_modified_by)


def test_columns_are_as_wide_as_their_content(document):
    detail = document.tables[1]
    widths = [int(col.get(qn("w:w"))) for col in detail._tbl.tblGrid.findall(qn("w:gridCol"))]
    header = [c.text for c in detail.rows[0].cells]
    assert header[widths.index(max(widths))] == "交办事项"
    assert abs(sum(widths) - Mm(156).twips) < 20  # the text block's width
    assert widths[0] < widths[1] < widths[2]  # 序号 < 责任单位 < 交办事项


def east_asian(run_or_style):
    return run_or_style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_fonts_are_named_with_east_asian_attributes(document):
    normal = document.styles["Normal"]
    assert east_asian(normal) == "仿宋_GB2312" and normal.font.size == Pt(16)
    paragraphs = document.paragraphs
    masthead, number, title = paragraphs[0], paragraphs[1], paragraphs[4]
    assert masthead.text == "督查通报" and str(masthead.runs[0].font.color.rgb) == "E60012"
    assert number.text == "督查通报〔2026〕12号"
    assert title.runs[0].font.size == Pt(22) and east_asian(title.runs[0]) == "方正小标宋简体"
    heading = next(p for p in paragraphs if p.text.startswith("一、"))
    assert east_asian(heading.runs[0]) == "黑体"
    sub = next(p for p in paragraphs if p.text.startswith("（一）"))
    assert east_asian(sub.runs[0]) == "楷体_GB2312"
    fonts = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable").blob.decode()
    assert 'w:name="仿宋_GB2312"' in fonts and 'w:altName w:val="仿宋"' in fonts
    assert '<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="swiss"/>' in fonts


def test_page_numbers_in_footer(document):
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
        assert footer.paragraphs[0].runs[0].font.size == Pt(14) and east_asian(footer.paragraphs[0].runs[0]) == "宋体"


def test_content_tables(document):
    text = "\n".join(p.text for p in document.paragraphs)
    assert "超期未办结（红灯）3项" in text
    by_unit, detail, closed, reissued = document.tables
    assert [[c.text for c in r.cells] for r in by_unit.rows[1:]] == [["天桥街道", "2", "10"], ["区民政局", "1", "1"]]
    assert [r.cells[2].text for r in detail.rows[1:]] == ["红灯事项甲", "红灯事项乙", "红灯事项丙"]
    assert [r.cells[1].text for r in closed.rows[1:]] == ["绿灯事项"]
    assert [r.cells[1].text for r in reissued.rows[1:]] == ["再次提出的事项"]


def test_long_lists_are_cut_to_the_most_overdue_with_whole_counts(monkeypatch):
    from duban.reports import word

    monkeypatch.setattr(word, "DETAIL_LIMIT", 2)
    officer = User.objects.create_user("officer", role=User.Role.OFFICER)
    town, dept = Unit.objects.create(name="天桥街道"), Unit.objects.create(name="区民政局")
    for k, unit in enumerate([town, town, dept, town, dept]):
        workflow.apply(Item.objects.create(text=f"超期{k}"), "assign", officer, lead_unit=unit,
                       deadline=TODAY - dt.timedelta(days=10 - k))
    buffer = io.BytesIO()
    write_bulletin(buffer, number=1, since=TODAY - dt.timedelta(days=30), until=TODAY, today=TODAY)
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "超期未办结（红灯）5项" in text
    assert "共5项，以下列出超期时间最长的2项，全部事项见督办台账（Excel）。" in text
    by_unit, detail = document.tables[:2]
    assert [[c.text for c in r.cells] for r in by_unit.rows[1:]] == [["天桥街道", "3", "10"], ["区民政局", "2", "8"]]
    assert [r.cells[2].text for r in detail.rows[1:]] == ["超期0", "超期1"]


def test_the_bulletin_counts_what_the_ledger_filters_select(document):
    """bulletin_data takes the ledger's filters: a unit's bulletin counts that unit's items only."""
    from duban.ledger.filters import LedgerFilters
    from duban.reports.word import bulletin_data

    since, until = TODAY - dt.timedelta(days=30), TODAY + dt.timedelta(days=1)
    whole = bulletin_data(since, until, TODAY)
    dept = Unit.objects.get(name="区民政局")
    own = bulletin_data(since, until, TODAY, LedgerFilters(unit=dept.pk))
    assert (whole["assigned"], whole["red"], whole["closed_count"]) == (5, 3, 1)
    assert (own["assigned"], own["red"], own["closed_count"]) == (2, 1, 1)
    assert [name for name, _n, _days in own["overdue_units"]] == ["区民政局"]
