"""In Chromium: the officer closes an item with a 评价; the 考核 page and its Excel export show
the rating and the on-time rate. Screenshot: tests/artifacts/assessment.png."""

import datetime as dt
import io

import openpyxl
import pytest

from duban import clock
from duban.ledger import closing, services, workflow
from duban.ledger.models import Item, Unit, User

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-pw-1"


@pytest.fixture
def submitted(db):
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN)
    other = Unit.objects.create(name="翟庄街道", kind=Unit.Kind.TOWN)
    officer = User.objects.create_user("officer", password=PASSWORD, role=User.Role.OFFICER, first_name="督查室")
    liaison = User.objects.create_user("liaison", role=User.Role.LIAISON, unit=town)
    item = workflow.apply(Item.objects.create(text="完善社区养老服务设施"), "assign", officer, lead_unit=town,
                          deadline=clock.today() + dt.timedelta(days=10))
    item = workflow.apply(item, "sign", liaison)
    item = services.report_progress(item, liaison, text="已建成并投入使用").item
    Item.objects.create(text="整治背街小巷", status=Item.Status.IN_PROGRESS, lead_unit=other,
                        deadline=clock.today() - dt.timedelta(days=3))
    return closing.submit(item, liaison, completion="已完成")


def test_close_with_a_rating_then_the_assessment_shows_it(browser, live_server, submitted, shots):
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill("officer")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state("networkidle")

    page.goto(f"{base}/items/{submitted.pk}/")
    page.fill("#reason-close", "现场核实")  # no evidence: a reason is asked for
    page.check("#rating-fair")
    page.fill("#rating-note", "按期完成，资料略欠完整")
    shots(page, "assessment-close-form", full_page=False)
    page.get_by_role("button", name="销号").click()
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#item-rating") == "较好"

    page.click("#nav-assessment")
    page.wait_for_load_state("networkidle")
    row = page.locator(f"#unit-{submitted.lead_unit_id}")
    assert row.locator("td.rate").inner_text() == "100.0%"
    assert row.locator("td.rating-fair").inner_text() == "1"
    assert row.locator("td.score").inner_text() == "80.0"
    shots(page, "assessment")

    with page.expect_download() as download:
        page.click("#assessment-export")
    assert download.value.suggested_filename == f"考核-{clock.today():%Y%m%d}.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))["考核"]
    town = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "天桥街道")
    assert (town[5], town[11], town[15]) == (1.0, 1, 80)  # 按期办结率, 较好, 平均分

    row.locator("td.rating-fair a").click()  # the count opens the ledger on the item it counts
    page.wait_for_load_state("networkidle")
    assert "评价：较好" in page.content() and "完善社区养老服务设施" in page.content()
    page.close()
