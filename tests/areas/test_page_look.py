"""The areas pages as people read them: the shared base, links into items, messages for empty pages."""

import datetime as dt

import pytest
from django.urls import reverse

from duban.ledger.models import Item, Subject
from duban.ledger.subjects import resolve_subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(people, units):
    subject = Subject.objects.create(name="漓江路社区", kind=Subject.Kind.COMMUNITY, unit=units["community"])
    Item.objects.create(text="完善社区服务功能", subject=subject, lead_unit=units["community"],
                        status=Item.Status.ASSIGNED, deadline=dt.date(2030, 1, 1))
    return subject


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("name", ["areas:subjects", "areas:projects", "areas:stars"])
def test_pages_use_the_shared_base_with_one_message_list(client, people, name):
    html = page(client, people["officer"], reverse(name))
    assert 'class="nav"' in html and "web/duban.css" in html
    assert "<style>" not in html  # the look comes from the shared stylesheet


def test_subject_page_links_each_directive_to_its_item(client, people, subject):
    item = subject.items.get()
    html = page(client, people["liaison"], reverse("areas:subject", args=[subject.pk]))
    assert f'href="{reverse("item", args=[item.pk])}"' in html
    assert f'href="{reverse("ledger")}?subject={subject.pk}"' in html


def test_subject_history_is_in_words(client, people):
    created = resolve_subject("双汇第三工业园", user=people["officer"])
    html = page(client, people["officer"], reverse("areas:subject", args=[created.pk]))
    history = html[html.index("变更记录"):]
    assert "建立 · 名称" in history and "create" not in history


def test_empty_projects_page_tells_each_role_what_to_do(client, people):
    assert "建立项目台账" in page(client, people["officer"], reverse("areas:projects"))
    html = page(client, people["liaison"], reverse("areas:projects"))
    assert "暂无可查看的重大项目" in html and "建立项目台账" not in html


def test_liaisons_do_not_see_the_proposal_column(client, people, subject):
    assert "待审核" in page(client, people["officer"], reverse("areas:subjects"))
    assert "待审核" not in page(client, people["liaison"], reverse("areas:subjects"))


def test_star_page_says_once_when_no_item_is_tied_and_labels_the_rating_form(client, people, units):
    html = page(client, people["officer"], reverse("areas:star_unit", args=[units["community"].pk]))
    assert html.count("还没有事项对标到各星") == 1
    assert '<label for="id_star_' in html and '<label for="id_evidence_' in html
