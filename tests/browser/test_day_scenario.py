"""A day at the 督查室, walked in Chromium: each step is one function, each leaves screenshots.

    officer imports a report and assigns from the review cards (one item with a 配合单位
    chosen in the unit picker)
    → the liaison finds them under 待签收 and declines one as 非本单位职责; the officer finds it
      under 待重新交办 and gives it to another unit
    → the liaison signs one, reports progress with a photo and a PDF (thumbnails, the photo
      opened large, the PDF in the page's viewer, both on a phone) and asks to close it with
      a 办结报告
    → days later the officer 催办s the item left unsigned, now overdue (journal line + the
      unit's webhook receives it), closes the first with a 评价, prints its 交办单 and reads
      the 考核 page and its Excel export
    → the officer 呈批s the overdue item; the leader finds it under 待批示, 圈阅s it and gives a
      批示 that makes it 紧急; the liaison sees the 批示 on the item.

Steps share a ``Day``: each person's logged-in tab (``day.page("liaison")``, on a phone with
``on_phone=True``), the story's items by role (``day.items["reported" | "overdue" |
"declined"]``, ``day.refresh(role)``), duban's clock (``day.freeze(moment)``), the webhook
receiver (``day.receiver.requests``), ``day.open_item(user, role)``, ``day.picture(img)``
and ``day.unlabelled(page)``. To add a step, write ``def step(day): ...`` and put it in
``DAY`` where it happens; screenshots are numbered in the order they are taken, under
tests/artifacts/day/ (``day.shot(page, "what-it-shows")``).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from duban.ledger.models import Evidence, Item, Journal, Source, Unit, UnitAlias, User
from duban.notify.models import Target
from tests.browser.conftest import ARTIFACTS, pick_unit
from tests.browser.test_officer_liaison_flow import UNLABELLED_JS
from tests.conftest import SEED
from tests.notify.conftest import Receiver

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-pw-1"
SCREEN = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
MORNING = dt.datetime(2026, 3, 2, 9, 0)  # a Monday; the story's clock starts here
SHOTS = ARTIFACTS / "day"


@dataclass
class Day:
    """What the steps share. ``page(name)`` is that person's browser tab, logged in on first use
    (each person has their own browser context, as on their own PC)."""

    browser: object
    base: str
    units: dict
    receiver: Receiver
    freeze: object  # frozen_clock: freeze(moment) moves duban's clock for the server too
    tmp: Path
    items: dict = field(default_factory=dict)  # role in the story → Item
    pages: dict = field(default_factory=dict)
    taken: int = 0

    def page(self, username: str, on_phone: bool = False):
        """``username``'s tab; ``on_phone``: a second tab of theirs, on a phone."""
        key = (username, on_phone)
        if key not in self.pages:
            context = self.browser.new_context(viewport=PHONE if on_phone else SCREEN, is_mobile=on_phone,
                                               locale="zh-CN", accept_downloads=True)
            page = context.new_page()
            page.goto(f"{self.base}/login/")
            page.get_by_label("用户名").fill(username)
            page.get_by_label("密码").fill(PASSWORD)
            page.get_by_role("button", name="登录").click()
            page.wait_for_load_state("networkidle")
            self.pages[key] = page
        return self.pages[key]

    def open_item(self, username: str, role: str):
        """``username``'s tab on the page of the story's item ``role``."""
        page = self.page(username)
        page.goto(f"{self.base}/items/{self.items[role].pk}/")
        return page

    @staticmethod
    def picture(img, side: str = "naturalWidth") -> int:
        """An <img>'s width (or height) once loaded: scrolled into view, as lazy pictures wait for it."""
        img.scroll_into_view_if_needed()
        return img.evaluate(f"""img => img.complete ? img.{side} : new Promise(done => {{
            img.addEventListener("load", () => done(img.{side}));
            img.addEventListener("error", () => done(0)); }})""")

    def unlabelled(self, page) -> list[str]:
        """Form controls on the page with no name a screen reader could announce."""
        return page.evaluate(UNLABELLED_JS)

    def shot(self, page, name: str, full_page: bool = True) -> None:
        self.taken += 1
        page.screenshot(path=str(SHOTS / f"{self.taken:02d}-{name}.png"), full_page=full_page)

    def refresh(self, role: str) -> Item:
        self.items[role].refresh_from_db()
        return self.items[role]


@pytest.fixture
def day(browser, live_server, frozen_clock, tmp_path):
    frozen_clock(MORNING)
    district = Unit.objects.create(name="召陵区委区政府", kind=Unit.Kind.LEADERSHIP)
    UnitAlias.objects.create(unit=district, alias="召陵区")
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN, parent=district)
    partner = Unit.objects.create(name="区住建局", kind=Unit.Kind.DEPARTMENT, parent=district)
    User.objects.create_user("officer", password=PASSWORD, role=User.Role.OFFICER, first_name="督查室")
    User.objects.create_user("liaison", password=PASSWORD, role=User.Role.LIAISON, unit=town, first_name="联络员")
    User.objects.create_user("leader", password=PASSWORD, role=User.Role.LEADER, first_name="张书记")
    receiver = Receiver()
    # The town's group robot: a generic webhook, as duban.notify sends a unit's item notices.
    Target.objects.create(unit=town, channel="webhook", address=receiver.url)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    yield Day(browser=browser, base=live_server.url, units={"district": district, "town": town, "partner": partner},
              receiver=receiver, freeze=frozen_clock, tmp=tmp_path)
    receiver.down()


# --- evidence files a liaison would have: a site photo and a scanned report ------------------

def site_photo(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 640), "#d9e6f2")
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 260, 840, 600), fill="#8c6d4f")  # a building
    for x in range(170, 800, 130):
        draw.rectangle((x, 320, x + 70, 400), fill="#f2e2a0")  # its windows
    draw.rectangle((0, 600, 960, 640), fill="#6b8e4e")
    draw.text((140, 200), "Service centre, after the works", fill="#1f2d3d")
    image.save(path, "PNG")
    return path


def scanned_report(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.setFont("STSong-Light", 22)
    sheet.drawCentredString(A4[0] / 2, A4[1] - 120, "天桥街道便民服务整改报告")
    sheet.setFont("STSong-Light", 14)
    for row, line in enumerate(["一、服务清单已在社区公示。", "二、常态化服务已排班到人。", "三、群众反映的问题已逐项销号。"]):
        sheet.drawString(90, A4[1] - 190 - row * 30, line)
    sheet.save()
    return path


# --- the steps ---------------------------------------------------------------------------

def officer_imports_the_report(day: Day):
    page = day.page("officer")
    page.goto(f"{day.base}/import/")
    page.get_by_label("上传文件（网页、文本、Word .docx、PDF 或 OFD）").set_input_files(str(SEED))
    page.get_by_role("button", name="导入并识别").click()
    page.wait_for_url("**/review/")
    items = list(Source.objects.get().items.order_by("directive_index", "id"))
    assert len(items) >= 3 and all(i.status == Item.Status.PROPOSED for i in items)
    # The story's items: one to report on and close, one left unsigned until overdue, one
    # for the 非本单位职责 decline that is being built.
    day.items.update(reported=items[0], overdue=items[1], declined=items[2])
    day.shot(page, "review", full_page=False)


def officer_assigns_with_a_co_unit(day: Day):
    """On the review card: 牵头 天桥街道, 配合 区住建局 (from the unit picker), due in 30 days."""
    page = day.page("officer")
    item = day.items["reported"]
    page.goto(f"{day.base}/sources/{item.source_id}/review/")
    pick_unit(page, f"unit-{item.pk}", "天桥街道")
    chips = page.locator(f"#co-{item.pk}-picker .picked li")
    while chips.count():  # whatever the analyser suggested: this item's co-unit is the bureau
        chips.last.get_by_role("button").click()
    pick_unit(page, f"co-{item.pk}", "区住建局")
    assert chips.all_inner_texts() == ["区住建局×"]
    page.fill(f"#deadline-{item.pk}", (MORNING.date() + dt.timedelta(days=30)).isoformat())
    day.shot(page, "review-co-unit", full_page=False)
    page.locator(f"#p-{item.pk} button[value=assign]").click()
    page.wait_for_function(f"document.querySelector('#p-{item.pk}').classList.contains('status-assigned')")
    item = day.refresh("reported")
    assert item.status == Item.Status.ASSIGNED and item.lead_unit == day.units["town"]
    assert list(item.co_units.all()) == [day.units["partner"]]
    page = day.open_item("officer", "reported")
    assert "配合：区住建局" in page.inner_text("section[aria-label='事项信息']")
    day.shot(page, "assigned-with-co-unit")


def officer_assigns_the_others_on_review(day: Day):
    """Two more to the town from the review cards, each due in three days."""
    page = day.page("officer")
    page.goto(f"{day.base}/sources/{day.items['overdue'].source_id}/review/")
    due = (MORNING.date() + dt.timedelta(days=3)).isoformat()
    for role in ("overdue", "declined"):
        pk = day.items[role].pk
        pick_unit(page, f"unit-{pk}", "天桥街道")
        page.fill(f"#deadline-{pk}", due)
        page.locator(f"#p-{pk} button[value=assign]").click()
        page.wait_for_function(f"document.querySelector('#p-{pk}').classList.contains('status-assigned')")
        assert day.refresh(role).status == Item.Status.ASSIGNED
    assert "剩余 3 天" in page.inner_text(f"#p-{day.items['overdue'].pk}")  # the review card's countdown
    day.shot(page, "review-assigned")


def liaison_sees_them_under_to_sign(day: Day):
    page = day.page("liaison")  # a liaison starts on the unit's page, with the queues on top
    page.goto(f"{day.base}/")
    queue = page.locator("#queue-sign")
    assert queue.locator("h2").inner_text().startswith("待签收")
    for role in ("reported", "overdue", "declined"):
        assert queue.get_by_role("link", name=day.items[role].text[:20]).count() == 1, role
    assert "剩余 30 天" in queue.inner_text() and "剩余 3 天" in queue.inner_text()
    day.shot(page, "liaison-to-sign")


def liaison_declines_one_as_not_our_duty(day: Day):
    """非本单位职责: the item goes back to the office for another unit."""
    page = day.open_item("liaison", "declined")
    page.fill("#reason-decline", "老旧小区改造由区住建局牵头")
    day.shot(page, "decline", full_page=False)
    page.get_by_role("button", name="非本单位职责").click()
    page.wait_for_load_state("networkidle")
    assert "已退回督查室重新交办" in page.inner_text("body")
    item = day.refresh("declined")
    assert item.status == Item.Status.ACCEPTED and item.lead_unit is None


def officer_reassigns_the_declined_item(day: Day):
    """The office finds it under 待重新交办 and gives it to the bureau with the item page's picker."""
    page = day.page("officer")
    page.goto(f"{day.base}/dashboard/")
    item = day.items["declined"]
    assert item.text[:12] in page.inner_text("#queue-reassign")
    page = day.open_item("officer", "declined")
    assert "天桥街道认为非本单位职责：老旧小区改造由区住建局牵头" in page.inner_text("main")
    pick_unit(page, "id_lead_unit", "区住建局")
    page.get_by_role("button", name="交办", exact=True).click()
    page.wait_for_load_state("networkidle")
    item = day.refresh("declined")
    assert item.status == Item.Status.ASSIGNED and item.lead_unit == day.units["partner"]
    day.shot(page, "reassigned", full_page=False)


def liaison_signs_one(day: Day):
    page = day.open_item("liaison", "reported")
    page.get_by_role("button", name="签收").click()
    page.wait_for_load_state("networkidle")
    assert day.refresh("reported").status == Item.Status.SIGNED
    day.shot(page, "signed", full_page=False)


def liaison_reports_progress_with_evidence(day: Day):
    page = day.open_item("liaison", "reported")
    page.get_by_label("进展情况").fill("服务清单已公示，常态化服务已排班到人。")
    page.get_by_label("完成比例（%）").fill("100")
    page.get_by_label("佐证材料（PDF、图片、Word、Excel，可多选）").set_input_files(
        [str(site_photo(day.tmp / "现场照片.png")), str(scanned_report(day.tmp / "整改报告.pdf"))])
    page.get_by_role("button", name="报送", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == ["整改报告.pdf", "现场照片.png"]

    # The photo: a small thumbnail drawn by the server, which opens large in a dialog.
    photo = page.get_by_role("img", name="预览：现场照片.png")
    assert day.picture(photo) == 320
    # The report: its first page as a thumbnail too.
    first_page = page.get_by_role("img", name="预览：整改报告.pdf")
    assert day.picture(first_page, "naturalHeight") == 320
    photo.scroll_into_view_if_needed()
    assert day.unlabelled(page) == []
    day.shot(page, "progress-with-evidence")
    photo.click()
    lightbox = page.locator("dialog.lightbox[open]")
    lightbox.wait_for()
    assert day.picture(lightbox.get_by_role("img")) == 960  # the full photo, fetched only now
    day.shot(page, "photo-opened-large", full_page=False)
    page.keyboard.press("Escape")
    lightbox.wait_for(state="hidden")
    # Without script the thumbnail is a plain link to the image, which the browser shows alone.
    alone = page.context.new_page()
    alone.goto(day.base + page.locator("a.thumb").first.get_attribute("href"))
    assert alone.evaluate("document.images.length && document.images[0].naturalWidth") == 960
    alone.close()

    # The report's thumbnail opens Chromium's own viewer in the page, served inline.
    with page.expect_response(lambda r: r.url.endswith("/preview/") and r.request.resource_type == "document") as served:
        first_page.click()
    response = served.value
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert page.locator("details.pdf-preview").get_attribute("open") is not None
    page.locator("details.pdf-preview iframe").scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # the PDF viewer draws the page after the response
    day.shot(page, "pdf-previewed", full_page=False)


def liaison_sees_the_evidence_on_a_phone(day: Day):
    """A phone's browser may not show a PDF in a page: the first page's thumbnail still shows."""
    page = day.page("liaison", on_phone=True)
    page.goto(f"{day.base}/items/{day.items['reported'].pk}/")
    evidence = page.locator(".evidence").first
    evidence.scroll_into_view_if_needed()
    for name in ("现场照片.png", "整改报告.pdf"):
        assert day.picture(page.get_by_role("img", name=f"预览：{name}")) > 0, name
    evidence.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    day.shot(page, "evidence-on-a-phone", full_page=False)


def liaison_asks_to_close(day: Day):
    """申请销号 with its 办结报告, which lists the evidence again, previewable there too."""
    page = day.open_item("liaison", "reported")
    page.get_by_label("完成情况").fill("服务清单已公示，常态化服务已排班到人，群众可在家门口办理。")
    page.get_by_role("button", name="申请销号").click()
    page.wait_for_load_state("networkidle")
    assert day.refresh("reported").status == Item.Status.SUBMITTED
    report = page.locator("#closing-report")
    assert report.locator("a.thumb img").count() == 2
    assert day.unlabelled(page) == []
    day.shot(page, "asked-to-close", full_page=False)


def officer_urges_the_overdue_item(day: Day):
    """Five days on, the unsigned item is two days past its deadline: the officer 催办s it."""
    day.freeze(MORNING + dt.timedelta(days=5))
    page = day.page("officer")
    page.goto(f"{day.base}/dashboard/")
    overdue = day.items["overdue"]
    queue = page.locator("#queue-overdue")
    assert queue.get_by_role("link", name=overdue.text[:20]).count() == 1
    assert "超期 2 天" in queue.inner_text()
    queue.scroll_into_view_if_needed()
    day.shot(page, "dashboard-overdue", full_page=False)

    before = len(day.receiver.requests)
    page = day.open_item("officer", "overdue")
    page.get_by_label("催办要求（可不填）").fill("请今天内签收并报送进展")
    page.get_by_role("button", name="催办", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "已催办，已通知责任单位。" in page.inner_text(".messages")
    # The journal's last line is the 催办 with its note; the unit's webhook got the notice.
    last = page.locator("ol.timeline li").last
    assert "催办" in last.inner_text() and "请今天内签收并报送进展" in last.inner_text()
    assert Journal.objects.filter(item=overdue, action="urge").count() == 1
    notices = [r["json"] for r in day.receiver.requests[before:] if r["json"]["event"] == "urge"]
    assert len(notices) == 1, day.receiver.requests[before:]
    assert overdue.text in notices[0]["text"] and "已超期 2 天" in notices[0]["text"]
    assert "请今天内签收并报送进展" in notices[0]["text"]
    assert notices[0]["url"].endswith(f"/items/{overdue.pk}/")
    day.shot(page, "urged")


def officer_closes_the_reported_item(day: Day):
    """销号 with a 评价 (好/较好/一般/差) and a note; the item shows the rating."""
    page = day.open_item("officer", "reported")
    page.check("#rating-good")
    page.fill("#rating-note", "按期完成，佐证齐全")
    page.get_by_role("button", name="销号", exact=True).click()
    page.wait_for_load_state("networkidle")
    item = day.refresh("reported")
    assert item.status == Item.Status.CLOSED and item.rating == "good"
    assert page.inner_text("#item-rating") == "好"
    assert page.locator("#closing-report a.thumb img").count() == 2  # still previewable once closed
    day.shot(page, "closed")


def officer_prints_the_assignment_sheet(day: Day):
    """The closed item's 交办单, in Word, under its 督办编号."""
    import docx

    page = day.open_item("officer", "reported")
    item = day.refresh("reported")
    with page.expect_download() as download:
        page.locator("#print-assignment").click()
    assert download.value.suggested_filename == f"交办单-{item.number}.docx"
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert item.number in text and item.text in text and "区住建局" in text  # the 配合单位 too


def officer_reads_the_assessment(day: Day):
    """考核: the town closed one item, on time, rated 好; the Excel export says the same."""
    import openpyxl

    page = day.page("officer")
    page.click("#nav-assessment")
    page.wait_for_load_state("networkidle")
    row = page.locator(f"#unit-{day.units['town'].pk}")
    assert row.locator("td.rate").inner_text() == "100.0%"
    assert row.locator("td.rating-good").inner_text() == "1"
    day.shot(page, "assessment")
    with page.expect_download() as download:
        page.click("#assessment-export")
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))  # the path has no suffix
    rows = list(workbook["考核"].iter_rows(values_only=True))
    header = next(r for r in rows if "按期办结率" in r)
    town = dict(zip(header, next(r for r in rows if "天桥街道" in r), strict=False))
    assert (town["按期办结率"], town["好"]) == (1.0, 1)


def officer_presents_the_overdue_item_to_the_leader(day: Day):
    """呈批: the urged item goes to 张书记 for a 批示."""
    page = day.open_item("officer", "overdue")
    page.locator("#present-form").locator("xpath=..").locator("summary").click()
    page.select_option("#present-leader", label="张书记")
    page.fill("#present-note", "已催办仍未签收，请领导阅示")
    page.click("#present-submit")
    page.wait_for_load_state("networkidle")
    assert "呈张书记批示" in page.inner_text("#open-requests")


def leader_instructs_on_it(day: Day):
    """The leader finds it under 待批示, 圈阅s it and gives a 批示 that makes it 紧急."""
    page = day.page("leader")
    page.goto(f"{day.base}/dashboard/")
    queue = page.locator("#queue-instruct")
    queue.get_by_role("link", name=day.items["overdue"].text[:20]).first.click()
    page.wait_for_load_state("networkidle")
    page.click("#read-submit")
    page.wait_for_load_state("networkidle")
    assert "张书记" in page.inner_text("#readings")
    page.fill("#instruction-text", "请天桥街道今日签收，本周内报送整改方案。")
    page.select_option("#instruction-priority", "urgent")
    assert day.unlabelled(page) == []
    page.click("#instruction-submit")
    page.wait_for_load_state("networkidle")
    block = page.inner_text("#instructions")
    assert "请天桥街道今日签收" in block and "张书记" in block and "紧急" in block
    day.shot(page, "leader-instruction")


def liaison_sees_the_instruction(day: Day):
    page = day.open_item("liaison", "overdue")
    assert "请天桥街道今日签收，本周内报送整改方案。" in page.inner_text("#instructions")
    day.shot(page, "liaison-sees-instruction", full_page=False)


DAY = [
    officer_imports_the_report,
    officer_assigns_with_a_co_unit,
    officer_assigns_the_others_on_review,
    liaison_sees_them_under_to_sign,
    liaison_declines_one_as_not_our_duty,
    officer_reassigns_the_declined_item,
    liaison_signs_one,
    liaison_reports_progress_with_evidence,
    liaison_sees_the_evidence_on_a_phone,
    liaison_asks_to_close,
    officer_urges_the_overdue_item,
    officer_closes_the_reported_item,
    officer_prints_the_assignment_sheet,
    officer_reads_the_assessment,
    officer_presents_the_overdue_item_to_the_leader,
    leader_instructs_on_it,
    liaison_sees_the_instruction,
]


def test_a_day_at_the_office(day):
    for step in DAY:
        step(day)
