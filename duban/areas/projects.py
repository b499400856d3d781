"""Major projects: the stage pipeline 谋划 → 签约 → 开工 → 在建 → 投产 → 达效, plans, lag, dashboard data.

Rules for a stage change (``change_stage``): officers only; a progress note and the actual date
are required; the date cannot be in the future nor before the date the project reached the
stage it leaves; moving back (a signed project falling through, a site stopped) needs a reason.
Moving forward over stages is allowed (签约 and 开工 on one day), the skipped ones get the date.
A project *lags* when a later stage than its current one was planned for a date already past.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from duban import clock
from duban.areas.models import STAGE_ORDER, ProjectProfile, ProjectStage, Stage, StageChange
from duban.ledger.models import Item, Journal, Subject, Unit, User, visible_units
from duban.ledger.services import require_office
from duban.ledger.workflow import InvalidTransition, ReasonRequired, WorkflowError


def _target(project: ProjectProfile) -> str:
    return f"ledger.subject:{project.subject_id}"


@transaction.atomic
def create_project(subject: Subject, user: User, *, owner_unit: Unit | None = None,
                   investment: Decimal | None = None, stage: str = Stage.PLANNING) -> ProjectProfile:
    """Open a 项目台账 card for a subject (which becomes of kind project)."""
    require_office(user, pgettext_lazy("refused action", "建立项目台账"))
    if ProjectProfile.objects.filter(subject=subject).exists():
        raise WorkflowError(_("“%(name)s”已有项目台账。") % {"name": subject.name})
    if subject.kind != Subject.Kind.PROJECT:
        Journal.record(user=user, target=f"ledger.subject:{subject.pk}", action="edit_subject", field="kind",
                       old=subject.kind, new=Subject.Kind.PROJECT)
        subject.kind = Subject.Kind.PROJECT
        subject.save(update_fields=["kind"])
    project = ProjectProfile.objects.create(subject=subject, owner_unit=owner_unit, investment=investment,
                                            current_stage=stage)
    ProjectStage.objects.bulk_create([ProjectStage(project=project, stage=s) for s in STAGE_ORDER])
    Journal.record(user=user, target=_target(project), action="create_project", field="current_stage",
                   new=stage)
    return project


def stage_rows(project: ProjectProfile) -> list[ProjectStage]:
    """One row per stage, in pipeline order (rows missing from old data are made on the fly)."""
    rows = {row.stage: row for row in project.stages.all()}
    return [rows.get(s) or ProjectStage(project=project, stage=s) for s in STAGE_ORDER]


@transaction.atomic
def set_plan(project: ProjectProfile, user: User, plans: dict[str, dt.date | None], *, reason: str = "") -> None:
    """Set planned dates by stage; each change journaled. Plans must not go backwards in time."""
    require_office(user, pgettext_lazy("refused action", "修改项目计划"))
    rows = {row.stage: row for row in stage_rows(project)}
    merged = {s: plans.get(s, rows[s].planned) for s in STAGE_ORDER}
    dated = [(s, d) for s, d in merged.items() if d is not None]
    for (earlier, earlier_date), (later, later_date) in zip(dated, dated[1:], strict=False):
        if later_date < earlier_date:
            raise WorkflowError(_("计划时间顺序有误：“%(later)s”早于“%(earlier)s”。")
                                % {"later": Stage(later).label, "earlier": Stage(earlier).label})
    for stage, planned in plans.items():
        if stage not in rows:
            raise WorkflowError(_("未知阶段：%(stage)s") % {"stage": stage})
        row = rows[stage]
        if row.planned != planned:
            Journal.record(user=user, target=_target(project), action="plan_stage", field=f"planned:{stage}",
                           old=row.planned or "", new=planned or "", reason=reason)
            row.planned = planned
            row.save()


@transaction.atomic
def change_stage(project: ProjectProfile, user: User, *, stage: str, actual: dt.date | None, note: str,
                 reason: str = "", today: dt.date | None = None) -> StageChange:
    """Move a project to ``stage`` as of ``actual`` with a progress note (see module rules)."""
    require_office(user, pgettext_lazy("refused action", "变更项目阶段"))
    project = ProjectProfile.objects.select_for_update().get(pk=project.pk)
    today = today or clock.today()
    if stage not in STAGE_ORDER:
        raise InvalidTransition(_("未知阶段：%(stage)s") % {"stage": stage})
    if stage == project.current_stage:
        raise InvalidTransition(_("项目已处于“%(stage)s”阶段。") % {"stage": Stage(stage).label})
    if not (note or "").strip():
        raise ReasonRequired(_("阶段变更需要填写进展情况。"))
    if actual is None:
        raise ReasonRequired(_("阶段变更需要填写实际时间。"))
    if actual > today:
        raise WorkflowError(_("实际时间不能晚于今天。"))
    old, new = project.stage_index, STAGE_ORDER.index(stage)
    rows = {row.stage: row for row in stage_rows(project)}
    if new < old:
        if not (reason or "").strip():
            raise ReasonRequired(_("阶段回退需要填写理由。"))
    else:
        reached = rows[project.current_stage].actual
        if reached and actual < reached:
            raise WorkflowError(_("实际时间不能早于进入“%(stage)s”的时间（%(reached)s）。")
                                % {"stage": project.get_current_stage_display(), "reached": reached})
        for skipped in STAGE_ORDER[old + 1: new + 1]:
            row = rows[skipped]
            if row.actual is None or skipped == stage:
                row.actual = actual
                row.save()
    change = StageChange.objects.create(project=project, old_stage=project.current_stage, new_stage=stage,
                                        actual=actual, note=note.strip(), reason=(reason or "").strip(), user=user)
    Journal.record(user=user, target=_target(project), action="change_stage", field="current_stage",
                   old=project.current_stage, new=stage, reason=reason or note)
    project.current_stage = stage
    project.save(update_fields=["current_stage", "updated_at"])
    return change


@dataclass(frozen=True)
class Lag:
    expected: str  # the latest stage whose planned date has passed
    missed: str  # the first stage after the current one whose planned date has passed
    planned: dt.date  # the planned date of ``missed``
    days: int  # days since ``missed`` should have been reached

    @property
    def expected_label(self) -> str:
        return Stage(self.expected).label

    @property
    def missed_label(self) -> str:
        return Stage(self.missed).label


def lag(project: ProjectProfile, today: dt.date | None = None) -> Lag | None:
    """How far behind plan a project is, or None when on plan."""
    today = today or clock.today()
    current = project.stage_index
    overdue = [row for row in stage_rows(project)
               if STAGE_ORDER.index(row.stage) > current and row.planned is not None and row.planned < today]
    if not overdue:
        return None
    latest = overdue[-1]
    first = overdue[0]
    return Lag(expected=latest.stage, missed=first.stage, planned=first.planned, days=(today - first.planned).days)


def open_problems(project: ProjectProfile):
    """The project's 问题清单: ledger items about it that are not finished."""
    return (Item.objects.in_ledger().filter(subject_id=project.subject_id)
            .exclude(status__in=Item.FINISHED))


def projects_visible_to(user: User):
    projects = ProjectProfile.objects.select_related("subject", "owner_unit").prefetch_related("stages")
    units = visible_units(user)
    if units is None:
        return projects
    if not units:
        return projects.none()
    item_subjects = Item.objects.visible_to(user).values("subject_id")
    return projects.filter(Q(owner_unit_id__in=units) | Q(subject_id__in=item_subjects)).distinct()


def dashboard_data(user: User | None = None, today: dt.date | None = None) -> dict:
    """Counts by stage and the lagging projects, for the dashboard chart.

    ``{"total": n, "by_stage": [{"stage", "label", "count"}...], "lagging": [{"subject_id",
    "name", "stage", "stage_label", "expected", "expected_label", "planned", "days_late",
    "owner_unit", "url"}...]}`` (lagging sorted by days late, worst first).
    """
    from django.urls import reverse

    projects = list(projects_visible_to(user) if user is not None else
                    ProjectProfile.objects.select_related("subject", "owner_unit").prefetch_related("stages"))
    counts = {s: 0 for s in STAGE_ORDER}
    lagging = []
    for project in projects:
        counts[project.current_stage] += 1
        behind = lag(project, today)
        if behind:
            lagging.append({
                "subject_id": project.subject_id, "name": project.subject.name,
                "stage": project.current_stage, "stage_label": str(project.get_current_stage_display()),
                "expected": behind.expected, "expected_label": str(behind.expected_label),
                "planned": behind.planned.isoformat(), "days_late": behind.days,
                "owner_unit": project.owner_unit.name if project.owner_unit else "",
                "url": reverse("areas:project", args=[project.subject_id]),
            })
    lagging.sort(key=lambda row: (-row["days_late"], row["name"]))
    return {
        "total": len(projects),
        "by_stage": [{"stage": s, "label": str(Stage(s).label), "count": counts[s]} for s in STAGE_ORDER],
        "lagging": lagging,
    }
