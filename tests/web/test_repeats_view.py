"""再次交办 on the item page (the whole chain, counted) and on the review page (a badge)."""

import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.areas.recurrence import flag_recurrences
from duban.ledger import workflow
from duban.ledger.models import Item, Source, Subject

pytestmark = pytest.mark.django_db


def _source(n, year):
    return Source.objects.create(origin=Source.Origin.TEXT, content_hash=f"h{n}", raw=b"",
                                 title=f"第{n}次调研", event_date=dt.date(year, 10, 18))


@pytest.fixture
def chain(people, units):
    """The same demand made in 2024 (天桥街道), 2025 (翟庄街道) and now again as a proposal."""
    subject = Subject.objects.create(name="正大绿色循环经济产业园", kind=Subject.Kind.PROJECT)
    deadline = clock.today() + dt.timedelta(days=30)
    first = workflow.apply(Item.objects.create(text="加快设备调试，确保项目年底前投产达效", subject=subject,
                                               source=_source(1, 2024), topic="项目建设"),
                           "assign", people["officer"], lead_unit=units["town"], deadline=deadline)
    second = Item.objects.create(text="要抓紧设备安装调试，确保项目年底前投产达效", subject=subject,
                                 source=_source(2, 2025), topic="项目建设")
    assert flag_recurrences(second) == [first]
    second = workflow.apply(second, "assign", people["officer"], lead_unit=units["other"], deadline=deadline)
    third = Item.objects.create(text="要加快设备安装调试，确保项目尽快投产达效", subject=subject,
                                source=_source(3, 2026), topic="项目建设", directive_index=0)
    assert flag_recurrences(third)
    return first, second, third


def test_item_page_counts_the_whole_chain_and_links_earlier_items(client_for, people, chain):
    first, second, third = chain
    response = client_for(people["officer"]).get(reverse("item", args=[second.pk]))
    repeats = response.context["repeats"]
    assert (repeats["times"], repeats["position"]) == (3, 2)
    assert [row["item"].pk for row in repeats["rows"]] == [first.pk, second.pk, third.pk]
    page = response.content.decode()
    assert "同一要求已在 3 次调研中提出，本项为第 2 次" in page
    assert f'href="{reverse("item", args=[first.pk])}"' in page
    assert f'href="{reverse("item", args=[third.pk])}"' in page


def test_liaison_sees_the_count_but_no_links_to_other_units_items(client_for, people, chain):
    first, second, _ = chain
    response = client_for(people["liaison"]).get(reverse("item", args=[first.pk]))
    rows = {row["item"].pk: row for row in response.context["repeats"]["rows"]}
    assert response.context["repeats"]["times"] == 3 and not rows[second.pk]["visible"]
    page = response.content.decode()
    assert f'href="{reverse("item", args=[second.pk])}"' not in page and "其他单位事项" in page


def test_a_demand_made_once_has_no_repeat_section(client_for, people, assigned):
    response = client_for(people["officer"]).get(reverse("item", args=[assigned.pk]))
    assert response.context["repeats"] is None and 'id="repeats"' not in response.content.decode()


def test_review_flags_repeated_proposals_with_a_badge_and_link(client_for, people, chain):
    _, second, third = chain
    lone = Item.objects.create(text="做好社区养老服务", source=third.source, directive_index=1)
    response = client_for(people["officer"]).get(reverse("review", args=[third.source_id]))
    page = response.content.decode()
    card = page[page.index(f'id="p-{third.pk}"'):page.index(f'id="p-{lone.pk}"')]
    assert "再次交办" in card and f'href="{reverse("item", args=[second.pk])}"' in card
    assert "再次交办" not in page[page.index(f'id="p-{lone.pk}"'):]
