"""The dashboard's work-area panels: projects by stage, lagging projects, the 五星 summary."""

import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.areas import stars
from duban.areas.models import Stage, StarScheme
from duban.areas.projects import create_project, set_plan
from duban.ledger.models import Subject, Unit
from tests.web.test_dashboard_view import chart_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(people, units):
    today = clock.today()
    late = create_project(Subject.objects.create(name="双汇第三工业园"), people["officer"], owner_unit=units["town"])
    set_plan(late, people["officer"], {Stage.SIGNED: today - dt.timedelta(days=40)})
    on_time = create_project(Subject.objects.create(name="正大绿色循环经济产业园"), people["officer"])
    set_plan(on_time, people["officer"], {Stage.SIGNED: today + dt.timedelta(days=40)})
    return {"late": late, "on_time": on_time}


def test_projects_by_stage_chart_opens_the_projects_page(client_for, people, projects):
    response = client_for(people["officer"]).get(reverse("dashboard"))
    stages = chart_data(response)["stages"]
    assert [s["label"] for s in stages] == [str(s.label) for s in Stage]
    planning = next(s for s in stages if s["stage"] == Stage.PLANNING)
    assert planning["count"] == 2 and sum(s["count"] for s in stages) == 2
    assert planning["url"] == reverse("areas:projects") + "#stage-planning"
    # The anchor the bar points at exists on the projects page.
    page = client_for(people["officer"]).get(reverse("areas:projects")).content.decode()
    assert 'id="stage-planning"' in page and 'id="lagging"' in page


def test_lagging_list_links_each_late_project(client_for, people, projects):
    response = client_for(people["officer"]).get(reverse("dashboard"))
    lagging = response.context["projects"]["lagging"]
    assert [p["name"] for p in lagging] == ["双汇第三工业园"]
    assert lagging[0]["days_late"] == 40
    page = response.content.decode()
    assert f'href="{reverse("areas:project", args=[projects["late"].subject_id])}"' in page
    assert f'href="{reverse("areas:project", args=[projects["on_time"].subject_id])}"' not in page


def test_no_projects_says_so_instead_of_an_empty_chart(client_for, people):
    response = client_for(people["leader"]).get(reverse("dashboard"))
    page = response.content.decode()
    assert response.context["projects"]["total"] == 0
    assert 'id="chart-stages"' not in page and "还没有建立项目台账" in page


def test_star_tile_counts_branches_by_level(client_for, people, units):
    year = clock.today().year
    urban = list(StarScheme.objects.get(unit_kind=Unit.Kind.COMMUNITY).stars.all())
    stars.rate(units["community"], year, people["officer"], {urban[0].pk: (True, "班子坚强"), urban[1].pk: (True, "")})
    Unit.objects.create(name="烟厂社区", kind=Unit.Kind.COMMUNITY, parent=units["town"])
    response = client_for(people["officer"]).get(reverse("dashboard"))
    tile = response.context["stars"]
    community = next(s for s in tile["schemes"] if s["name"] == StarScheme.objects.get(unit_kind="community").name)
    assert dict(community["levels"])[2] == 1 and community["rated"] == 1 and community["unrated"] == 1
    assert tile["url"] == f"{reverse('areas:stars')}?year={year}"
    assert f'href="{tile["url"]}"' in response.content.decode()
