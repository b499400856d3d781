import datetime as dt
from decimal import Decimal

import pytest

from duban.areas.models import ProjectStage, Stage, StageChange
from duban.areas.projects import change_stage, create_project, dashboard_data, lag, open_problems, set_plan
from duban.ledger.models import Item, Journal, Subject
from duban.ledger.workflow import InvalidTransition, NotAllowed, ReasonRequired, WorkflowError

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def project(people, units):
    subject = Subject.objects.create(name="正大绿色循环经济产业园")
    return create_project(subject, people["officer"], owner_unit=units["dept"], investment=Decimal("12.5"))


def dates(project):
    return {row.stage: row.actual for row in ProjectStage.objects.filter(project=project)}


def test_create_makes_the_subject_a_project_with_six_stages(project):
    assert project.subject.kind == Subject.Kind.PROJECT
    assert project.current_stage == Stage.PLANNING
    assert ProjectStage.objects.filter(project=project).count() == 6


def test_forward_change_needs_note_and_date_and_is_journaled(project, people):
    officer = people["officer"]
    with pytest.raises(ReasonRequired):
        change_stage(project, officer, stage=Stage.SIGNED, actual=TODAY, note=" ", today=TODAY)
    with pytest.raises(ReasonRequired):
        change_stage(project, officer, stage=Stage.SIGNED, actual=None, note="已签约", today=TODAY)
    with pytest.raises(WorkflowError):
        change_stage(project, officer, stage=Stage.SIGNED, actual=TODAY + dt.timedelta(days=1), note="已签约",
                     today=TODAY)
    change_stage(project, officer, stage=Stage.SIGNED, actual=dt.date(2026, 3, 1), note="已签约", today=TODAY)
    project.refresh_from_db()
    assert project.current_stage == Stage.SIGNED
    assert dates(project)[Stage.SIGNED] == dt.date(2026, 3, 1)
    entry = Journal.objects.get(action="change_stage")
    assert (entry.target, entry.old, entry.new) == (f"ledger.subject:{project.subject_id}", "planning", "signed")


def test_skipping_forward_dates_the_skipped_stages(project, people):
    change_stage(project, people["officer"], stage=Stage.BUILDING, actual=dt.date(2026, 5, 1),
                 note="签约当月即开工，目前主体施工", today=TODAY)
    got = dates(project)
    assert got[Stage.SIGNED] == got[Stage.STARTED] == got[Stage.BUILDING] == dt.date(2026, 5, 1)
    assert got[Stage.PRODUCING] is None


def test_actual_date_cannot_precede_the_current_stage(project, people):
    change_stage(project, people["officer"], stage=Stage.SIGNED, actual=dt.date(2026, 5, 1), note="签约",
                 today=TODAY)
    with pytest.raises(WorkflowError):
        change_stage(project, people["officer"], stage=Stage.STARTED, actual=dt.date(2026, 4, 1), note="开工",
                     today=TODAY)


def test_going_back_needs_a_reason(project, people):
    officer = people["officer"]
    change_stage(project, officer, stage=Stage.STARTED, actual=dt.date(2026, 5, 1), note="开工", today=TODAY)
    with pytest.raises(ReasonRequired):
        change_stage(project, officer, stage=Stage.SIGNED, actual=TODAY, note="停工", today=TODAY)
    change_stage(project, officer, stage=Stage.SIGNED, actual=TODAY, note="停工整改", reason="环评未通过",
                 today=TODAY)
    project.refresh_from_db()
    assert project.current_stage == Stage.SIGNED
    assert StageChange.objects.filter(project=project).first().reason == "环评未通过"
    with pytest.raises(InvalidTransition):
        change_stage(project, officer, stage=Stage.SIGNED, actual=TODAY, note="x", today=TODAY)


def test_only_officers_change_stages(project, people):
    with pytest.raises(NotAllowed):
        change_stage(project, people["liaison"], stage=Stage.SIGNED, actual=TODAY, note="x", today=TODAY)
    project.refresh_from_db()
    assert project.current_stage == Stage.PLANNING


def test_plan_must_be_in_order(project, people):
    with pytest.raises(WorkflowError):
        set_plan(project, people["officer"], {Stage.SIGNED: dt.date(2026, 6, 1), Stage.STARTED: dt.date(2026, 5, 1)})
    set_plan(project, people["officer"], {Stage.SIGNED: dt.date(2026, 5, 1), Stage.STARTED: dt.date(2026, 6, 1)})
    assert Journal.objects.filter(action="plan_stage").count() == 2


def test_behind_plan_is_flagged_and_counted_for_the_dashboard(project, people, units):
    on_plan = create_project(Subject.objects.create(name="召陵区养老服务中心"), people["officer"])
    set_plan(on_plan, people["officer"], {Stage.SIGNED: TODAY + dt.timedelta(days=30)})
    set_plan(project, people["officer"], {Stage.SIGNED: dt.date(2026, 3, 1), Stage.STARTED: dt.date(2026, 9, 1),
                                          Stage.PRODUCING: dt.date(2027, 6, 1)})
    change_stage(project, people["officer"], stage=Stage.SIGNED, actual=dt.date(2026, 3, 5), note="签约",
                 today=TODAY)
    project.refresh_from_db()
    behind = lag(project, TODAY)
    assert behind.expected == Stage.STARTED and behind.days == (TODAY - dt.date(2026, 9, 1)).days
    assert lag(on_plan, TODAY) is None

    data = dashboard_data(today=TODAY)
    counts = {row["stage"]: row["count"] for row in data["by_stage"]}
    assert counts == {"planning": 1, "signed": 1, "started": 0, "building": 0, "producing": 0, "effective": 0}
    assert [row["name"] for row in data["lagging"]] == ["正大绿色循环经济产业园"]
    assert data["lagging"][0]["expected_label"] == "开工"
    # A liaison of an unrelated unit sees no projects at all.
    assert dashboard_data(people["stranger"], today=TODAY)["total"] == 0


def test_open_problems_are_the_unfinished_ledger_items_of_the_subject(project):
    subject = project.subject
    open_item = Item.objects.create(text="做好周边环境整治", subject=subject, status=Item.Status.ASSIGNED)
    Item.objects.create(text="已办结", subject=subject, status=Item.Status.CLOSED)
    Item.objects.create(text="待审核", subject=subject, status=Item.Status.PROPOSED)
    assert list(open_problems(project)) == [open_item]
