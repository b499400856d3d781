"""Printing from the pages: an item's 交办单 and 办结报告, a unit's 督办通知单 (Word files)."""

import datetime as dt
import io
import re

from django.urls import reverse
from docx import Document

from duban import clock
from duban.ledger import closing, workflow
from duban.ledger.models import Item, Source

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text_of(response) -> str:
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_item_page_prints_its_assignment_sheet(client_for, people, assigned):
    liaison = client_for(people["liaison"])
    page = liaison.get(reverse("item", args=[assigned.pk])).content.decode()
    url = reverse("item-notice", args=[assigned.pk])
    assert f'id="print-assignment" href="{url}"' in page and 'id="print-closing-report"' not in page
    response = liaison.get(url)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert "attachment" in response["Content-Disposition"] and "%E4%BA%A4%E5%8A%9E%E5%8D%95" in response["Content-Disposition"]
    text = text_of(response)
    assert assigned.number in text and "督办事项交办单" in text and "天桥街道：" in text and "秦保强" in text


def test_no_assignment_sheet_before_assignment_nor_for_another_unit(client_for, people, assigned):
    proposal = Item.objects.create(text="待审核事项")
    assert client_for(people["officer"]).get(reverse("item-notice", args=[proposal.pk])).status_code == 404
    assert client_for(people["stranger"]).get(reverse("item-notice", args=[assigned.pk])).status_code == 404


def test_the_closing_report_prints_once_filed(client_for, people, assigned):
    officer = client_for(people["officer"])
    url = reverse("item-closing-report", args=[assigned.pk])
    assert officer.get(url).status_code == 404
    item = workflow.apply(assigned, "sign", people["liaison"])
    closing.submit(item, people["liaison"], completion="已建成投用", problems="经费待保障")
    page = officer.get(reverse("item", args=[assigned.pk])).content.decode()
    assert f'id="print-closing-report" href="{url}"' in page
    text = text_of(officer.get(url))
    assert "督办事项办结报告" in text and "已建成投用" in text and "经费待保障" in text


def test_the_unit_notice_is_the_offices(client_for, people, units, assigned):
    url = reverse("unit-notice", args=[units["town"].pk])
    assert client_for(people["liaison"]).get(url).status_code == 403
    assert client_for(people["leader"]).get(url).status_code == 403
    officer = client_for(people["officer"])
    page = officer.get(reverse("unit", args=[units["town"].pk])).content.decode()
    assert 'id="unit-notice-form"' in page and f'action="{url}"' in page
    text = text_of(officer.get(url))
    assert "督办通知单" in text and assigned.number in text and "共1项" in text
    # A date range that holds none of its items.
    text = text_of(officer.get(url, {"since": "2000-01-01", "until": "2000-12-31"}))
    assert "2000年1月1日至2000年12月31日交办的" in text and "共0项" in text and assigned.number not in text
    assert officer.get(url, {"since": "不是日期"}).status_code == 400


def test_the_unit_notice_form_offers_the_units_reports(client_for, people, units, assigned):
    """The source select lists the reports the unit's open items come from (led, co-operated,
    or a unit below's), not those of closed items nor of other units; choosing one prints
    only its items."""
    def given(title, unit, *, co_unit=None):
        source = Source.objects.create(title=title, origin="file", content_hash=title, raw=b"x")
        item = Item.objects.create(text=f"{title}的事项", source=source)
        return workflow.apply(item, "assign", people["officer"], lead_unit=unit, co_units=[co_unit] if co_unit else [],
                              deadline=clock.today() + dt.timedelta(days=10))

    led = given("天桥街道调研", units["town"])
    below = given("漓江路社区走访", units["community"])
    helping = given("翟庄街道调研", units["other"], co_unit=units["town"])
    given("翟庄街道座谈", units["other"])  # another unit's report
    closed = given("已办结的报道", units["town"])
    Item.objects.filter(pk=closed.pk).update(status=Item.Status.CLOSED)
    officer = client_for(people["officer"])
    page = officer.get(reverse("unit", args=[units["town"].pk])).content.decode()
    assert '<select name="source" id="notice-source">' in page
    offered = set(re.findall(r'<option value="(\d+)">', page))
    assert offered == {str(i.source_id) for i in (led, below, helping)}
    text = text_of(officer.get(reverse("unit-notice", args=[units["town"].pk]), {"source": led.source_id}))
    assert "“天桥街道调研”中" in text and led.number in text and below.number not in text and "共1项" in text
    liaison_page = client_for(people["liaison"]).get(reverse("unit", args=[units["town"].pk])).content.decode()
    assert 'id="notice-source"' not in liaison_page
