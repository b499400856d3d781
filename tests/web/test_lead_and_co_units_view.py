"""牵头/配合 on the review screen and the item page, and 非本单位职责 through the pages."""

import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.ledger import workflow
from duban.ledger.models import Item, Journal, Source

pytestmark = pytest.mark.django_db
S = Item.Status

MINUTES = """召陵区召开防汛工作专题会议

6月3日，区长李明主持召开防汛工作专题会议。会议议定如下：
一、由天桥街道牵头，翟庄街道、漓江路社区配合，6月底前完成沿河排涝泵站检修。
二、区应急管理局要加强汛期值班值守。
"""


@pytest.fixture
def minutes(client_for, people, units):
    """The minutes imported: the first proposal suggests 天桥街道 with two co-units."""
    client = client_for(people["officer"])
    client.post(reverse("import"), {"text": MINUTES})
    source = Source.objects.get()
    return client, source, source.items.get(text__contains="泵站")


def card_act(client, item, **data):
    body = {"ids": [item.pk], "version": item.version, "card": "1", "page": "1", **data}
    return client.post(reverse("review-act", args=[item.source_id]), body, HTTP_HX_REQUEST="true")


def picked(page, picker_id):
    """The unit ids a co-unit picker holds, as the page renders it."""
    picker = page.split(f'id="{picker_id}-picker"')[1].split("</div>")[0]
    return [int(part.split('"')[0]) for part in picker.split('name="co_units" value="')[1:] if part[0] != '"']


# --- the review screen ----------------------------------------------------------------------

def test_the_card_offers_the_suggested_lead_and_co_units_pre_chosen(minutes, units):
    client, source, item = minutes
    page = client.get(reverse("review", args=[source.pk])).content.decode()
    assert f'name="lead_unit" id="unit-{item.pk}" value="{units["town"].pk}"' in page
    assert sorted(picked(page, f"co-{item.pk}")) == sorted([units["other"].pk, units["community"].pk])
    assert f'aria-controls="co-{item.pk}-list"' in page and 'role="combobox"' in page
    assert "<kbd>u</kbd>" in page and "<kbd>c</kbd>" in page  # the picker keys are listed with the others


def test_assigning_from_the_card_saves_lead_and_co_units_with_journal_lines(minutes, units):
    client, _, item = minutes
    response = card_act(client, item, action="assign", lead_unit=units["other"].pk,
                        co_units=["", units["town"].pk], deadline="2027-06-30")
    assert response.status_code == 200 and "已交办 1 项" in response.content.decode()
    item.refresh_from_db()
    assert item.status == S.ASSIGNED and item.lead_unit == units["other"]
    assert list(item.co_units.all()) == [units["town"]]
    line = Journal.objects.get(item=item, field="co_units")
    assert line.action == "assign" and line.new == "天桥街道"


def test_clearing_the_suggested_co_units_assigns_without_any(minutes, units):
    client, _, item = minutes
    card_act(client, item, action="assign", lead_unit="", co_units=[""], deadline="2027-06-30")
    item.refresh_from_db()
    assert item.status == S.ASSIGNED and item.lead_unit == units["town"]  # the suggested lead
    assert not item.co_units.exists()


def test_bulk_assign_gives_each_item_its_suggested_co_units(minutes, units):
    client, source, item = minutes
    client.post(reverse("review-act", args=[source.pk]), {"action": "assign", "ids": [item.pk], "lead_unit": "",
                                                          "deadline": "2027-06-30"})
    item.refresh_from_db()
    assert item.status == S.ASSIGNED and set(item.co_units.all()) == {units["other"], units["community"]}


@pytest.mark.parametrize("bad", ["999999", "9" * 30, "天桥街道"])
def test_an_unknown_co_unit_is_refused_and_nothing_changes(minutes, units, bad):
    client, _, item = minutes
    response = card_act(client, item, action="assign", co_units=["", units["other"].pk, bad], deadline="2027-06-30")
    assert response.status_code == 400 and "所选单位不存在" in response.content.decode()
    item.refresh_from_db()
    assert item.status == S.PROPOSED and not item.co_units.exists()


def test_editing_a_card_keeps_its_co_unit_suggestions(minutes, units):
    """The card's 修改 has no co-units: saving it must not clear what the picker offers."""
    client, source, item = minutes
    prefix = f"i{item.pk}"
    card_act(client, item, action="edit", **{f"{prefix}-text": item.text, f"{prefix}-topic": item.topic,
                                            f"{prefix}-lead_unit": units["other"].pk})
    item.refresh_from_db()
    assert item.lead_unit == units["other"] and item.suggested_co_units.count() == 2
    page = client.get(reverse("review", args=[source.pk])).content.decode()
    assert f'value="{units["other"].name}"' in page.split(f'id="unit-{item.pk}-q"')[1].split(">")[0]


# --- the item page --------------------------------------------------------------------------

def test_the_item_page_assigns_with_co_units_from_pickers(client_for, people, units):
    item = Item.objects.create(text="开展排涝演练", status=S.ACCEPTED, suggested_unit=units["town"])
    item.suggested_co_units.add(units["community"])
    client = client_for(people["officer"])
    page = client.get(reverse("item", args=[item.pk])).content.decode()
    assert f'name="lead_unit" id="id_lead_unit" value="{units["town"].pk}"' in page  # the suggested unit
    assert picked(page, "id_co_units") == [units["community"].pk]
    assert 'for="id_co_units-q"' in page and 'for="edit_co_units-q"' in page  # two forms, distinct ids
    response = client.post(reverse("item-action", args=[item.pk, "assign"]), {
        "lead_unit": units["town"].pk, "co_units": ["", units["other"].pk, units["community"].pk],
        "deadline": "2027-06-30", "version": item.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == S.ASSIGNED and set(item.co_units.all()) == {units["other"], units["community"]}


def test_the_item_page_edits_co_units(client_for, people, units, assigned):
    client = client_for(people["officer"])
    response = client.post(reverse("item-edit", args=[assigned.pk]), {
        "text": assigned.text, "topic": assigned.topic, "lead_unit": units["town"].pk,
        "co_units": ["", units["other"].pk], "deadline": "2027-06-30", "version": assigned.version, "reason": "补充配合单位"})
    assert response.status_code == 302
    assert list(assigned.co_units.all()) == [units["other"]]
    assert Journal.objects.get(item=assigned, field="co_units").reason == "补充配合单位"
    page = client.get(reverse("item", args=[assigned.pk])).content.decode()
    assert "配合" in page and "翟庄街道" in page
    assert picked(page, "edit_co_units") == [units["other"].pk]


# --- 非本单位职责 -----------------------------------------------------------------------------

def test_the_lead_liaison_declines_with_a_reason_and_the_item_leaves_the_unit(client_for, people, units, assigned):
    client = client_for(people["liaison"])
    page = client.get(reverse("item", args=[assigned.pk])).content.decode()
    url = reverse("item-action", args=[assigned.pk, "decline"])
    assert f'action="{url}"' in page and 'id="reason-decline"' in page and "非本单位职责" in page
    refused = client.post(url, {"reason": "", "version": assigned.version})
    assert refused.status_code == 400 and "需要填写理由" in refused.content.decode()
    assigned.refresh_from_db()
    assert assigned.status == S.ASSIGNED
    response = client.post(url, {"reason": "该路段属翟庄街道", "version": assigned.version}, follow=True)
    assert response.redirect_chain[0][0] == reverse("home") and "已退回督查室重新交办" in response.content.decode()
    assigned.refresh_from_db()
    assert assigned.status == S.ACCEPTED and assigned.lead_unit is None and assigned.number
    assert client.get(reverse("item", args=[assigned.pk])).status_code == 404  # no longer the unit's


@pytest.mark.parametrize("who", ["stranger", "officer", "leader"])
def test_others_cannot_decline(client_for, people, units, assigned, who):
    client = client_for(people[who])
    response = client.post(reverse("item-action", args=[assigned.pk, "decline"]), {"reason": "不归我管"})
    assert response.status_code == (404 if who == "stranger" else 403)
    assigned.refresh_from_db()
    assert assigned.status == S.ASSIGNED


def test_a_co_unit_sees_the_item_but_may_not_decline_it(client_for, people, units, assigned):
    assigned.co_units.add(units["other"])
    client = client_for(people["stranger"])
    page = client.get(reverse("item", args=[assigned.pk])).content.decode()
    assert reverse("item-action", args=[assigned.pk, "decline"]) not in page
    assert client.post(reverse("item-action", args=[assigned.pk, "decline"]), {"reason": "x"}).status_code == 403


def test_the_office_sees_who_declined_and_reassigns(client_for, people, units, assigned):
    assigned.suggested_unit = units["town"]
    assigned.save()
    workflow.apply(assigned, "decline", people["liaison"], reason="该路段属翟庄街道")
    client = client_for(people["officer"])
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert 'id="queue-reassign"' in dashboard and assigned.text[:10] in dashboard.split('id="queue-reassign"')[1]
    page = client.get(reverse("item", args=[assigned.pk])).content.decode()
    assert 'id="declined"' in page and "天桥街道认为非本单位职责：该路段属翟庄街道" in page
    # The unit that declined is not offered again.
    assert 'name="lead_unit" id="id_lead_unit" value=""' in page
    assigned.refresh_from_db()
    response = client.post(reverse("item-action", args=[assigned.pk, "assign"]), {
        "lead_unit": units["other"].pk, "co_units": [""], "deadline": (clock.today() + dt.timedelta(days=20)).isoformat(),
        "version": assigned.version})
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == S.ASSIGNED and assigned.lead_unit == units["other"]
    ledger = client.get(reverse("ledger"), {"declined": "1"}).content.decode()
    assert "共 0 项" in ledger and "待重新交办" in ledger  # the filter is named above the results


def test_ledger_rows_say_who_declined_and_why(client_for, people, assigned):
    workflow.apply(assigned, "decline", people["liaison"], reason="该路段属翟庄街道")
    ledger = client_for(people["officer"]).get(reverse("ledger"), {"declined": "1"}).content.decode()
    assert "共 1 项" in ledger and '<span class="badge declined">待重新交办</span>' in ledger
    assert "天桥街道：该路段属翟庄街道" in ledger


def test_decline_reads_in_english(client_for, people, units, assigned):
    client = client_for(people["liaison"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("item", args=[assigned.pk])).content.decode()
    assert "Not our responsibility" in page and "goes back to the office for reassignment" in page
    workflow.apply(assigned, "decline", people["liaison"], reason="not ours")
    office = client_for(people["officer"])
    office.cookies["django_language"] = "en"
    page = office.get(reverse("item", args=[assigned.pk])).content.decode()
    assert "To reassign" in page and "天桥街道 says this is not its responsibility: not ours" in page


def test_a_declined_card_on_the_review_screen_says_so_and_offers_no_unit(minutes, people, units):
    client, source, item = minutes
    card_act(client, item, action="assign", deadline="2027-06-30")
    item.refresh_from_db()
    workflow.apply(item, "decline", people["liaison"], reason="泵站属翟庄街道管辖")
    page = client.get(reverse("review", args=[source.pk])).content.decode()
    card = page.split(f'id="p-{item.pk}"')[1].split('class="proposal')[0]
    assert "待重新交办" in card and "天桥街道认为非本单位职责：泵站属翟庄街道管辖" in card
    assert f'name="lead_unit" id="unit-{item.pk}" value=""' in card  # not the unit that declined
    refused = card_act(client, Item.objects.get(pk=item.pk), action="assign", deadline="2027-06-30")
    assert refused.status_code == 400 and "请先选择责任单位" in refused.content.decode()
