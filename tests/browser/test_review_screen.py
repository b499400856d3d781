"""The review screen as an officer uses it with a mouse: first clicks count, edits stick,
messages show where the officer looks, and directives the analyser missed can be added."""

import datetime as dt

import pytest

from duban import clock
from duban.ledger.models import Item, Source, Unit, UnitAlias, User
from tests.browser.conftest import pick_unit
from tests.browser.test_officer_liaison_flow import OFFICE_SCREEN, PASSWORD, login, unlabelled
from tests.conftest import SEED

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = dt.date(2026, 11, 5)

# A report with demands but no cue the analyser knows: it finds nothing.
REPORT = """市领导到临河区检查冬季安全生产
11月3日，市委副书记王建国到临河区检查冬季安全生产工作，区委书记李明陪同。
在城东老旧小区，王建国察看了燃气管道改造情况，询问了居民冬季取暖情况。老旧小区燃气管道的隐患排查年底前全部完成。
在临河区消防救援大队，王建国听取了冬季火灾防控工作汇报，人员密集场所的消防通道堵塞问题一个月内整改到位。
"""
MARKED = ["老旧小区燃气管道的隐患排查年底前全部完成", "人员密集场所的消防通道堵塞问题一个月内整改到位"]
INSTRUCTION = """王建国同志批示：
一、请临河区应急管理局牵头，11月底前完成全区冬季安全生产大检查。
二、城东街道要做好困难群众冬季取暖保障。
三、各街道要加强冬季消防宣传，做到家喻户晓。"""
PASTED = ["请临河区应急管理局牵头，11月底前完成全区冬季安全生产大检查。", "城东街道要做好困难群众冬季取暖保障。",
          "各街道要加强冬季消防宣传，做到家喻户晓。"]

# Select words of the article as a user's mouse would, then let the page see the mouse go up.
SELECT_JS = """([para, words]) => {
  const p = document.querySelector(`article p[data-para="${para}"]`);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const at = p.textContent.indexOf(words);
  let node, seen = 0, range = document.createRange(), started = false;
  while ((node = walker.nextNode())) {
    const len = node.textContent.length;
    if (!started && at < seen + len) { range.setStart(node, at - seen); started = true; }
    if (started && at + words.length <= seen + len) { range.setEnd(node, at + words.length - seen); break; }
    seen += len;
  }
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  p.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


@pytest.fixture
def world(db):
    district = Unit.objects.create(name="临河区委区政府", kind=Unit.Kind.LEADERSHIP)
    UnitAlias.objects.create(unit=district, alias="临河区")
    Unit.objects.create(name="城东街道", kind=Unit.Kind.TOWN, parent=district)
    Unit.objects.create(name="临河区应急管理局", kind=Unit.Kind.DEPARTMENT, parent=district)
    Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN, parent=district)
    User.objects.create_user("officer", password=PASSWORD, role=User.Role.OFFICER, first_name="张科长")


@pytest.fixture
def officer_page(browser, live_server, world):
    context = browser.new_context(viewport=OFFICE_SCREEN, locale="zh-CN")
    page = context.new_page()
    login(page, live_server.url, "officer")
    yield page
    context.close()


@pytest.fixture
def seed_review(officer_page, live_server, pipeline):
    page = officer_page
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("上传文件（网页、文本、Word .docx、PDF 或 OFD）").set_input_files(str(SEED))
    page.get_by_role("button", name="导入并识别").click()
    page.wait_for_url("**/review/")
    return page, list(Source.objects.get().items.order_by("directive_index", "id"))


def wait_status(page, item, status):
    page.wait_for_function(f"document.querySelector('#p-{item.pk}').classList.contains('status-{status}')")


def test_the_first_click_on_a_card_that_is_not_selected_counts(seed_review, shots):
    page, items = seed_review
    second = items[1]
    assert "current" not in page.get_attribute(f"#p-{second.pk}", "class")
    page.locator(f"#p-{second.pk}").get_by_role("button", name="立项", exact=True).click()
    wait_status(page, second, "accepted")
    assert "未知操作" not in page.inner_text("#review")
    third = items[2]
    page.locator(f"#p-{third.pk}").get_by_role("button", name="交办", exact=True).click()
    wait_status(page, third, "assigned")
    assert Item.objects.get(pk=third.pk).status == "assigned"


def test_a_deadline_saved_with_edit_is_the_one_assigned(seed_review, shots):
    page, items = seed_review
    item = items[0]
    card = page.locator(f"#p-{item.pk}")
    card.locator("summary", has_text="修改").click()
    page.fill(f"#id_i{item.pk}-deadline", "2027-06-30")
    pick_unit(page, f"id_i{item.pk}-lead_unit", "天桥街道")
    card.get_by_role("button", name="保存").click()
    page.wait_for_function(f"document.querySelector('#deadline-{item.pk}').value === '2027-06-30'")
    assert page.input_value(f"#unit-{item.pk}") == str(Unit.objects.get(name="天桥街道").pk)
    shots(page, "review-edited-deadline", full_page=False)
    page.locator(f"#p-{item.pk}").get_by_role("button", name="交办", exact=True).click()
    wait_status(page, item, "assigned")
    item.refresh_from_db()
    assert item.deadline == dt.date(2027, 6, 30) and item.lead_unit.name == "天桥街道"


def in_view(page, selector):
    box = page.locator(selector).bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= OFFICE_SCREEN["height"]


def test_a_refusal_and_the_key_list_show_where_the_officer_looks(seed_review, shots):
    page, items = seed_review
    last = items[-1]
    page.locator(f"#p-{last.pk}").scroll_into_view_if_needed()
    page.locator(f"#p-{last.pk}").get_by_role("button", name="不予立项").click()  # no reason given
    page.wait_for_selector(f"#msg-{last.pk} .error-box")
    assert "需要填写理由" in page.inner_text(f"#msg-{last.pk}")
    assert in_view(page, f"#msg-{last.pk} .error-box")
    shots(page, "review-refusal-in-card", full_page=False)
    # A bulk refusal shows in the bar that stays at the top of the window.
    page.locator("#bulk").get_by_role("button", name="合并", exact=True).click()
    page.wait_for_selector("#flash .msg.error, #flash .error-box")
    assert in_view(page, "#flash")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("?")
    assert page.locator("details.keys").get_attribute("open") is not None
    assert in_view(page, "details.keys")
    shots(page, "review-keys-in-view", full_page=False)
    page.keyboard.press("Escape")
    assert page.locator("details.keys").get_attribute("open") is None


def test_officer_marks_missed_directives_pastes_an_instruction_and_assigns_all_five(
        officer_page, live_server, pipeline, shots):
    page, base = officer_page, live_server.url
    with clock.frozen(dt.datetime(2026, 11, 5, 9, 0)):
        # A report in which the analyser finds nothing.
        page.goto(f"{base}/import/")
        page.get_by_label("粘贴报道全文").fill(REPORT)
        page.get_by_role("button", name="导入并识别").click()
        page.wait_for_url("**/review/")
        report = Source.objects.get()
        assert report.items.count() == 0 and "没有识别出指示要求" in page.inner_text("#review")
        shots(page, "entry-01-nothing-found", full_page=False)

        # Two directives marked by selecting their words in the article.
        for count, words in enumerate(MARKED, start=1):
            para = next(i for i, p in enumerate(report.article["body"]) if words in p)
            page.evaluate(SELECT_JS, [para, words])
            page.wait_for_selector("#mark-form:not([hidden])")
            assert page.inner_text("#mark-text") == words
            if count == 1:
                shots(page, "entry-02-selection", full_page=False)
            page.get_by_role("button", name="标记为指示要求").click()
            page.wait_for_function(f"document.querySelectorAll('.proposal').length === {count}")
        marked = list(report.items.order_by("directive_index"))
        assert [i.text for i in marked] == MARKED
        assert {i.speaker for i in marked} == {"王建国"}
        assert [i.subject_name for i in marked] == ["城东老旧小区", "临河区消防救援大队"]
        assert page.locator("mark.dir").count() == 2
        shots(page, "entry-03-marked", full_page=False)

        # Three items pasted from a leader's written instruction.
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="导入报道").click()
        page.get_by_role("link", name="手工录入（批示、纪要、工单、建议提案）").click()
        assert unlabelled(page) == []
        page.get_by_label("来源类别").select_option(label="领导批示")
        page.get_by_label("文号或编号").fill("临办〔2026〕45号")
        page.get_by_label("批示人或提出人").fill("王建国")
        page.get_by_label("日期").fill("2026-11-04")
        page.get_by_label("事项内容（每行一项，或按“一、”“1.”编号分段）").fill(INSTRUCTION)
        shots(page, "entry-04-manual-form")
        page.get_by_role("button", name="录入并审核").click()
        page.wait_for_url("**/review/")
        paper = Source.objects.get(origin=Source.Origin.MANUAL)
        assert (paper.kind, paper.doc_number, paper.issuer) == ("instruction", "临办〔2026〕45号", "王建国")
        pasted = list(paper.items.order_by("directive_index"))
        assert [i.text for i in pasted] == PASTED
        assert page.locator(".proposal").count() == 3 and unlabelled(page) == []
        shots(page, "entry-05-pasted-review", full_page=False)

        # The second pasted item gets a later deadline by 修改, then is assigned on its card.
        edited = pasted[1]
        card = page.locator(f"#p-{edited.pk}")
        card.locator("summary", has_text="修改").click()
        page.fill(f"#id_i{edited.pk}-deadline", "2027-06-30")
        card.get_by_role("button", name="保存").click()
        page.wait_for_function(f"document.querySelector('#deadline-{edited.pk}').value === '2027-06-30'")
        pick_unit(page, f"unit-{edited.pk}", "城东街道")
        page.locator(f"#p-{edited.pk}").get_by_role("button", name="交办", exact=True).click()
        wait_status(page, edited, "assigned")

        # The other two in bulk to the unit the instruction names.
        page.check(f"#sel-{pasted[0].pk}")
        page.check(f"#sel-{pasted[2].pk}")
        pick_unit(page, "bulk-unit", "临河区应急管理局")
        page.locator("#bulk").get_by_role("button", name="批量交办").click()
        page.wait_for_function("document.querySelectorAll('.proposal.status-assigned').length === 3")
        shots(page, "entry-06-pasted-assigned", full_page=False)

        # Back to the report: both marked directives assigned in bulk.
        page.goto(f"{base}/sources/{report.pk}/review/")
        page.check("#bulk-all")
        pick_unit(page, "bulk-unit", "城东街道")
        page.locator("#bulk").get_by_role("button", name="批量交办").click()
        page.wait_for_function("document.querySelectorAll('.proposal.status-assigned').length === 2")

        page.goto(f"{base}/ledger/")
        ledger = page.inner_text("main")
        shots(page, "entry-07-ledger")
    expected = {MARKED[0]: dt.date(2026, 12, 31), MARKED[1]: dt.date(2026, 12, 5),
                PASTED[0]: dt.date(2026, 11, 30), PASTED[1]: dt.date(2027, 6, 30),
                PASTED[2]: TODAY + dt.timedelta(days=30)}
    assigned = {i.text: i.deadline for i in Item.objects.filter(status="assigned")}
    assert assigned == expected
    for text, deadline in expected.items():
        assert text[:20] in ledger and deadline.isoformat() in ledger


def test_a_long_report_pages_and_keys_and_bulk_work_on_each_page(officer_page, live_server, shots):
    from tests.web.test_review_entry import big_report

    page = officer_page
    source = big_report(120, 130)
    page.goto(f"{live_server.url}/sources/{source.pk}/review/?page=2")
    cards = page.locator(".proposal")
    assert cards.count() == 50 and "第 2 / 3 页" in page.inner_text(".pager")
    first = source.items.get(directive_index=50)
    assert page.get_attribute(f"#p-{first.pk}", "class").find("current") >= 0
    page.keyboard.press("j")
    page.keyboard.press("a")  # the second card of page 2
    second = source.items.get(directive_index=51)
    wait_status(page, second, "accepted")
    assert "第 2 / 3 页" in page.inner_text(".pager")  # still on page 2 after the re-render
    page.check("#bulk-all")
    pick_unit(page, "bulk-unit", "城东街道")
    page.locator("#bulk").get_by_role("button", name="批量交办").click()
    page.wait_for_function("document.querySelectorAll('.proposal.status-assigned').length === 50")
    assigned = source.items.filter(status="assigned")
    assert set(assigned.values_list("directive_index", flat=True)) == set(range(50, 100))  # this page's, no other
    shots(page, "review-page-2", full_page=False)
    page.keyboard.press("Escape")
    page.keyboard.press("k")
    page.keyboard.press("k")  # before the first card of page 2: page 1
    page.wait_for_url("**/review/?page=1")
    assert "第 1 / 3 页" in page.inner_text(".pager")


def test_spreadsheet_errors_and_a_withdrawn_junk_import_as_the_officer_sees_them(officer_page, live_server, shots,
                                                                                tmp_path, pipeline):
    from tests.web.test_review_entry import workbook

    page, base = officer_page, live_server.url
    path = tmp_path / "台账.xlsx"
    path.write_bytes(workbook((1, "做好冬季供暖保障", "城东街道", "2026-12-31"),
                             (2, "整治背街小巷", "城西街道", "2026-12-31")).getvalue())
    page.goto(f"{base}/import/xlsx/")
    page.get_by_label("台账 Excel 文件（.xlsx）").set_input_files(str(path))
    page.get_by_role("button", name="校验并导入").click()
    assert "找不到责任单位“城西街道”" in page.inner_text("main") and not Item.objects.exists()
    assert unlabelled(page) == []
    shots(page, "xlsx-errors")
    page.get_by_label("台账 Excel 文件（.xlsx）").set_input_files(str(path))
    page.get_by_label("有错误的行跳过，只导入正确的行").check()
    page.get_by_role("button", name="校验并导入").click()
    assert "新增 1 项" in page.inner_text("main") and Item.objects.count() == 1

    page.goto(f"{base}/import/")
    page.get_by_label("粘贴报道全文").fill("今天天气很好。")
    page.get_by_role("button", name="导入并识别").click()
    page.wait_for_url("**/review/")
    assert "今天天气很好。" in page.inner_text("h1")
    page.locator("summary", has_text="撤回这篇报道").click()
    page.get_by_label("撤回理由").fill("无关内容")
    page.get_by_role("button", name="撤回", exact=True).click()
    page.wait_for_url("**/sources/")
    assert "今天天气很好。" not in page.inner_text("table")
    page.get_by_role("link", name="已撤回的报道").click()
    assert "今天天气很好。" in page.inner_text("table")
    shots(page, "sources-withdrawn")
