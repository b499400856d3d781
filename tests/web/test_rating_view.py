"""The item page's 销号 form asks for the 评价; the item shows it, the journal names the grade."""

import pytest
from django.urls import reverse

from duban.ledger import closing, services, workflow
from duban.ledger.models import Item, Journal

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(people, assigned):
    item = workflow.apply(assigned, "sign", people["liaison"])
    item = services.report_progress(item, people["liaison"], text="已完成").item
    return closing.submit(item, people["liaison"], completion="已完成")


def test_close_form_asks_for_a_rating(client_for, people, submitted):
    page = client_for(people["officer"]).get(reverse("item", args=[submitted.pk])).content.decode()
    assert 'id="rating-close"' in page and 'id="rating-note"' in page
    for value in ("good", "fair", "average", "poor"):
        assert f'id="rating-{value}"' in page
    assert page.count('name="rating" value=') == 4 and 'required' in page


def test_close_without_a_rating_is_refused_with_a_message(client_for, people, submitted):
    officer = client_for(people["officer"])
    response = officer.post(reverse("item-action", args=[submitted.pk, "close"]),
                            {"reason": "电话核实", "version": submitted.version})
    assert response.status_code == 400 and "销号须评价办理结果" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Item.Status.SUBMITTED


def test_close_with_a_rating_shows_it_on_the_item_and_in_the_journal(client_for, people, submitted):
    officer = client_for(people["officer"])
    response = officer.post(reverse("item-action", args=[submitted.pk, "close"]),
                            {"reason": "电话核实", "rating": "fair", "rating_note": "资料略欠完整",
                             "version": submitted.version})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.rating, submitted.rating_note) == ("closed", "fair", "资料略欠完整")
    page = officer.get(reverse("item", args=[submitted.pk])).content.decode()
    assert 'id="item-rating">较好</span> 资料略欠完整' in page
    assert '→ 较好' in page  # the journal line shows the grade's name, not its code
    assert Journal.objects.filter(item=submitted, field="rating", new="fair").exists()


def test_the_liaison_sees_the_rating_but_no_form(client_for, people, submitted):
    workflow.apply(submitted, "close", people["officer"], reason="现场核实", rating="good")
    page = client_for(people["liaison"]).get(reverse("item", args=[submitted.pk])).content.decode()
    assert 'id="item-rating">好</span>' in page and 'id="rating-close"' not in page


def test_ledger_rows_show_the_rating_of_closed_items_only(client_for, people, submitted):
    workflow.apply(submitted, "close", people["officer"], reason="现场核实", rating="poor")
    officer = client_for(people["officer"])
    badge = '<span class="badge rating poor" title="评价">差</span>'
    assert badge in officer.get(reverse("ledger")).content.decode()
    workflow.apply(Item.objects.get(pk=submitted.pk), "reopen", people["officer"], reason="群众反映未整改")
    assert 'class="badge rating' not in officer.get(reverse("ledger")).content.decode()
