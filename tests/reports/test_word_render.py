"""The 督查通报 as LibreOffice shows it: rendered to PDF and PNG (saved under tests/artifacts/word/)
and read back, to see what a 信创 desktop's user sees rather than what the XML says."""

import datetime as dt
import re
from pathlib import Path

import pytest

from duban.ledger import workflow
from duban.ledger.models import Item, Unit, User
from duban.reports.word import write_bulletin
from tests.reports import render

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(render.MISSING is not None, reason=render.MISSING or "")]
TODAY = dt.date(2026, 11, 26)
TEXTS = ["持续推进农村人居环境整治", "要对标群众需求，量身打造、常态化提供服务，让群众在家门口享受便利",
         "加快推进老旧小区改造，年底前完成雨污分流", "抓好秋冬季大气污染防治，严格落实扬尘管控措施",
         "确保项目年底前投产达效"]


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    """The bulletin of nine overdue items, one closed and one re-issued: its PDF, page texts, PNGs."""
    with render.rolled_back(django_db_blocker):
        pdf = _render(tmp_path_factory.mktemp("word"))
    pages = render.text_pages(pdf)
    pngs = render.publish(pdf, "bulletin", "page")
    return pdf, [render.flat(page) for page in pages], pages, pngs


def _render(folder: Path) -> Path:
    from duban import clock

    with clock.frozen(dt.datetime(2026, 11, 26, 9, 30)):
        officer = User.objects.create_user("render-officer", role=User.Role.OFFICER)
        units = [Unit.objects.create(name=n) for n in ("天桥街道", "区民政局", "区住房和城乡建设局", "召陵镇")]
        for k in range(9):
            workflow.apply(Item.objects.create(text=TEXTS[k % len(TEXTS)]), "assign", officer,
                           lead_unit=units[k % len(units)], deadline=TODAY - dt.timedelta(days=3 + k))
        docx = folder / "bulletin.docx"
        with open(docx, "wb") as f:
            write_bulletin(f, number=12, since=TODAY - dt.timedelta(days=30), until=TODAY, today=TODAY)
    return render.to_pdf(docx, folder, folder / "profile")


def test_body_lines_hold_at_least_25_characters(rendered):
    _pdf, _flat, pages, _pngs = rendered
    lines = pages[0].splitlines()
    start = next(k for k, line in enumerate(lines) if "一、总体情况" in line)
    summary = [re.sub(r"\s+", "", line) for line in lines[start + 1:start + 4]]
    assert max(len(line) for line in summary) >= 25, summary


def test_masthead_number_title_page_numbers_and_colophon(rendered, settings):
    _pdf, flat, pages, pngs = rendered
    first, last = flat[0], [page for page in flat if page][-1]
    assert first.startswith("督查通报督查通报〔2026〕12号") and settings.DUBAN_OFFICE_NAME in first
    assert "督办事项落实情况的通报" in first and "—1—" in first
    assert len(pngs) >= 2 and "—2—" in flat[1]
    # The issuer and the date share one line (a long office name does not push the date down).
    issuer_line = next(line for line in pages[0].splitlines() if settings.DUBAN_OFFICE_NAME in line)
    assert re.sub(r"\s+", "", issuer_line).endswith("2026年11月26日")
    assert "抄送：" in last and "2026年11月26日印发" in last


def test_the_item_text_column_is_the_widest(rendered):
    pdf, _flat, _pages, _pngs = rendered
    words = render.words(pdf)
    # The detail table's first row: 序号, 责任单位, 交办事项, 完成时限, 超期天数, each cell left-aligned.
    header = next(w for w in words if w.text == "交办事项")
    first = next(w for w in words if w.text == "1" and w.page == header.page and w.y_min > header.y_min)
    row = sorted((w for w in words if w.page == first.page and abs(w.y_min - first.y_min) < 4), key=lambda w: w.x_min)
    assert len(row) == 5 and row[1].text == "天桥街道" and row[3].text == "2026.11.15", [w.text for w in row]
    lefts = [w.x_min for w in row]
    widths = [b - a for a, b in zip(lefts, lefts[1:], strict=False)]
    assert widths[2] == max(widths) and widths[2] > 2 * widths[1], widths
