"""A leader's day in Chromium: the office 呈批s an item, the leader finds it under 待批示,
圈阅s it, gives a 批示 that makes it 紧急, and the liaison sees the 批示 on the item."""

import datetime as dt

import pytest

from duban import clock
from duban.ledger import workflow
from duban.ledger.models import Item, Unit, User
from tests.browser.test_officer_liaison_flow import PASSWORD, login, logout, unlabelled

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def item(db):
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN)
    officer = User.objects.create_user("officer", password=PASSWORD, role=User.Role.OFFICER, first_name="督查室")
    User.objects.create_user("liaison", password=PASSWORD, role=User.Role.LIAISON, unit=town, first_name="联络员")
    User.objects.create_user("leader", password=PASSWORD, role=User.Role.LEADER, first_name="张书记")
    item = Item.objects.create(text="要加快老旧小区改造，年底前完成加装电梯", topic="城市建设")
    return workflow.apply(item, "assign", officer, lead_unit=town, deadline=clock.today() + dt.timedelta(days=20))


def test_leader_instructs_on_an_item_submitted_to_them(browser, live_server, item, shots):
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    base = live_server.url

    login(page, base, "officer")
    page.goto(f"{base}/items/{item.pk}/")
    page.locator("#present-form").locator("xpath=..").locator("summary").click()
    page.select_option("#present-leader", label="张书记")
    page.fill("#present-note", "请领导阅示")
    shots(page, "leader-0-office-submits-to-leader")
    page.click("#present-submit")
    page.wait_for_load_state("networkidle")
    assert "呈张书记批示" in page.inner_text("#open-requests")
    logout(page)

    login(page, base, "leader")
    page.goto(f"{base}/dashboard/")
    queue = page.locator("#queue-instruct")
    assert item.text in queue.inner_text()
    shots(page, "leader-1-awaiting-instruction")
    queue.get_by_role("link", name=item.text[:20]).first.click()
    page.wait_for_load_state("networkidle")
    page.click("#read-submit")
    page.wait_for_load_state("networkidle")
    assert "张书记" in page.inner_text("#readings")
    page.fill("#instruction-text", "请住建局牵头，本月底前拿出加装电梯方案。")
    page.select_option("#instruction-priority", "urgent")
    assert unlabelled(page) == []
    page.click("#instruction-submit")
    page.wait_for_load_state("networkidle")
    block = page.inner_text("#instructions")
    assert "请住建局牵头，本月底前拿出加装电梯方案。" in block and "张书记" in block and "紧急" in block
    shots(page, "leader-2-instruction-on-item")
    page.goto(f"{base}/dashboard/")
    assert item.text not in page.locator("#queue-instruct").inner_text()
    logout(page)

    login(page, base, "liaison")
    page.goto(f"{base}/items/{item.pk}/")
    assert "请住建局牵头" in page.inner_text("#instructions")
    assert page.locator("#instruction-form").count() == 0
    shots(page, "leader-3-liaison-sees-instruction")
    page.close()
