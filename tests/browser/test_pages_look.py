"""In Chromium at phone width (390 px): the pages added for issue 15 (考核, the unit tree and unit
page, the review cards with their unit pickers, the item page with its 批示/呈批/圈阅, 办结报告,
非本单位职责 and print buttons, the to-do queues) for each role of the demo, in Chinese and in
English. Each page must not scroll sideways, and in English its chrome (navigation, headings,
buttons, labels, column heads) must hold no Chinese characters or full-width punctuation: data
(item text, unit names) may. Screenshots: tests/artifacts/look/<role>-<lang>-<page>.png.
"""

import re

import pytest

from duban.ledger import demo, manual
from duban.ledger.models import InstructionRequest, Item, Source, Unit, User

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "look-pw-12345"
PHONE = {"width": 390, "height": 844}
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # Chinese characters and punctuation

# What a page says about itself, not the data it shows: navigation, headings of sections,
# buttons, form labels, column heads, the facts' row labels.
CHROME = """() => {
  const parts = document.querySelectorAll(
    'header nav a, header .tools a, header .tools button, main h2:not(article.article h2), main button, main label, main legend, '
    + 'main summary, main thead th, main a.btn, '
    + 'main table:not(#assessment-table) th[scope=row]');  // 考核 rows are headed by unit names,
  // the review's article by its report's title
  return [...parts].map(e => e.innerText.trim()).filter(Boolean);
}"""


@pytest.fixture
def pages(db):
    """The demo ledger, and the pages each role is shown, by a name for the screenshot."""
    demo.build(PASSWORD)
    town = Unit.objects.get(name="天桥街道")
    community = Unit.objects.get(name="漓江路社区")
    ours = Item.objects.filter(lead_unit=community)
    in_progress = ours.filter(status=Item.Status.IN_PROGRESS).first()
    presented = InstructionRequest.objects.first().item
    paper, _ = manual.enter_items("一、天桥街道牵头，区民政局配合，月底前完成社区养老服务站建设。\n二、区住建局12月20日前报送方案。",
                                  user=User.objects.get(username="duchashi"), kind=Source.Kind.INSTRUCTION,
                                  issuer="区委书记")
    return {
        "duchashi": {
            "home": "/", "dashboard": "/dashboard/", "assessment": "/assessment/", "units": "/units/",
            "unit": f"/units/{town.pk}/", "ledger": "/ledger/", "review": f"/sources/{paper.pk}/review/",
            "item-instructed": f"/items/{in_progress.pk}/",
            # the office's page of an item awaiting 销号, whichever unit's (the demo has a few)
            "item-submitted": f"/items/{Item.objects.filter(status=Item.Status.SUBMITTED).first().pk}/",
            "item-closed": f"/items/{ours.filter(status=Item.Status.CLOSED).first().pk}/",
        },
        "tianqiao": {
            "home": "/", "ledger": "/ledger/",
            "item-assigned": f"/items/{ours.filter(status=Item.Status.ASSIGNED).first().pk}/",
            "item-in-progress": f"/items/{in_progress.pk}/",
        },
        "lingdao": {
            "home": "/", "assessment": "/assessment/", "units": "/units/", "ledger": "/ledger/",
            "item-presented": f"/items/{presented.pk}/",
        },
    }


def sign_in(context, base, username):
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("role", ["duchashi", "tianqiao", "lingdao"])
def test_new_pages_fit_a_phone_and_speak_english(browser, live_server, pages, artifacts_dir, role, lang):
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    page = sign_in(context, live_server.url, role)
    wide, chinese = [], []
    for name, path in pages[role].items():
        answer = page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert answer.status == 200, (role, path, answer.status)
        page.screenshot(path=str(artifacts_dir / f"{role}-{lang}-{name}.png"), full_page=True)
        scroll, width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if scroll > width:
            wide.append(f"{path}: {scroll} > {width}")
        if lang == "en":
            assert page.evaluate(CHROME), path  # the check reads something on every page
            chinese += [f"{path}: {text!r}" for text in page.evaluate(CHROME) if CJK.search(text)]
    context.close()
    assert not wide, "pages scroll sideways on a phone: " + "; ".join(wide)
    assert not chinese, "untranslated chrome under English: " + "; ".join(chinese)


@pytest.fixture
def artifacts_dir():
    from tests.browser.conftest import ARTIFACTS

    folder = ARTIFACTS / "look"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
