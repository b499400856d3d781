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
    assert lights == {"red": 2, "yellow": 1, "green": 1, "none": 0, "done": 0}
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
    assert document.paragraphs[0].text == "督查通报（第7期）"
    assert client_for(people["liaison"]).get(reverse("bulletin")).status_code == 403
    bad = client_for(people["officer"]).get(reverse("bulletin"), {"number": 1, "since": "2026-02-01",
                                                                  "until": "2026-01-01"})
    assert bad.status_code == 400
