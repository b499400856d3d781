import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from duban import clock
from duban.ledger import workflow
from duban.ledger.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(people, units):
    today = clock.today()
    rows = [("推动规上企业研发活动全覆盖", "科技创新", units["town"], today - dt.timedelta(days=3)),
            ("常态化提供养老服务", "民生服务", units["other"], today + dt.timedelta(days=2)),
            ("加快双汇第三工业园建设", "项目建设", units["town"], today + dt.timedelta(days=40))]
    items = []
    for text, topic, unit, deadline in rows:
        item = Item.objects.create(text=text, topic=topic, speaker="秦保强")
        items.append(workflow.apply(item, "assign", people["officer"], lead_unit=unit, deadline=deadline))
    Item.objects.create(text="待审核的提议不进台账")
    return items


def texts(response):
    return [i.text for i in response.context["page"].object_list]


def test_filters_search_and_sort(client_for, people, ledger, units):
    client = client_for(people["officer"])
    assert len(texts(client.get(reverse("ledger")))) == 3  # the proposal is not in the ledger
    assert texts(client.get(reverse("ledger"), {"q": "研发"})) == ["推动规上企业研发活动全覆盖"]
    assert texts(client.get(reverse("ledger"), {"light": "red"})) == ["推动规上企业研发活动全覆盖"]
    assert texts(client.get(reverse("ledger"), {"light": "yellow"})) == ["常态化提供养老服务"]
    assert set(texts(client.get(reverse("ledger"), {"unit": units["town"].pk}))) == {
        "推动规上企业研发活动全覆盖", "加快双汇第三工业园建设"}
    assert texts(client.get(reverse("ledger"), {"topic": "项目建设"})) == ["加快双汇第三工业园建设"]
    assert texts(client.get(reverse("ledger"), {"sort": "-deadline"}))[0] == "加快双汇第三工业园建设"
    assert texts(client.get(reverse("ledger"), {"status": "proposed"})) == ["待审核的提议不进台账"]
    assert len(texts(client.get(reverse("ledger"), {"leader": "秦保强"}))) == 3


def test_liaison_sees_only_their_units_items(client_for, people, ledger):
    response = client_for(people["stranger"]).get(reverse("ledger"))
    assert texts(response) == ["常态化提供养老服务"]


def test_bad_filter_values_do_not_break_the_page(client_for, people, ledger):
    response = client_for(people["officer"]).get(reverse("ledger"), {"since": "not-a-date", "unit": "x"})
    assert response.status_code == 200 and len(texts(response)) == 3


def test_pagination(client_for, people, units):
    for n in range(55):
        Item.objects.create(text=f"事项{n}", status=Item.Status.ASSIGNED, lead_unit=units["town"])
    client = client_for(people["officer"])
    first, second = client.get(reverse("ledger")), client.get(reverse("ledger"), {"page": 2})
    assert len(texts(first)) == 50 and len(texts(second)) == 5


def test_export_uses_the_same_filters(client_for, people, ledger):
    response = client_for(people["officer"]).get(reverse("ledger-export"), {"q": "研发"})
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("推动规上企业研发活动全覆盖" in c for c in cells)
    assert not any("常态化提供养老服务" in c for c in cells)


@pytest.mark.parametrize("who", ["officer", "liaison"])
def test_an_export_over_the_web_limit_is_refused_with_the_way_out(client_for, people, ledger, settings, who):
    settings.DUBAN_WEB_EXPORT_LIMIT = 1
    client = client_for(people[who])
    refused = client.get(reverse("ledger-export"), {"topic": "", "sort": "deadline"})  # 3 (officer), 2 (liaison)
    assert refused.status_code == 302 and refused["Location"] == reverse("ledger") + "?topic=&sort=deadline"
    page = client.get(refused["Location"]).content.decode()
    rows = 3 if who == "officer" else 2
    assert f"所选事项共 {rows} 项，超过网页导出上限 1 项" in page and "duban export" in page
    narrowed = client.get(reverse("ledger-export"), {"topic": "项目建设"})  # one row: within the limit
    assert narrowed.status_code == 200 and "spreadsheetml" in narrowed["Content-Type"]
