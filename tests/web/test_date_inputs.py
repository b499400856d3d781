"""<input type=date> shows its value only when given as YYYY-MM-DD; zh-hans formats dates Y/m/d."""

import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.areas.models import Stage
from duban.areas.projects import create_project, set_plan
from duban.ledger.models import Subject

pytestmark = pytest.mark.django_db


def test_bulletin_period_is_prefilled(client_for, people):
    today = clock.today()
    page = client_for(people["officer"]).get(reverse("dashboard")).content.decode()
    assert f'type="date" name="until" value="{today.isoformat()}"' in page


def test_assign_deadline_is_prefilled(client_for, people, assigned):
    page = client_for(people["officer"]).get(reverse("item", args=[assigned.pk])).content.decode()
    assert f'value="{assigned.deadline.isoformat()}"' in page


def test_project_plan_dates_are_prefilled(client_for, people):
    project = create_project(Subject.objects.create(name="双汇第三工业园"), people["officer"])
    set_plan(project, people["officer"], {Stage.SIGNED: dt.date(2027, 3, 1)})
    page = client_for(people["officer"]).get(reverse("areas:project", args=[project.subject_id])).content.decode()
    assert 'value="2027-03-01"' in page
