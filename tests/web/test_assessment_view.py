"""The 考核 page and its Excel export: who may open them, what they show, where each count leads."""

import datetime as dt
import io
import re
from html import unescape
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from duban.ledger.models import Item, Journal

pytestmark = pytest.mark.django_db
S = Item.Status
TODAY = dt.date(2026, 12, 5)


def local(day, hour=10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def ledger(units, frozen_clock):
    """Town: two closed this quarter (one on time rated 好, one late rated 差), one overdue now,
    one 退回. Other: one closed on time, unrated."""
    frozen_clock(TODAY)
    make = Item.objects.create
    make(text="按期", status=S.CLOSED, lead_unit=units["town"], deadline=dt.date(2026, 11, 10),
         closed_at=local(dt.date(2026, 11, 10)), rating="good")
    make(text="逾期", status=S.CLOSED, lead_unit=units["town"], deadline=dt.date(2026, 11, 1),
         closed_at=local(dt.date(2026, 11, 5)), rating="poor")
    returned = make(text="超期在办", status=S.IN_PROGRESS, lead_unit=units["town"], deadline=dt.date(2026, 12, 1))
    Journal.objects.create(item=returned, action="return", field="status", old=S.SUBMITTED, new=S.IN_PROGRESS,
                           at=local(dt.date(2026, 11, 20)), reason="佐证不足")
    make(text="外单位", status=S.CLOSED, lead_unit=units["other"], deadline=dt.date(2026, 12, 1),
         closed_at=local(dt.date(2026, 10, 20)))
    make(text="上季度", status=S.CLOSED, lead_unit=units["other"], deadline=dt.date(2026, 9, 1),
         closed_at=local(dt.date(2026, 9, 20)), rating="good")
    return units


def row_of(page: str, unit) -> str:
    return re.search(rf'<tr id="unit-{unit.pk}">(.*?)</tr>', page, re.S).group(1)


def cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]


@pytest.mark.parametrize("who", ["officer", "leader"])
def test_office_and_leaders_see_the_quarter_ranked(client_for, people, ledger, who):
    page = client_for(people[who]).get(reverse("assessment")).content.decode()
    assert "<title>考核" in page and 'id="nav-assessment"' in page
    assert 'value="2026-10-01"' in page and 'value="2026-12-31"' in page  # the current quarter
    town, other = row_of(page, ledger["town"]), row_of(page, ledger["other"])
    assert page.index(f'id="unit-{ledger["other"].pk}"') < page.index(f'id="unit-{ledger["town"].pk}"')
    #        place, unit, closed, on time, rate, overdue, returns, 好, 较好, 一般, 差, 未评价, 平均分
    assert cells(town) == ["2", "天桥街道", "2", "1 / 2", "50.0%", "1 + 1 = 2", "1", "1", "0", "0", "1", "0", "70.0"]
    assert cells(other) == ["1", "翟庄街道", "1", "1 / 1", "100.0%", "0 + 0 = 0", "0", "0", "0", "0", "0", "1", "—"]
    assert "按期办结率" in page and "统计口径" in page and "在办超期" in page


def test_liaisons_are_refused_and_see_no_link(client_for, people, ledger):
    liaison = client_for(people["liaison"])
    assert liaison.get(reverse("assessment")).status_code == 403
    assert liaison.get(reverse("assessment-export")).status_code == 403
    assert 'id="nav-assessment"' not in liaison.get(reverse("ledger")).content.decode()


def test_each_count_opens_the_ledger_on_the_items_it_counts(client_for, people, ledger):
    officer = client_for(people["officer"])
    page = officer.get(reverse("assessment")).content.decode()
    town = row_of(page, ledger["town"])
    for css, count in [("closed", 2), ("on-time", 1), ("returns", 1), ("rating-good", 1), ("rating-poor", 1)]:
        url = unescape(re.search(rf'class="num {css}"><a href="([^"]+)"', town).group(1))
        listed = officer.get(url).content.decode()
        assert f"共 {count} 项" in listed, (css, url)
    late = unescape(re.search(r'<a href="([^"]+)" title="逾期办结"', town).group(1))
    listed = officer.get(late).content.decode()
    assert "共 1 项" in listed and "逾期办结" in listed and "天桥街道牵头的事项" in listed


def test_period_and_sort_are_chosen(client_for, people, ledger):
    officer = client_for(people["officer"])
    page = officer.get(reverse("assessment"), {"since": "2026-07-01", "until": "2026-09-30"}).content.decode()
    assert cells(row_of(page, ledger["other"]))[2] == "1" and f'id="unit-{ledger["town"].pk}"' in page  # red now
    page = officer.get(reverse("assessment"), {"sort": "overdue"}).content.decode()
    assert page.index(f'id="unit-{ledger["other"].pk}"') < page.index(f'id="unit-{ledger["town"].pk}"')
    assert 'aria-sort="ascending"' in page


def test_a_period_that_ends_before_it_starts_is_a_400(client_for, people, ledger):
    response = client_for(people["officer"]).get(reverse("assessment"), {"since": "2026-12-01", "until": "2026-11-01"})
    assert response.status_code == 400 and "起始日期不能晚于截止日期" in response.content.decode()


def test_the_export_holds_the_same_table(client_for, people, ledger):
    response = client_for(people["officer"]).get(reverse("assessment-export"))
    assert response.status_code == 200
    assert "考核-20261205.xlsx" in unquote(response["Content-Disposition"])
    sheet = load_workbook(io.BytesIO(response.content))["考核"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "督查考核（2026-10-01 至 2026-12-31）"
    assert rows[1] == ["排名", "责任单位", "办结数", "按期办结数", "有时限办结数", "按期办结率", "在办超期", "逾期办结",
                       "超期数", "退回次数", "好", "较好", "一般", "差", "未评价", "平均分"]
    assert rows[2] == [1, "翟庄街道", 1, 1, 1, 1.0, 0, 0, 0, 0, 0, 0, 0, 0, 1, None]
    assert rows[3] == [2, "天桥街道", 2, 1, 2, 0.5, 1, 1, 2, 1, 1, 0, 0, 1, 0, 70]
    assert rows[4][1:] == ["合计", 3, 2, 3, 2 / 3, 1, 1, 2, 1, 1, 0, 0, 1, 1, 70]
    assert sheet["F4"].number_format == "0.0%"
    assert any(str(row[0]).startswith("按期办结率：") for row in rows[5:] if row[0])


def test_the_page_in_english(client_for, people, ledger):
    officer = client_for(people["officer"])
    officer.post(reverse("set_language"), {"language": "en", "next": reverse("assessment")})
    page = officer.get(reverse("assessment")).content.decode()
    assert "<h1>Assessment</h1>" in page and "On-time rate" in page and "Mean score" in page
    assert "overdue now + closed late" in page and "What is counted" in page


def test_the_page_and_export_queries_do_not_grow_with_units(client_for, people, ledger):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from duban.ledger.models import Unit

    officer = client_for(people["officer"])

    def queries():
        counts = []
        for url in (reverse("assessment"), reverse("assessment-export")):
            with CaptureQueriesContext(connection) as captured:
                assert officer.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    few = queries()
    for n in range(12):
        unit = Unit.objects.create(name=f"第{n}村", parent=ledger["town"])
        Item.objects.create(text="按期", status=S.CLOSED, lead_unit=unit, deadline=dt.date(2026, 11, 10),
                            closed_at=local(dt.date(2026, 11, 9)), rating="fair")
    page = officer.get(reverse("assessment")).content.decode()
    assert page.count('<tr id="unit-') == 14
    assert queries() == few
