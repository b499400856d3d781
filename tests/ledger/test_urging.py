"""催办: who may urge which items, the journal line, and the notice through duban.notify."""

import datetime as dt

import pytest
from django.core import mail

from duban import clock
from duban.ledger import urging, workflow
from duban.ledger.models import Item, Journal
from duban.notify.models import Delivery

pytestmark = pytest.mark.django_db
S = Item.Status


@pytest.fixture
def overdue(units, settings):
    settings.DUBAN_ESCALATE_DAYS = 7
    return Item.objects.create(text="要加快老旧小区改造", status=S.IN_PROGRESS, lead_unit=units["town"],
                               deadline=clock.today() - dt.timedelta(days=9))


def test_urge_is_journaled_with_note_and_escalation_level(overdue, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = urging.urge(overdue, people["officer"], "  请今天内报送进展  ")
    assert (entry.action, entry.field, entry.new, entry.reason) == ("urge", "escalation", "2", "请今天内报送进展")
    assert entry.user == people["officer"] and urging.urge_count(overdue) == 1


def test_urge_notifies_the_lead_units_liaisons(overdue, people, units, django_capture_on_commit_callbacks):
    people["liaison"].email = "liaison@example.cn"
    people["liaison"].save()
    with django_capture_on_commit_callbacks(execute=True):
        urging.urge(overdue, people["officer"], "请今天内报送进展")
    delivery = Delivery.objects.get()
    assert (delivery.event, delivery.user, delivery.status) == ("urge", people["liaison"], Delivery.Status.SENT)
    assert "已超期 9 天" in delivery.text and "请今天内报送进展" in delivery.text
    assert "催办" in mail.outbox[0].subject


@pytest.mark.parametrize("role", ["liaison", "leader", "stranger"])
def test_only_the_office_urges(overdue, people, role):
    with pytest.raises(workflow.NotAllowed):
        urging.urge(overdue, people[role])
    assert not Journal.objects.filter(action="urge").exists() and not Delivery.objects.exists()


@pytest.mark.parametrize("status", [S.PROPOSED, S.ACCEPTED, S.CLOSED, S.REJECTED])
def test_only_items_being_worked_on_are_urged(overdue, people, status):
    Item.objects.filter(pk=overdue.pk).update(status=status)
    overdue.refresh_from_db()
    with pytest.raises(workflow.InvalidTransition):
        urging.urge(overdue, people["officer"])


def test_urge_many_is_all_or_nothing(overdue, people, units):
    closed = Item.objects.create(text="已办结事项", status=S.CLOSED, lead_unit=units["town"])
    with pytest.raises(workflow.InvalidTransition):
        urging.urge_many([overdue, closed], people["officer"])
    assert urging.urge_count(overdue) == 0
    other = Item.objects.create(text="要做好秋粮收储", status=S.ASSIGNED, lead_unit=units["other"],
                                deadline=clock.today())
    assert len(urging.urge_many([overdue, other], people["officer"], "加快")) == 2
    assert urging.urge_count(overdue) == urging.urge_count(other) == 1
