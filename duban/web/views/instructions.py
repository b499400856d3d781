"""Leaders on the item page and the ledger: 批示, 呈批 and 圈阅 (``duban.ledger.instructions``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.ledger import instructions, workflow
from duban.ledger.models import Item
from duban.web.access import get_item, visible_items
from duban.web.forms import InstructionForm, PresentForm
from duban.web.views.common import refusal

BULK_LIMIT = 50  # a ledger page's rows


def leader_context(user, item: Item, *, instruction_form=None, present_form=None) -> dict:
    """What the item page shows and offers about leaders: the 批示 (newest first), who 圈阅'd
    it, the open 呈批, and the forms this user may use."""
    open_item = instructions.takes_instructions(item)
    return {
        "instructions": item.instructions.select_related("leader", "recorded_by"),
        "readings": item.readings.select_related("user"),
        "open_requests": item.instruction_requests.filter(answer=None).select_related("leader"),
        "may_instruct": instructions.may_instruct(user) and open_item,
        "may_present": instructions.may_present(user) and open_item,
        "may_read": instructions.is_leader(user),
        "instruction_form": instruction_form or instruction_form_for(user, item),
        "present_form": present_form or PresentForm(),
    }


def instruction_form_for(user, item: Item, data=None) -> InstructionForm:
    """A leader's own form, or the office's with the leader to name; 重新打开 only when it can."""
    return InstructionForm(data, for_office=not instructions.is_leader(user), closed=instructions.reopenable(item))


def _again(request, item: Item, status: int, **forms):
    """The item page again, with the refused form and its errors."""
    from duban.web.views.items import item_context

    item.refresh_from_db()
    return render(request, "web/item.html", item_context(request, item, **forms), status=status)


@login_required
@require_POST
def item_instruct(request, pk: int):
    item = get_item(request.user, pk)
    _refuse_unless(instructions.authorize_instruct, request.user)
    form = instruction_form_for(request.user, item, request.POST)
    if not form.is_valid():
        return _again(request, item, 400, instruction_form=form)
    data = form.cleaned_data
    try:
        instructions.instruct(item, request.user, data["text"], leader=data.get("leader"),
                              reopen=data.get("reopen", False), priority=data["priority"])
    except workflow.WorkflowError as error:
        refusal(request, error)
        return _again(request, item, error.code, instruction_form=form)
    messages.success(request, _("批示已记录，已通知责任单位。"))
    return redirect(reverse("item", args=[item.pk]) + "#instructions")


@login_required
@require_POST
def item_present(request, pk: int):
    item = get_item(request.user, pk)
    _refuse_unless(instructions.authorize_present, request.user)
    form = PresentForm(request.POST)
    if not form.is_valid():
        return _again(request, item, 400, present_form=form)
    try:
        request_ = instructions.present(item, request.user, form.cleaned_data["leader"], form.cleaned_data["note"])
    except workflow.WorkflowError as error:
        refusal(request, error)
        return _again(request, item, error.code, present_form=form)
    messages.success(request, _("已呈%(leader)s批示。") % {"leader": instructions.name_of(request_.leader)})
    return redirect("item", pk=item.pk)


@login_required
@require_POST
def item_read(request, pk: int):
    item = get_item(request.user, pk)
    _refuse_unless(instructions.authorize_read, request.user)
    fresh = instructions.read(item, request.user)
    messages.success(request, _("已圈阅。") if fresh else _("您已圈阅过该事项。"))
    return redirect("item", pk=item.pk)


@login_required
@require_POST
def ledger_read(request):
    """圈阅 the items checked on a ledger page; back to the same page."""
    back = reverse("ledger") + "?" + request.POST.get("back", "")
    _refuse_unless(instructions.authorize_read, request.user)
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()][:BULK_LIMIT]
    items = list(visible_items(request.user).filter(pk__in=ids))
    if not items:
        messages.error(request, _("请先勾选要圈阅的事项。"))
        return redirect(back)
    count = instructions.read_many(items, request.user)
    messages.success(request, _("已圈阅 %(n)s 项。") % {"n": count})
    return redirect(back)


def _refuse_unless(authorize, user) -> None:
    """403 before anything about the request is looked at."""
    try:
        authorize(user)
    except workflow.NotAllowed as error:
        raise PermissionDenied(str(error)) from None
