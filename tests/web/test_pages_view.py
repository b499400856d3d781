import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.ledger import workflow
from duban.ledger.models import Item, Source, Subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def red_item(people, units):
    item = Item.objects.create(text="已超期的事项", speaker="秦保强")
    return workflow.apply(item, "assign", people["officer"], lead_unit=units["community"],
                          deadline=clock.today() - dt.timedelta(days=2))


def test_unit_page_groups_by_light_and_includes_units_below(client_for, people, units, assigned, red_item):
    response = client_for(people["liaison"]).get(reverse("unit", args=[units["town"].pk]))
    groups = {group["light"]: [i.text for i in group["items"]] for group in response.context["groups"]}
    assert groups == {"red": ["已超期的事项"], "green": [assigned.text]}
    assert [group["count"] for group in response.context["groups"]] == [1, 1]


def test_unit_page_of_another_unit_is_forbidden(client_for, people, units, assigned):
    assert client_for(people["stranger"]).get(reverse("unit", args=[units["town"].pk])).status_code == 403


def test_subject_page_lists_items_across_reports(client_for, people, units):
    subject = Subject.objects.create(name="双汇第三工业园", kind=Subject.Kind.PROJECT)
    old = Subject.objects.create(name="双汇三园", merged_into=subject)
    for n, subj in enumerate((subject, old)):
        source = Source.objects.create(title=f"报道{n}", origin="text", content_hash=str(n), raw=b"")
        Item.objects.create(text=f"要求{n}", subject=subj, source=source, status=Item.Status.ASSIGNED,
                            lead_unit=units["town"])
    client = client_for(people["officer"])
    response = client.get(reverse("subject", args=[subject.pk]))
    assert [i.text for i in response.context["items"]] == ["要求0", "要求1"]
    assert client.get(reverse("subject", args=[old.pk]))["Location"] == reverse("subject", args=[subject.pk])
    assert list(client_for(people["stranger"]).get(reverse("subject", args=[subject.pk])).context["items"]) == []


def test_leader_page(client_for, people, assigned, red_item):
    response = client_for(people["leader"]).get(reverse("leader", args=["秦保强"]))
    assert response.context["total"] == 2


def test_source_page_and_list(client_for, people, assigned):
    source = Source.objects.create(title="市委书记调研召陵区", origin="text", content_hash="h", raw=b"",
                                   article={"body": ["第一段。", "第二段。"]})
    assigned.source = source
    assigned.save()
    client = client_for(people["officer"])
    page = client.get(reverse("source", args=[source.pk])).content.decode()
    assert "第二段。" in page and assigned.text[:20] in page
    assert "市委书记调研召陵区" in client.get(reverse("sources")).content.decode()
    assert client_for(people["liaison"]).get(reverse("source", args=[source.pk])).status_code == 403


def make_items(units, count: int, **fields) -> list[Item]:
    today = clock.today()
    return [Item.objects.create(text=f"{fields.get('speaker', '')}事项{k}", status=Item.Status.IN_PROGRESS,
                                deadline=today - dt.timedelta(days=count - k), **fields) for k in range(count)]


@pytest.mark.parametrize("who", ["liaison", "officer"])
def test_a_big_units_page_counts_every_item_and_lists_the_most_urgent(client_for, people, units, monkeypatch, who):
    from duban.web.views import pages

    monkeypatch.setattr(pages, "GROUP_SIZE", 3)
    red = make_items(units, 5, lead_unit=units["community"])  # the oldest deadlines first
    co_only = Item.objects.create(text="配合事项", status=Item.Status.SIGNED, lead_unit=units["other"],
                                  deadline=clock.today() + dt.timedelta(days=60))
    co_only.co_units.add(units["community"])
    make_items(units, 2, lead_unit=units["other"])  # not the town's
    client = client_for(people[who])
    groups = client.get(reverse("unit", args=[units["town"].pk])).context["groups"]
    assert [(g["light"], g["count"], [i.text for i in g["items"]]) for g in groups] == [
        ("red", 5, [i.text for i in red[:3]]), ("green", 1, ["配合事项"])]
    for group in groups:  # "see them all" opens the ledger on the same items
        assert client.get(group["url"]).context["total"] == group["count"]


def test_a_big_leaders_page_counts_every_item(client_for, people, units, monkeypatch):
    from duban.web.views import pages

    monkeypatch.setattr(pages, "GROUP_SIZE", 2)
    make_items(units, 4, lead_unit=units["town"], speaker="秦保强")
    make_items(units, 3, lead_unit=units["other"], speaker="秦保强")
    make_items(units, 2, lead_unit=units["town"], speaker="别人")
    response = client_for(people["officer"]).get(reverse("leader", args=["秦保强"]))
    assert response.context["total"] == 7
    [red] = response.context["groups"]
    assert red["count"] == 7 and len(red["items"]) == 2
    assert client_for(people["officer"]).get(red["url"]).context["total"] == 7
    mine = client_for(people["liaison"]).get(reverse("leader", args=["秦保强"]))  # a liaison: their unit's only
    assert mine.context["total"] == 4


def test_source_list_pages_and_counts_each_reports_items(client_for, people, units, monkeypatch):
    from duban.web.views import review

    monkeypatch.setattr(review, "SOURCES_PER_PAGE", 2)
    sources = [Source.objects.create(title=f"报道{k}", origin="text", content_hash=str(k), raw=b"") for k in range(3)]
    for k, status in enumerate([Item.Status.PROPOSED, Item.Status.PROPOSED, Item.Status.ASSIGNED]):
        Item.objects.create(text=f"要求{k}", source=sources[0], status=status)
    client = client_for(people["officer"])
    first = client.get(reverse("sources"))
    assert [s.title for s in first.context["sources"]] == ["报道2", "报道1"]  # newest import first
    last = client.get(reverse("sources"), {"page": 2})
    [oldest] = last.context["sources"]
    assert (oldest.title, oldest.n_items, oldest.n_proposed) == ("报道0", 3, 2)
    assert "第 2 / 2 页" in last.content.decode()
