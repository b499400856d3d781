"""The 交办单, 督办通知单 and 办结报告 as LibreOffice shows them: rendered to PDF and PNG (kept
under tests/artifacts/word/: assignment-page-1.png, unit-notice-page-N.png,
closing-report-page-N.png) and read back, as a 督查室 would check a paper before sending it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.ledger import closing, services, workflow
from duban.ledger.models import Item, Source, Unit, User
from duban.reports import notices
from tests.reports import render

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(render.MISSING is not None, reason=render.MISSING or "")]
NOW = dt.datetime(2026, 11, 26, 9, 30)
TEXT = "要对标群众需求，量身打造、常态化提供服务，让群众在家门口享受便利，年底前完成社区养老服务中心建设并投入运营"
LABELS = ["交办事项", "来源", "讲话领导", "责任单位", "配合单位", "完成时限", "办理要求", "联系人"]


@pytest.fixture(scope="module")
def papers(django_db_setup, django_db_blocker, tmp_path_factory):
    """name -> (pdf, page texts, PNGs) for the three papers of one item and its unit."""
    folder = tmp_path_factory.mktemp("notices")
    with render.rolled_back(django_db_blocker):
        documents = _documents()
    found = {}
    for name, document in documents.items():
        docx = folder / f"{name}.docx"
        document.save(docx)
        pdf = render.to_pdf(docx, folder, folder / "profile")
        found[name] = (pdf, render.text_pages(pdf), render.publish(pdf, name, f"{name}-page"))
    return found


def _documents() -> dict:
    from duban import clock

    with clock.frozen(NOW):
        officer = User.objects.create_user("paper-officer", role=User.Role.OFFICER, first_name="张科长",
                                           phone="0395-5612345")
        town, co = Unit.objects.create(name="天桥街道"), Unit.objects.create(name="区民政局")
        liaison = User.objects.create_user("paper-liaison", role=User.Role.LIAISON, unit=town, first_name="李明",
                                           phone="13800000000")
        source = Source.objects.create(title="秦保强到召陵区调研民生工作", origin=Source.Origin.TEXT, content_hash="paper",
                                       raw=b"", event_date=dt.date(2026, 11, 20))
        item = workflow.apply(Item.objects.create(text=TEXT, speaker="秦保强", source=source, leader_in_charge="王副区长"),
                              "assign", officer, lead_unit=town, deadline=dt.date(2026, 12, 31), co_units=[co])
        for k in range(12):  # overdue items, so the 督办通知单 runs over a page
            workflow.apply(Item.objects.create(text=f"抓好秋冬季大气污染防治，严格落实扬尘管控措施（第{k + 1}项）"),
                           "assign", officer, lead_unit=town, deadline=dt.date(2026, 11, 10 + k))
        assignment = notices.build_assignment(item)
        item = workflow.apply(item, "sign", liaison)
        photo = SimpleUploadedFile("养老服务中心现场.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        item = services.report_progress(item, liaison, text="主体完工", files=[photo]).item
        item = closing.submit(item, liaison, completion="社区养老服务中心已建成并投入运营，提供助餐、日间照料服务。",
                              measures="一是成立专班，倒排工期。\n二是引入专业机构运营。", problems="运营经费需持续保障。")
        return {"assignment": assignment,
                "unit-notice": notices.build_unit_notice(town, notices.unit_items(town), officer=officer),
                "closing-report": notices.build_closing_report(closing.latest(item))}


def red_share(png, top: float, bottom: float) -> float:
    """The share of strongly red pixels in a horizontal band of a page (fractions of its height)."""
    from PIL import Image

    image = Image.open(png).convert("RGB")
    band = image.crop((0, int(image.height * top), image.width, int(image.height * bottom)))
    data = band.tobytes()
    red = sum(1 for k in range(0, len(data), 3) if data[k] > 180 and data[k + 1] < 90 and data[k + 2] < 90)
    return red / (len(data) // 3)


def test_the_assignment_sheet_is_one_page_with_masthead_number_title_and_page_number(papers, settings):
    _pdf, pages, pngs = papers["assignment"]
    assert len(pngs) == 1, "a 交办单 is one sheet"
    text = render.flat(pages[0])
    assert text.startswith(settings.DUBAN_OFFICE_NAME + "督〔2026〕1号督办事项交办单天桥街道：")
    assert "—1—" in text and "2026年11月26日印发" in text and "抄送：区民政局。" in text
    # The 发文机关标志 and the rule under the 文号 are red; the rest of the page is not.
    assert red_share(pngs[0], 0.10, 0.24) > 0.01 and red_share(pngs[0], 0.30, 1.0) < 0.001


def test_the_assignment_sheet_is_a_table_of_labels_and_values(papers):
    pdf, pages, _pngs = papers["assignment"]
    words = render.words(pdf)
    lefts = [next(w for w in words if w.text == label).x_min for label in LABELS]
    assert max(lefts) - min(lefts) < 15, lefts  # one label column (labels are centred in it)
    values = {label: next(w for w in words if w.text.startswith(first)) for label, first in
              (("讲话领导", "秦保强"), ("配合单位", "区民政局"), ("联系人", "张科长"))}
    assert all(v.x_min > max(lefts) + 40 for v in values.values())  # the values sit in the column beside
    flat = render.flat(pages[0])
    # (the label 交办事项, centred beside the text, reads into the middle of it)
    assert TEXT[:30] in flat and "2026年12月31日前" in flat and "联系人张科长0395-5612345" in flat


def test_the_assignment_body_lines_are_full(papers):
    _pdf, pages, _pngs = papers["assignment"]
    lines = [render.flat(line) for line in pages[0].splitlines()]
    opening = next(line for line in lines if line.startswith("现将以下事项"))
    assert len(opening) >= 25, opening


def test_the_unit_notice_lists_the_open_items_with_their_numbers_over_pages(papers, settings):
    _pdf, pages, pngs = papers["unit-notice"]
    flat = [render.flat(page) for page in pages if page.strip()]
    assert flat[0].startswith(settings.DUBAN_OFFICE_NAME + "督办通知单天桥街道：")
    assert "共13项，其中已超期12项" in flat[0] and "督〔2026〕2号" in flat[0]
    assert len(pngs) >= 2 and "—2—" in flat[1] and "联系人：张科长" in "".join(flat)
    # The 督办编号 column keeps each number on one line.
    assert all(f"督〔2026〕{n}号" in "".join(flat) for n in range(1, 14))


def test_the_closing_report_has_its_sections_and_evidence(papers):
    _pdf, pages, _pngs = papers["closing-report"]
    flat = "".join(render.flat(page) for page in pages)
    assert flat.startswith("天桥街道督办事项办结报告区委区政府督查室：")
    for part in ("一、完成情况", "二、主要措施及成效", "三、存在问题及下步打算", "四、佐证材料", "1.养老服务中心现场.png",
                 "督办编号督〔2026〕1号", "请予销号"):
        assert part in flat, part
