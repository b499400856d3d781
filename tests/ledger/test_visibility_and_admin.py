import pytest

from duban.ledger.models import Item, Journal

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(units, future):
    town = Item.objects.create(text="街道事项", lead_unit=units["town"], deadline=future, status="assigned")
    community = Item.objects.create(text="社区事项", lead_unit=units["community"], deadline=future, status="assigned")
    civil = Item.objects.create(text="民政事项", lead_unit=units["civil"], deadline=future, status="assigned")
    civil.co_units.add(units["town"])
    other = Item.objects.create(text="翟庄事项", lead_unit=units["other"], deadline=future, status="assigned")
    return {"town": town, "community": community, "civil": civil, "other": other}


@pytest.mark.parametrize(("who", "sees"), [
    ("officer", {"town", "community", "civil", "other"}),
    ("leader", {"town", "community", "civil", "other"}),
    ("liaison", {"town", "community", "civil"}),  # own unit, units below it, co-operation
    ("community", {"community"}),
    ("co", {"civil"}),
    ("nounit", set()),
])
def test_who_sees_what(people, items, who, sees):
    names = {k for k, v in items.items() if v in Item.objects.visible_to(people[who])}
    assert names == sees


def test_admin_cannot_change_ledger_records(people, items, client):
    client.force_login(people["admin"])
    assert client.get("/admin/ledger/item/").status_code == 200
    item = items["town"]
    response = client.post(f"/admin/ledger/item/{item.pk}/change/", {"text": "改掉", "status": "closed"})
    assert response.status_code == 403
    assert client.post(f"/admin/ledger/item/{item.pk}/delete/", {"post": "yes"}).status_code == 403
    entry = Journal.record(user=people["officer"], item=item, action="edit", field="text", old="a", new="b")
    assert client.post(f"/admin/ledger/journal/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    item.refresh_from_db()
    assert item.text == "街道事项" and Journal.objects.count() == 1


def test_journal_records_who_and_survives_the_user(people, items):
    from duban.ledger import workflow

    workflow.edit(items["town"], people["officer"], deadline=items["town"].deadline, text="新", reason="更正")
    entry = Journal.objects.get()
    assert (entry.user, entry.username, entry.field, entry.old, entry.new, entry.reason) == (
        people["officer"], "officer", "text", "街道事项", "新", "更正")
    people["officer"].delete()  # the journal keeps the name; nothing cascades into it
    entry = Journal.objects.get()
    assert entry.username == "officer" and entry.item_id == items["town"].pk
