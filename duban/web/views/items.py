"""One item: its sentence in context, journal, progress with evidence, and the allowed actions."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.ledger import closing, evidence_files, services, urging, workflow
from duban.ledger.models import Evidence, Extension, Item, Rating
from duban.web.access import get_item, visible_items
from duban.web.forms import AssignForm, ClosingReportForm, ExtensionForm, ItemPageEditForm, ProgressForm
from duban.web.marks import attach_marks
from duban.web.repeats import repeat_history
from duban.web.views.common import default_deadline_for, refusal, version_of
from duban.web.views.instructions import leader_context

PROGRESS_STATUSES = (Item.Status.SIGNED, Item.Status.IN_PROGRESS)
# The edit form's ids differ from the assign form's: both show on an item not yet assigned.
EDIT_IDS = "edit_%s"
EXTENDABLE = (Item.Status.ASSIGNED, Item.Status.SIGNED, Item.Status.IN_PROGRESS, Item.Status.SUBMITTED)


def item_context(request, item: Item, **forms) -> dict:
    user = request.user
    attach_marks([item])  # 已延期 (the deadline before it) and 被退回 (the reason)
    # Each step with what this item asks of it now: a reason (销号 without evidence), or a
    # condition not met yet (申请销号 before any progress report), shown beside its button.
    actions = [{"name": t.name, "label": t.label, "needs_reason": bool(t.reason_prompt(item)),
                "why_reason": "" if t.needs_reason else t.reason_prompt(item), "unmet": t.unmet(item),
                "rates": t.rates, "needs_report": t.needs_report}
               for t in workflow.allowed_actions(user, item)]
    is_lead = workflow.may(user, workflow.LEAD, item)
    is_member = workflow.may(user, workflow.MEMBER, item)
    context = {
        "item": item, "light": item.light(), "sentence": item.source_sentence(), "actions": actions,
        "journal": item.journal.select_related("user").order_by("at", "id"),
        "progress": item.progress.select_related("author", "unit").prefetch_related("evidence"),
        "extensions": item.extensions.select_related("requested_by", "decided_by"),
        "may_report": is_member and item.status in PROGRESS_STATUSES,
        "may_extend": is_lead and item.status in EXTENDABLE,
        "may_edit": user.is_office and item.status not in Item.FINISHED,
        "repeats": repeat_history(item, user),
        "co_units": list(item.co_units.all()),
        "may_urge": user.is_office and item.status in Item.ACTIVE,
        "urges": urging.urge_count(item),
        "escalation": item.escalation(),
        "ratings": Rating.choices,
        # The 办结报告 the office reads when it decides 销号 (the latest one filed).
        "closing_report": closing.latest(item),
    }
    context["closing_form"] = forms.get("closing_form") or ClosingReportForm()
    context.update(leader_context(user, item, instruction_form=forms.get("instruction_form"),
                                  present_form=forms.get("present_form")))  # 批示, 圈阅, 呈批
    context["progress_form"] = forms.get("progress_form") or ProgressForm()
    context["extension_form"] = forms.get("extension_form") or ExtensionForm()
    co_units = [u.pk for u in context["co_units"]]
    context["assign_form"] = forms.get("assign_form") or AssignForm(initial={
        "lead_unit": item.lead_unit_id or item.suggested_unit_id,
        "co_units": co_units or list(item.suggested_co_units.values_list("pk", flat=True)),
        "deadline": item.deadline or default_deadline_for(item), "leader_in_charge": item.leader_in_charge})
    context["edit_form"] = forms.get("edit_form") or ItemPageEditForm(auto_id=EDIT_IDS, initial={
        "text": item.text, "speaker": item.speaker, "subject_name": item.subject_name, "topic": item.topic,
        "lead_unit": item.lead_unit_id, "co_units": co_units, "leader_in_charge": item.leader_in_charge,
        "deadline": item.deadline, "priority": item.priority})
    return context


@login_required
def item_detail(request, pk: int):
    item = get_item(request.user, pk)
    return render(request, "web/item.html", item_context(request, item))


def _answer(request, item, error: workflow.WorkflowError, **forms):
    """Show the item again with the refusal; a stale version answers 409 Conflict."""
    refusal(request, error)  # raises PermissionDenied for NotAllowed
    item.refresh_from_db()
    return render(request, "web/item.html", item_context(request, item, **forms), status=error.code)


@login_required
@require_POST
def item_action(request, pk: int, action: str):
    item = get_item(request.user, pk)
    changes = {}
    if action == "assign":
        form = AssignForm(request.POST)
        if not form.is_valid():
            return render(request, "web/item.html", item_context(request, item, assign_form=form), status=400)
        changes = {k: v for k, v in form.cleaned_data.items() if k != "leader_in_charge" or v}
    if action == "submit":
        return _submit(request, item)
    try:
        workflow.apply(item, action, request.user, reason=request.POST.get("reason", ""),
                       version=version_of(request), rating=request.POST.get("rating", ""),
                       rating_note=request.POST.get("rating_note", "")[:1000], **changes)
    except workflow.WorkflowError as error:
        return _answer(request, item, error)
    if action == "decline":
        # The item has left the unit: its page is no longer the liaison's to see.
        messages.success(request, _("已退回督查室重新交办：%(text)s") % {"text": item.text[:30]})
        return redirect(reverse("home"))
    messages.success(request, _("已%(label)s。") % {"label": _(workflow.TRANSITIONS[action].label)})
    return redirect("item", pk=item.pk)


def _submit(request, item: Item):
    """申请销号 with its 办结报告."""
    try:
        workflow.authorize(request.user, "submit", item)  # a refused user gets 403 whatever the form holds
    except workflow.WorkflowError as error:
        return _answer(request, item, error)
    form = ClosingReportForm(request.POST)
    if not form.is_valid():
        return render(request, "web/item.html", item_context(request, item, closing_form=form), status=400)
    try:
        closing.submit(item, request.user, version=version_of(request), **form.cleaned_data)
    except workflow.WorkflowError as error:
        return _answer(request, item, error, closing_form=form)
    messages.success(request, _("已申请销号，办结报告已报送。"))
    return redirect("item", pk=item.pk)


@login_required
@require_POST
def item_urge(request, pk: int):
    item = get_item(request.user, pk)
    try:
        urging.urge(item, request.user, request.POST.get("note", "")[:500])
    except workflow.WorkflowError as error:
        return _answer(request, item, error)
    messages.success(request, _("已催办，已通知责任单位。"))
    return redirect("item", pk=item.pk)


def _form_step(request, pk: int, form_class, slot: str, step, done: str):
    """A form posted on the item page: the page again with the form's errors (400) or with the
    refusal, else ``step(item, cleaned_data)`` taken and back to the item saying ``done``."""
    item = get_item(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return render(request, "web/item.html", item_context(request, item, **{slot: form}), status=400)
    try:
        step(item, form.cleaned_data)
    except workflow.WorkflowError as error:
        return _answer(request, item, error, **{slot: form})
    messages.success(request, done)
    return redirect("item", pk=item.pk)


@login_required
@require_POST
def item_edit(request, pk: int):
    def edit(item, data):
        workflow.edit(item, request.user, reason=request.POST.get("reason", ""), version=version_of(request), **data)

    return _form_step(request, pk, partial(ItemPageEditForm, auto_id=EDIT_IDS), "edit_form", edit, _("已保存修改。"))


@login_required
@require_POST
def item_progress(request, pk: int):
    def report(item, data):
        services.report_progress(item, request.user, files=request.FILES.getlist("files"),
                                 version=version_of(request), **data)

    return _form_step(request, pk, ProgressForm, "progress_form", report, _("进展已报送。"))


@login_required
@require_POST
def item_extension(request, pk: int):
    def ask(item, data):
        services.request_extension(item, request.user, **data)

    return _form_step(request, pk, ExtensionForm, "extension_form", ask, _("延期申请已提交。"))


@login_required
@require_POST
def extension_decide(request, pk: int):
    extension = get_object_or_404(Extension.objects.select_related("item"), pk=pk)
    item = get_item(request.user, extension.item_id)
    try:
        services.decide_extension(extension, request.user, approve=request.POST.get("approve") == "1",
                                  reason=request.POST.get("reason", ""))
    except workflow.WorkflowError as error:
        return _answer(request, item, error)
    messages.success(request, _("已处理延期申请。"))
    return redirect("item", pk=item.pk)


def _visible_evidence(user, pk: int) -> Evidence:
    """Evidence is served only to people who may see its item (files live outside the web root)."""
    evidence = get_object_or_404(Evidence.objects.select_related("progress"), pk=pk)
    if not visible_items(user).filter(pk=evidence.progress.item_id).exists():
        raise Http404
    return evidence


@login_required
def evidence_download(request, pk: int):
    return evidence_files.download(_visible_evidence(request.user, pk))


@login_required
def evidence_preview(request, pk: int):
    """An image or PDF inline, for the item page's thumbnail and viewer; 404 for other types."""
    return evidence_files.preview(_visible_evidence(request.user, pk))


@login_required
def evidence_thumbnail(request, pk: int):
    """A small JPEG of an image or of a PDF's first page; 404 for other types."""
    return evidence_files.thumbnail(_visible_evidence(request.user, pk))
