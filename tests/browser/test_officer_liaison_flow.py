"""The whole path as people walk it: import, review, assign, sign, report, close, reports."""

import datetime as dt
import importlib.util
import io

import docx
import openpyxl
import pytest

from duban import clock
from duban.ledger.models import Evidence, Item, Source, Unit, UnitAlias, User
from tests.conftest import SEED

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-pw-1"
OFFICE_SCREEN = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# Every form control needs a name a screen reader can announce.
UNLABELLED_JS = """() => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('title')
                && !(el.tagName === 'BUTTON' && el.textContent.trim()))
  .map(el => el.outerHTML.slice(0, 120))"""


@pytest.fixture
def world(db):
    district = Unit.objects.create(name="召陵区委区政府", kind=Unit.Kind.LEADERSHIP)
    UnitAlias.objects.create(unit=district, alias="召陵区")
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN, parent=district)
    Unit.objects.create(name="漓江路社区", kind=Unit.Kind.COMMUNITY, parent=town)
    User.objects.create_user("officer", password=PASSWORD, role=User.Role.OFFICER, first_name="督查室")
    User.objects.create_user("liaison", password=PASSWORD, role=User.Role.LIAISON, unit=town, first_name="联络员")
    return {"district": district, "town": town}


def login(page, base, username):
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state("networkidle")


def logout(page):
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/login/")


def unlabelled(page):
    return page.evaluate(UNLABELLED_JS)


def light_counts(page, base):
    page.goto(f"{base}/dashboard/")
    return {el.get_attribute("data-light"): int(el.inner_text().split()[-1])
            for el in page.query_selector_all("a.count[data-light]")}


def test_officer_and_liaison_walk_the_ledger(browser, live_server, world, pipeline, shots, tmp_path):
    base = live_server.url
    context = browser.new_context(viewport=OFFICE_SCREEN, locale="zh-CN", accept_downloads=True)
    page = context.new_page()

    # Officer imports the seed report by upload and lands on the review.
    login(page, base, "officer")
    shots(page, "01-dashboard-empty")
    page.goto(f"{base}/import/")
    assert unlabelled(page) == []
    shots(page, "02-import")
    page.get_by_label("上传文件（网页、文本、Word .docx、PDF 或 OFD）").set_input_files(str(SEED))
    page.get_by_role("button", name="导入并识别").click()
    page.wait_for_url("**/review/")
    source = Source.objects.get()
    items = list(source.items.order_by("directive_index", "id"))
    assert len(items) >= 3 and all(i.status == "proposed" for i in items)
    assert page.locator("mark.dir").count() == len(items)
    assert unlabelled(page) == []
    shots(page, "03-review")
    shots(page, "03-review-screen", full_page=False)  # what a 1366×768 screen shows

    # Keyboard: the first card accepts with "a", then is assigned with "g" to the chosen unit.
    first, second = items[0], items[1]
    page.select_option(f"#unit-{first.pk}", label="天桥街道")
    page.locator(f"#p-{first.pk}").click(position={"x": 5, "y": 5})
    page.keyboard.press("a")
    page.wait_for_function(f"document.querySelector('#p-{first.pk}').classList.contains('status-accepted')")
    page.keyboard.press("g")
    page.wait_for_function(f"document.querySelector('#p-{first.pk}').classList.contains('status-assigned')")
    first.refresh_from_db()
    assert first.status == "assigned" and first.lead_unit == world["town"]

    # "j" moves to the second card; "r" asks for a reason, Enter in the reason field rejects.
    page.keyboard.press("j")
    page.keyboard.press("r")
    page.keyboard.type("表述宽泛，不作为具体事项")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('#p-{second.pk}').classList.contains('status-rejected')")
    second.refresh_from_db()
    assert second.status == "rejected"

    # A refusal shows its message in place: merging needs two selected proposals.
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("m")
    page.wait_for_selector("#flash .error-box")
    assert "合并需要勾选至少两项" in page.inner_text("#flash")
    assert source.items.filter(status="merged").count() == 0
    shots(page, "03c-review-refusal", full_page=False)

    # The rest in bulk: check each with "x", choose the unit, Shift+G assigns them all.
    rest = items[2:]
    assert page.is_checked(f"#sel-{rest[0].pk}")  # a refusal keeps the selection
    for _ in rest[1:]:
        page.keyboard.press("j")
        page.keyboard.press("x")
    page.select_option("#bulk-unit", label="召陵区委区政府")
    page.locator(f"#p-{rest[-1].pk}").focus()
    page.keyboard.press("Shift+G")
    page.wait_for_function(
        f"document.querySelectorAll('.proposal.status-assigned').length === {1 + len(rest)}")
    assert Item.objects.filter(status="assigned").count() == 1 + len(rest)
    shots(page, "04-review-done")
    before = light_counts(page, base)
    assert unlabelled(page) == []
    shots(page, "05-dashboard")
    logout(page)

    # The liaison starts on the unit page, signs, reports progress with a file, asks to close.
    login(page, base, "liaison")
    assert page.url.endswith(f"/units/{world['town'].pk}/")
    shots(page, "06-unit-page")
    page.get_by_role("link", name=first.text[:20]).first.click()
    page.get_by_role("button", name="签收").click()
    page.wait_for_load_state("networkidle")
    evidence = tmp_path / "整改报告.txt"
    evidence.write_text("已完成第一阶段整改。", encoding="utf-8")
    page.get_by_label("进展情况").fill("已完成走访，服务清单已公示。")
    page.get_by_label("完成比例（%）").fill("100")
    page.get_by_label("佐证材料（PDF、图片、Word、Excel，可多选）").set_input_files(str(evidence))
    page.get_by_role("button", name="报送", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("link", name="整改报告.txt").is_visible()
    assert unlabelled(page) == []
    page.get_by_label("完成情况").fill("服务清单已公示，群众可在家门口办理。")  # the 办结报告
    page.get_by_role("button", name="申请销号").click()
    page.wait_for_load_state("networkidle")
    shots(page, "07-item-liaison")
    with page.expect_download() as download:  # listed in the 办结报告 and under its progress report
        page.locator("#closing-report").get_by_role("link", name="整改报告.txt").click()
    assert download.value.path().read_text(encoding="utf-8") == "已完成第一阶段整改。"
    assert Evidence.objects.count() == 1
    logout(page)

    # The officer closes it out, rating the result; the dashboard's 已办结 count moves by one.
    login(page, base, "officer")
    page.goto(f"{base}/items/{first.pk}/")
    page.check("#rating-good")
    page.get_by_role("button", name="销号").click()
    page.wait_for_load_state("networkidle")
    first.refresh_from_db()
    assert first.status == "closed"
    shots(page, "08-item-closed")
    with page.expect_download() as download:  # its 交办单, to print
        page.locator("#print-assignment").click()
    assert download.value.suggested_filename == f"交办单-{first.number}.docx"
    after = light_counts(page, base)
    assert after["done"] == before["done"] + 1
    assert sum(after.values()) == sum(before.values())

    # Ledger page, then the Excel export of what it shows.
    page.goto(f"{base}/ledger/")
    assert unlabelled(page) == []
    shots(page, "09-ledger")
    if importlib.util.find_spec("duban.reports.excel"):
        with page.expect_download() as download:
            page.get_by_role("link", name="导出这些事项到 Excel").click()
        sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
        cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
        assert first.text in cells

    # The Word bulletin from the dashboard.
    page.goto(f"{base}/dashboard/")
    today = clock.today()
    page.get_by_label("期数").fill("3")
    page.get_by_label("起始日期").fill((today - dt.timedelta(days=7)).isoformat())
    page.get_by_label("截止日期").fill(today.isoformat())
    with page.expect_download() as download:
        page.get_by_role("button", name="生成督查通报").click()
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    assert download.value.suggested_filename == f"督查通报〔{today.year}〕3号.docx"
    assert [p.text for p in document.paragraphs[:2]] == ["督查通报", f"督查通报〔{today.year}〕3号"]
    closed_table = next(t for t in document.tables if t.rows[0].cells[-1].text == "销号日期")
    assert any(first.text in row.cells[1].text for row in closed_table.rows[1:])

    # The same pages on a phone.
    phone = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True)
    mobile = phone.new_page()
    login(mobile, base, "officer")
    shots(mobile, "10-phone-dashboard")
    for name, path in (("11-phone-review", f"/sources/{source.pk}/review/"), ("11-phone-ledger", "/ledger/"),
                       ("11-phone-item", f"/items/{first.pk}/")):
        mobile.goto(base + path)
        shots(mobile, name)
        width = mobile.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, f"{path} scrolls sideways on a phone"
        assert unlabelled(mobile) == []
    phone.close()

    # English on request.
    with page.expect_navigation():  # the menu submits a form; wait for the page it leads to
        page.select_option("#lang-select", "en")
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text() == "Dashboard"
    shots(page, "12-dashboard-english")
    context.close()
