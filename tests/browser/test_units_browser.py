"""Units as people use them: the officer finds a unit in the tree, assigns from the review
screen with a co-unit chosen by keyboard, the lead unit's liaison declines it as 非本单位职责,
and the officer gives it to another unit from the 待重新交办 queue."""

import pytest

from duban.ledger.models import Item, Journal, Source, Unit, UnitAlias, User
from tests.browser.test_officer_liaison_flow import OFFICE_SCREEN, PASSWORD, login, logout, unlabelled

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MINUTES = """召陵区召开防汛工作专题会议

6月3日，区长李明主持召开防汛工作专题会议。会议议定如下：
一、由天桥街道牵头，翟庄街道、漓江路社区配合，6月底前完成沿河排涝泵站检修。
二、区应急管理局要加强汛期值班值守。
"""


@pytest.fixture
def world(db):
    district = Unit.objects.create(name="召陵区委区政府", kind=Unit.Kind.LEADERSHIP)
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN, parent=district)
    Unit.objects.create(name="漓江路社区", kind=Unit.Kind.COMMUNITY, parent=town)
    other = Unit.objects.create(name="翟庄街道", kind=Unit.Kind.TOWN, parent=district)
    civil = Unit.objects.create(name="召陵区民政局", kind=Unit.Kind.DEPARTMENT, parent=district)
    UnitAlias.objects.create(unit=civil, alias="区民政局")
    User.objects.create_user("officer", password=PASSWORD, role=User.Role.OFFICER, first_name="督查室")
    User.objects.create_user("liaison", password=PASSWORD, role=User.Role.LIAISON, unit=town, first_name="联络员")
    return {"town": town, "other": other, "civil": civil}


def test_assign_with_a_co_unit_decline_and_reassign(browser, live_server, world, shots):
    base = live_server.url
    context = browser.new_context(viewport=OFFICE_SCREEN, locale="zh-CN")
    page = context.new_page()
    login(page, base, "officer")

    # The unit tree: the search box narrows it as the officer types.
    page.goto(f"{base}/units/")
    page.fill("#unit-q", "漓江")
    page.wait_for_function("!document.querySelector('#unit-tree').textContent.includes('翟庄街道')")
    assert "漓江路社区" in page.inner_text("#unit-tree") and "天桥街道" in page.inner_text("#unit-tree")
    shots(page, "units-01-tree-search", full_page=False)

    page.goto(f"{base}/import/")
    page.get_by_label("粘贴报道全文").fill(MINUTES)
    page.get_by_role("button", name="导入并识别").click()
    page.wait_for_url("**/review/")
    item = Source.objects.get().items.get(text__contains="泵站")
    card = page.locator(f"#p-{item.pk}")
    chips = card.locator(f"#co-{item.pk}-picker .picked li")
    # The analyser's co-units are chosen already.
    assert set(chips.all_inner_texts()) == {"翟庄街道×", "漓江路社区×"}
    assert page.input_value(f"#unit-{item.pk}") == str(world["town"].pk)

    # Keyboard only: c opens the card's 配合单位, Backspace drops the last chip, an alias finds
    # the bureau and Enter adds it, Esc goes back to the cards, g assigns.
    card.click(position={"x": 5, "y": 5})
    page.keyboard.press("c")
    assert page.evaluate("document.activeElement.id") == f"co-{item.pk}-q"
    dropped = chips.last.inner_text().rstrip("×")
    page.keyboard.press("Backspace")
    page.keyboard.type("区民政局")
    page.wait_for_selector(f"#co-{item.pk}-list [role=option].active")
    page.keyboard.press("Escape")  # closes the list only: still typing in the box
    assert page.is_hidden(f"#co-{item.pk}-list") and page.evaluate("document.activeElement.id") == f"co-{item.pk}-q"
    page.keyboard.press("ArrowDown")  # opens it again
    page.wait_for_selector(f"#co-{item.pk}-list [role=option].active")
    page.keyboard.press("Enter")
    kept = ({"翟庄街道", "漓江路社区"} - {dropped}).pop()
    assert chips.all_inner_texts() == [f"{kept}×", "召陵区民政局×"]
    assert unlabelled(page) == []
    shots(page, "units-02-review-co-units", full_page=False)
    page.keyboard.press("Escape")
    page.keyboard.press("g")
    page.wait_for_function(f"document.querySelector('#p-{item.pk}').classList.contains('status-assigned')")
    item.refresh_from_db()
    assert item.lead_unit == world["town"] and {u.name for u in item.co_units.all()} == {kept, "召陵区民政局"}
    logout(page)

    # The lead unit's liaison: the item waits under 待签收; it is not theirs, so they decline.
    login(page, base, "liaison")
    assert item.text[:12] in page.inner_text("#queue-sign")
    page.goto(f"{base}/items/{item.pk}/")
    page.fill("#reason-decline", "泵站属翟庄街道管辖")
    shots(page, "units-03-decline", full_page=False)
    page.get_by_role("button", name="非本单位职责").click()
    page.wait_for_load_state("networkidle")
    assert "已退回督查室重新交办" in page.inner_text("body")
    item.refresh_from_db()
    assert item.status == Item.Status.ACCEPTED and item.lead_unit is None
    logout(page)

    # The officer finds it under 待重新交办 and gives it to 翟庄街道 with the item page's picker.
    login(page, base, "officer")
    assert item.text[:12] in page.inner_text("#queue-reassign")
    page.goto(f"{base}/items/{item.pk}/")
    assert "天桥街道认为非本单位职责：泵站属翟庄街道管辖" in page.inner_text("main")
    page.fill("#id_lead_unit-q", "翟庄")
    page.wait_for_selector("#id_lead_unit-list [role=option].active")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    assert page.input_value("#id_lead_unit") == str(world["other"].pk)
    shots(page, "units-04-reassign", full_page=False)
    page.get_by_role("button", name="交办", exact=True).click()
    page.wait_for_load_state("networkidle")
    item.refresh_from_db()
    assert item.status == Item.Status.ASSIGNED and item.lead_unit == world["other"]
    # 翟庄街道 leads now: were it a co-unit, it has left the co-units
    assert {u.name for u in item.co_units.all()} == {kept, "召陵区民政局"} - {"翟庄街道"}
    assert Journal.objects.filter(item=item, action="decline", field="lead_unit", old="天桥街道").exists()
    context.close()
