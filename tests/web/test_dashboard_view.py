import datetime as dt
import io
import json

import docx
import pytest
from django.urls import reverse

from duban import clock
from duban.ledger import workflow
from duban.ledger.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(people, units):
    today = clock.today()
    made = []
    for text, unit, days in (("红灯一", "town", -5), ("红灯二", "town", -1), ("黄灯", "other", 1), ("绿灯", "other", 20)):
        item = Item.objects.create(text=text, topic="民生服务")
        made.append(workflow.apply(item, "assign", people["officer"], lead_unit=units[unit],
                                   deadline=today + dt.timedelta(days=days)))
    return made


def chart_data(response):
    page = response.content.decode()
    start = page.index('id="chart-data"')
    raw = page[page.index(">", start) + 1: page.index("</script>", start)]
    return json.loads(raw)


def test_dashboard_counts_and_links(client_for, people, units, items):
    response = client_for(people["officer"]).get(reverse("dashboard"))
    assert response.status_code == 200
    data = chart_data(response)
    lights = {x["key"]: x["value"] for x in data["lights"]}
    assert lights == {"red": 2, "yellow": 1, "green": 1, "none": 0, "waiting": 0, "done": 0}
    assert data["units"][0]["name"] == "天桥街道" and data["units"][0]["red"] == 2
    assert data["topics"] == [{"name": "民生服务", "value": 4, "url": "/ledger/?topic=%E6%B0%91%E7%94%9F%E6%9C%8D%E5%8A%A1"}]
    assert sum(data["trend"]["assigned"]) == 4
    assert [i.text for i in response.context["overdue"]] == ["红灯一", "红灯二"]
    # Each link opens the ledger with the same count.
    red = next(x for x in data["lights"] if x["key"] == "red")
    assert client_for(people["officer"]).get(red["url"]).context["total"] == 2


def test_dashboard_is_for_office_and_leaders(client_for, people, items):
    assert client_for(people["leader"]).get(reverse("dashboard")).status_code == 200
    assert client_for(people["liaison"]).get(reverse("dashboard")).status_code == 403


def test_bulletin_download(client_for, people, items):
    today = clock.today()
    response = client_for(people["officer"]).get(reverse("bulletin"), {
        "number": 7, "since": (today - dt.timedelta(days=30)).isoformat(), "until": today.isoformat()})
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    assert [p.text for p in document.paragraphs[:2]] == ["督查通报", f"督查通报〔{today.year}〕7号"]
    assert client_for(people["liaison"]).get(reverse("bulletin")).status_code == 403
    bad = client_for(people["officer"]).get(reverse("bulletin"), {"number": 1, "since": "2026-02-01",
                                                                  "until": "2026-01-01"})
    assert bad.status_code == 400


def test_in_progress_total_leaves_out_closed_and_not_yet_assigned(client_for, people, units, items):
    """在办事项合计 counts the items given to a unit and not closed; an accepted item that no unit
    has been given yet is 待交办, not 绿灯, and not 在办 (on the dashboard and in the bulletin)."""
    from duban.reports.word import bulletin_data

    today = clock.today()
    waiting = workflow.apply(Item.objects.create(text="已立项未交办", deadline=today + dt.timedelta(days=20)),
                             "accept", people["officer"])
    closed = Item.objects.create(text="已销号", status=Item.Status.CLOSED, lead_unit=units["town"],
                                 deadline=today + dt.timedelta(days=20))
    assert waiting.light() == Item.Light.WAITING and closed.light() == Item.Light.DONE
    response = client_for(people["officer"]).get(reverse("dashboard"))
    lights = {x["key"]: x["value"] for x in chart_data(response)["lights"]}
    assert lights == {"red": 2, "yellow": 1, "green": 1, "none": 0, "waiting": 1, "done": 1}
    assert response.context["total"] == 4
    waiting_url = next(x["url"] for x in chart_data(response)["lights"] if x["key"] == "waiting")
    assert [i.text for i in client_for(people["officer"]).get(waiting_url).context["page"]] == ["已立项未交办"]
    assert bulletin_data(today - dt.timedelta(days=30), today)["active"] == 4


def test_bulletin_form_errors_stay_in_the_app_beside_each_field(client_for, people, items):
    response = client_for(people["officer"]).get(reverse("bulletin"), {"number": "abc"})
    page = response.content.decode()
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert 'class="top"' in page and 'id="bulletin"' in page  # the app's page, not a bare text answer
    assert page.count("输入整数") == 1 and "；" not in page.split('id="bulletin"')[1].split("</section>")[0]
    for field in ("number", "since", "until"):
        assert f'id="id_{field}-error"' in page
    form = response.context["bulletin_form"]
    assert set(form.errors) == {"number", "since", "until"}
    response = client_for(people["officer"]).get(reverse("bulletin"), {
        "number": 1, "since": "2026-12-01", "until": "2026-11-01"})
    assert response.status_code == 400 and "起始日期不能晚于截止日期" in response.content.decode()


def test_each_trend_point_opens_the_ledger_of_that_week(client_for, people, units, frozen_clock, settings):
    settings.DUBAN_DASHBOARD_CACHE_SECONDS = 0
    today = dt.date(2026, 11, 26)  # a Thursday
    for days_ago in (1, 2, 9, 30):
        frozen_clock(today - dt.timedelta(days=days_ago))
        workflow.apply(Item.objects.create(text=f"{days_ago}天前交办"), "assign", people["officer"],
                       lead_unit=units["town"], deadline=today + dt.timedelta(days=20))
    frozen_clock(today)
    client = client_for(people["officer"])
    trend = chart_data(client.get(reverse("dashboard")))["trend"]
    assert sum(trend["assigned"]) == 4
    for week, count, url in zip(trend["weeks"], trend["assigned"], trend["urls"][0], strict=True):
        ledger = client.get(url).context
        assert ledger["total"] == count, (week, url)
    last = client.get(trend["urls"][0][-1])
    assert [i.text for i in last.context["page"]] == ["1天前交办", "2天前交办"]
    assert "交办日期：2026-11-23 至 2026-11-29" in last.content.decode()
    assert all("status=closed" in url for url in trend["urls"][1])
