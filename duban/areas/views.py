"""Pages: subjects, major projects, 五星 ratings. Officers edit; others read what their role lets them see."""

from __future__ import annotations

from collections import defaultdict
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from duban import clock
from duban.areas import projects as project_rules
from duban.areas import stars as star_rules
from duban.areas.forms import MergeForm, PlanForm, ProjectForm, RatingForm, StageChangeForm, TieForm
from duban.areas.models import STAGE_ORDER, ProjectProfile, Stage, StarRating
from duban.areas.subjects import merge_subjects, subjects_visible_to
from duban.ledger.models import Item, Journal, Subject, Unit
from duban.ledger.subjects import find_subject, surviving
from duban.ledger.workflow import WorkflowError


def office_only(view):
    """POST endpoints that change data: 督查室 only (403 for everyone else who is logged in)."""

    @wraps(view)
    @login_required
    @require_POST
    def wrapped(request, *args, **kwargs):
        if not request.user.is_office:
            raise PermissionDenied(_("只有督查室可以执行此操作。"))
        return view(request, *args, **kwargs)

    return wrapped


ACTION_LABELS = {
    "create": _l("建立"), "merge_subject": _l("合并对象"), "create_project": _l("建立项目台账"), "plan_stage": _l("修改计划"),
    "change_stage": _l("变更阶段"), "edit_project": _l("修改台账"), "edit_subject": _l("修改对象"),
}
FIELD_LABELS = {"name": _l("名称"), "current_stage": _l("当前阶段"), "merged_from": _l("并入"), "merged_into": _l("合并到"),
                "kind": _l("类型"), "owner_unit": _l("责任单位"), "investment": _l("总投资"),
                "description": _l("建设内容"), "alias": _l("别名"), "unit": _l("单位")}


def _readable(entry: Journal) -> dict:
    """A journal line in words: stage codes as 谋划/签约…, planned:<stage> as 计划（签约）."""
    def value(v):
        return Stage(v).label if v in STAGE_ORDER else v

    field = entry.field
    if field.startswith("planned:") and field[8:] in STAGE_ORDER:
        field_label = _("计划时间（%(stage)s）") % {"stage": Stage(field[8:]).label}
    else:
        field_label = FIELD_LABELS.get(field, field)
    return {"at": entry.at, "user": entry.username, "action": ACTION_LABELS.get(entry.action, entry.action),
            "field": field_label, "old": value(entry.old), "new": value(entry.new), "reason": entry.reason}


def _form_errors(form) -> str:
    return "；".join(f"{form.fields[f].label if f in form.fields else ''}{' '.join(e)}"
                    for f, e in form.errors.items())


# --- subjects -------------------------------------------------------------------

@login_required
def subject_list(request):
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    subjects = subjects_visible_to(request.user)
    if query:
        subjects = subjects.filter(Q(name__contains=query) | Q(aliases__alias__contains=query)).distinct()
    if kind in Subject.Kind.values:
        subjects = subjects.filter(kind=kind)
    subjects = subjects.annotate(
        item_count=Count("items", filter=~Q(items__status__in=Item.NOT_IN_LEDGER), distinct=True),
        open_count=Count("items", filter=~Q(items__status__in=Item.NOT_IN_LEDGER + Item.FINISHED), distinct=True),
        proposal_count=Count("items", filter=Q(items__status=Item.Status.PROPOSED), distinct=True),
    ).order_by("name")
    page = Paginator(subjects, 50).get_page(request.GET.get("page"))
    return render(request, "areas/subject_list.html", {
        "page": page, "query": query, "kind": kind, "kinds": Subject.Kind.choices,
    })


def _visible_subject(request, pk) -> Subject:
    subject = get_object_or_404(Subject, pk=pk)
    if subject.merged_into_id is None and not subjects_visible_to(request.user).filter(pk=pk).exists():
        raise Http404
    return subject


@login_required
def subject_detail(request, pk):
    subject = _visible_subject(request, pk)
    if subject.merged_into_id is not None:
        return redirect("areas:subject", pk=surviving(subject).pk)
    items = (Item.objects.visible_to(request.user).filter(subject=subject)
             .exclude(status=Item.Status.MERGED)
             .select_related("source", "lead_unit").prefetch_related("repeat_of", "repeated_by")
             .order_by("-source__event_date", "-source__imported_at", "directive_index", "id"))
    by_source = defaultdict(list)
    for item in items:
        by_source[item.source].append(item)
    return render(request, "areas/subject_detail.html", {
        "subject": subject,
        "by_source": list(by_source.items()),
        "aliases": subject.aliases.order_by("alias"),
        "project": ProjectProfile.objects.filter(subject=subject).first(),
        "merge_form": MergeForm(),
        "history": [_readable(e) for e in
                    Journal.objects.filter(target=f"ledger.subject:{subject.pk}").order_by("-at", "-id")[:30]],
    })


@office_only
def subject_merge(request, pk):
    source = get_object_or_404(Subject, pk=pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("areas:subject", pk=pk)
    target_name = form.cleaned_data["target"].strip()
    target = Subject.objects.filter(name=target_name).first()
    if target is None:
        match = find_subject(target_name)
        target = match.subject if match else None
    if target is None:
        messages.error(request, _("找不到对象“%(name)s”。") % {"name": target_name})
        return redirect("areas:subject", pk=pk)
    try:
        into = merge_subjects(source, target, request.user, reason=form.cleaned_data["reason"])
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("areas:subject", pk=pk)
    messages.success(request, _("已将“%(a)s”合并到“%(b)s”。") % {"a": source.name, "b": into.name})
    return redirect("areas:subject", pk=into.pk)


# --- projects -------------------------------------------------------------------

@login_required
def project_list(request):
    today = clock.today()
    projects = list(project_rules.projects_visible_to(request.user).order_by("subject__name"))
    columns = {stage: [] for stage in STAGE_ORDER}
    lagging = []
    for project in projects:
        project.lag = project_rules.lag(project, today)
        columns[project.current_stage].append(project)
        if project.lag:
            lagging.append(project)
    lagging.sort(key=lambda p: -p.lag.days)
    return render(request, "areas/project_list.html", {
        "columns": [(s, Stage(s).label, columns[s]) for s in STAGE_ORDER],
        "lagging": lagging, "total": len(projects),
    })


def _visible_project(request, subject_id) -> ProjectProfile:
    project = project_rules.projects_visible_to(request.user).filter(subject_id=subject_id).first()
    if project is None:
        raise Http404
    return project


@login_required
def project_detail(request, subject_id):
    project = _visible_project(request, subject_id)
    today = clock.today()
    rows = project_rules.stage_rows(project)
    current = project.stage_index
    timeline = [{
        "label": row.get_stage_display(), "planned": row.planned, "actual": row.actual,
        "state": "done" if i < current else "current" if i == current else "todo",
        "late": i > current and row.planned is not None and row.planned < today,
    } for i, row in enumerate(rows)]
    problems = (project_rules.open_problems(project).filter(pk__in=Item.objects.visible_to(request.user))
                .select_related("lead_unit"))
    return render(request, "areas/project_detail.html", {
        "project": project, "timeline": timeline, "lag": project_rules.lag(project, today),
        "problems": problems, "changes": project.changes.select_related("user")[:50],
        "stage_form": StageChangeForm(initial={"actual": today,
                                               "stage": STAGE_ORDER[min(current + 1, len(STAGE_ORDER) - 1)]}),
        "plan_form": PlanForm(initial={row.stage: row.planned for row in rows}),
        "project_form": ProjectForm(instance=project),
    })


@office_only
def project_create(request, subject_id):
    subject = get_object_or_404(Subject, pk=subject_id)
    try:
        project_rules.create_project(subject, request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("areas:subject", pk=subject_id)
    return redirect("areas:project", subject_id=subject_id)


@office_only
def project_stage(request, subject_id):
    project = get_object_or_404(ProjectProfile, subject_id=subject_id)
    form = StageChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("areas:project", subject_id=subject_id)
    try:
        project_rules.change_stage(project, request.user, **form.cleaned_data)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("阶段已变更。"))
    return redirect("areas:project", subject_id=subject_id)


@office_only
def project_plan(request, subject_id):
    project = get_object_or_404(ProjectProfile, subject_id=subject_id)
    before = {field: getattr(project, field) for field in ProjectForm.Meta.fields}  # is_valid() mutates
    plan_form, project_form = PlanForm(request.POST), ProjectForm(request.POST, instance=project)
    if not (plan_form.is_valid() and project_form.is_valid()):
        messages.error(request, _form_errors(plan_form) or _form_errors(project_form))
        return redirect("areas:project", subject_id=subject_id)
    try:
        with transaction.atomic():  # plan and card together, or neither
            project_rules.set_plan(project, request.user, plan_form.cleaned_data)
            for field in project_form.changed_data:
                Journal.record(user=request.user, target=f"ledger.subject:{subject_id}", action="edit_project",
                               field=field, old=before[field] or "", new=project_form.cleaned_data[field] or "")
            project_form.save()
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("项目台账已保存。"))
    return redirect("areas:project", subject_id=subject_id)


# --- 五星 -------------------------------------------------------------------------

def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return clock.today().year


@login_required
def star_summary(request):
    year = _year(request)
    units = star_rules.units_visible_to(request.user).order_by("kind", "name")
    ratings = {r.unit_id: r for r in StarRating.objects.filter(year=year, unit__in=units)
               .prefetch_related("awards__star")}
    years = sorted(set(StarRating.objects.values_list("year", flat=True)) | {year}, reverse=True)
    return render(request, "areas/star_summary.html", {
        "year": year, "years": years, "summary": star_rules.summary(year, request.user),
        "rows": [(unit, ratings.get(unit.pk)) for unit in units],
    })


@login_required
def star_unit(request, unit_id):
    unit = get_object_or_404(star_rules.units_visible_to(request.user), pk=unit_id)
    scheme = star_rules.scheme_for(unit)
    stars = list(scheme.stars.all())
    ratings = list(unit.star_ratings.prefetch_related("awards").select_related("rated_by").order_by("-year"))
    grid = []
    for rating in ratings:
        awarded = {a.star_id: a for a in rating.awards.all()}
        grid.append((rating, [(star, awarded.get(star.pk)) for star in stars]))
    visible = set(Item.objects.visible_to(request.user).values_list("pk", flat=True))
    behind = [(star, [item for item in items if item.pk in visible])
              for star, items in star_rules.items_behind_stars(unit).items()]
    year = _year(request)
    current = next((r for r in ratings if r.year == year), None)
    initial = {"year": year}
    if current:
        for award in current.awards.all():
            initial[f"star_{award.star_id}"] = award.awarded
            initial[f"evidence_{award.star_id}"] = award.evidence
    return render(request, "areas/star_unit.html", {
        "unit": unit, "scheme": scheme, "stars": stars, "grid": grid, "behind": behind,
        "any_behind": any(items for _, items in behind),
        "form": RatingForm(initial=initial, stars=stars), "year": year,
        "tie_form": TieForm(items=star_rules.items_of_unit(unit).exclude(status__in=Item.FINISHED),
                            stars=scheme.stars.all()),
    })


@office_only
def star_rate(request, unit_id):
    unit = get_object_or_404(Unit, pk=unit_id, kind__in=star_rules.RATED_KINDS)
    form = RatingForm(request.POST, stars=star_rules.scheme_for(unit).stars.all())
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("areas:star_unit", unit_id=unit_id)
    try:
        rating = star_rules.rate(unit, form.cleaned_data["year"], request.user, form.awards())
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("areas:star_unit", unit_id=unit_id)
    messages.success(request, _("%(year)s 年度评定已保存：%(level)s 星。") % {"year": rating.year, "level": rating.level})
    return redirect(f"{reverse('areas:star_unit', args=[unit_id])}?year={rating.year}")


@office_only
def star_tie(request, unit_id):
    unit = get_object_or_404(Unit, pk=unit_id, kind__in=star_rules.RATED_KINDS)
    form = TieForm(request.POST, items=star_rules.items_of_unit(unit),
                   stars=star_rules.scheme_for(unit).stars.all())
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        star_rules.tie_item(form.cleaned_data["item"], form.cleaned_data["star"], request.user,
                            tied=not form.cleaned_data["untie"])
    return redirect("areas:star_unit", unit_id=unit_id)
