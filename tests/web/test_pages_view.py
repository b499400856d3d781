import datetime as dt

import pytest
from django.urls import reverse

from duban.ledger import workflow
from duban.ledger.models import Item, Source, Subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def red_item(people, units):
    item = Item.objects.create(text="已超期的事项", speaker="秦保强")
    return workflow.apply(item, "assign", people["officer"], lead_unit=units["community"],
                          deadline=dt.date.today() - dt.timedelta(days=2))


def test_unit_page_groups_by_light_and_includes_units_below(client_for, people, units, assigned, red_item):
    response = client_for(people["liaison"]).get(reverse("unit", args=[units["town"].pk]))
    groups = {light: [i.text for i in items] for light, _label, items in response.context["groups"]}
    assert groups == {"red": ["已超期的事项"], "green": [assigned.text]}


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
