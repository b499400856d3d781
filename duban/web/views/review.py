"""Import a report and review its proposals: accept, edit, split, merge, reject, assign."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.errors import InputError
from duban.ledger import services, workflow
from duban.ledger.models import Item, Source, Unit
from duban.web.access import office_required
from duban.web.forms import ImportForm, ItemEditForm
from duban.web.repeats import with_earlier
from duban.web.views.common import default_deadline_for, is_htmx, refusal, version_of

SOURCES_PER_PAGE = 50


@office_required
def import_page(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            source, created = _import(form.cleaned_data, request.user)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            if not created:
                messages.warning(request, _("这篇报道已导入过，已打开原有的审核页。"))
            url = reverse("review", args=[source.pk])
            if is_htmx(request):
                response = render(request, "web/partials/import_done.html", {"url": url})
                response["HX-Redirect"] = url
                return response
            return redirect(url)
    template = "web/partials/import_form.html" if is_htmx(request) else "web/import.html"
    return render(request, template, {"form": form}, status=400 if form.errors else 200)


def _import(data, user):
    if data.get("url"):
        return services.import_url(data["url"], user=user)
    if data.get("file"):
        upload = data["file"]
        return services.import_report(upload.read(), origin=Source.Origin.FILE, location=upload.name, user=user)
    return services.import_report(data["text"], origin=Source.Origin.TEXT, user=user)


@office_required
def source_list(request):
    """Reports, newest import first, a page at a time, each with its items and proposals counted."""
    sources = Source.objects.only("pk", "title", "location", "event_date", "imported_at").order_by("-imported_at", "-id")
    page = Paginator(sources, SOURCES_PER_PAGE).get_page(request.GET.get("page"))
    # Counted for this page's reports only: grouping every item by report would read them all.
    counts = {row["source"]: row for row in Item.objects.filter(source__in=[s.pk for s in page]).order_by()
              .values("source").annotate(n=Count("*"), proposed=Count("status", filter=Q(status=Item.Status.PROPOSED)))}
    for source in page:
        row = counts.get(source.pk, {})
        source.n_items, source.n_proposed = row.get("n", 0), row.get("proposed", 0)
    return render(request, "web/sources.html", {"page": page, "sources": page.object_list})


def highlighted_body(source: Source, items) -> list[list[tuple[str, Item | None]]]:
    """Paragraphs cut into (text, item) runs so each directive is marked where it stands."""
    body = source.article.get("body") or []
    spans: dict[int, list[Item]] = {}
    for item in items:
        if item.para is not None and item.start is not None and item.end is not None and item.para < len(body):
            spans.setdefault(item.para, []).append(item)
    paragraphs = []
    for index, text in enumerate(body):
        runs, pos = [], 0
        for item in sorted(spans.get(index, []), key=lambda i: (i.start, i.end)):
            if item.start < pos or item.end > len(text):
                continue  # overlapping or stale offsets: the card still lists it
            runs.append((text[pos:item.start], None))
            runs.append((text[item.start:item.end], item))
            pos = item.end
        runs.append((text[pos:], None))
        paragraphs.append([r for r in runs if r[0]])
    return paragraphs


def review_context(source: Source) -> dict:
    items = list(with_earlier(source.items.select_related("suggested_unit", "lead_unit", "subject"))
                 .order_by("directive_index", "id"))
    for item in items:
        item.proposed_deadline = item.deadline or default_deadline_for(item)
        item.edit_form = ItemEditForm(prefix=f"i{item.pk}", initial={
            "text": item.text, "speaker": item.speaker, "subject_name": item.subject_name, "topic": item.topic,
            "lead_unit": item.lead_unit_id or item.suggested_unit_id, "leader_in_charge": item.leader_in_charge,
            "deadline": item.proposed_deadline})
    return {
        "source": source, "items": items, "paragraphs": highlighted_body(source, items),
        "units": Unit.objects.filter(is_active=True),
        "pending": sum(1 for i in items if i.status == Item.Status.PROPOSED),
    }


@office_required
def review(request, pk: int):
    source = get_object_or_404(Source, pk=pk)
    return render(request, "web/review.html", review_context(source))


@office_required
@require_POST
def review_act(request, pk: int):
    """One action on the checked proposals (``ids``); the card buttons send a single id."""
    source = get_object_or_404(Source, pk=pk)
    action = request.POST.get("action", "")
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    items = list(source.items.filter(pk__in=ids).order_by("directive_index", "id"))
    if not items:
        messages.error(request, _("请先勾选要处理的事项。"))
    else:
        try:
            # A bulk action is all or nothing: one refused item leaves the others untouched.
            with transaction.atomic():
                done = ACTIONS[action](request, items) if action in ACTIONS else None
        except workflow.WorkflowError as error:
            response = refusal(request, error)
            if response is not None:
                return response
        else:
            if done is None:
                messages.error(request, _("未知操作。"))
            elif done:
                messages.success(request, done)
    if is_htmx(request):
        return render(request, "web/partials/review_body.html", {**review_context(source), "partial": True})
    return redirect(reverse("review", args=[source.pk]) + (f"#p-{items[0].pk}" if items else ""))


def _one_version(request, items):
    """The version the user saw matters only for single-card actions."""
    return version_of(request) if len(items) == 1 else None


def _accept(request, items):
    for item in items:
        workflow.apply(item, "accept", request.user, version=_one_version(request, items))
    return _("已立项 %(n)d 项。") % {"n": len(items)}


def _reject(request, items):
    reason = request.POST.get("reason", "")
    for item in items:
        workflow.apply(item, "reject", request.user, reason=reason, version=_one_version(request, items))
    return _("已不予立项 %(n)d 项。") % {"n": len(items)}


def _assign(request, items):
    """Assign to the chosen unit, else each item's suggested unit; deadline likewise."""
    from django.utils.dateparse import parse_date

    unit = Unit.objects.filter(pk=request.POST.get("lead_unit") or 0).first()
    deadline = parse_date(request.POST.get("deadline") or "")
    for item in items:
        lead = unit or item.lead_unit or item.suggested_unit
        if lead is None:
            raise workflow.WorkflowError(_("“%(t)s”没有建议责任单位，请先选择责任单位。") % {"t": item.text[:20]})
        deadline_for_item = deadline or item.deadline or default_deadline_for(item)
        if deadline_for_item is None:  # the report's phrase named no date: the officer sets one
            raise workflow.WorkflowError(_("“%(t)s”的时限“%(d)s”未能识别，请先核定完成时限。")
                                         % {"t": item.text[:20], "d": item.deadline_text})
        workflow.apply(item, "assign", request.user, version=_one_version(request, items), lead_unit=lead,
                       deadline=deadline_for_item)
    return _("已交办 %(n)d 项。") % {"n": len(items)}


def _edit(request, items):
    item = items[0]
    form = ItemEditForm(request.POST, prefix=f"i{item.pk}")
    if not form.is_valid():
        raise workflow.WorkflowError("；".join(e for errs in form.errors.values() for e in errs))
    changes = dict(form.cleaned_data)
    workflow.edit(item, request.user, version=version_of(request), **changes)
    return _("已保存修改。")


def _split(request, items):
    parts = [p.strip() for p in request.POST.get("parts", "").splitlines() if p.strip()]
    if len(parts) < 2:
        raise workflow.WorkflowError(_("拆分需要至少两行，每行一项。"))
    services.split(items[0], request.user, parts, version=version_of(request))
    return _("已拆分为 %(n)d 项。") % {"n": len(parts)}


def _merge(request, items):
    if len(items) < 2:
        raise workflow.WorkflowError(_("合并需要勾选至少两项。"))
    services.merge(items[1:], request.user, into=items[0])
    return _("已合并 %(n)d 项。") % {"n": len(items)}


ACTIONS = {"accept": _accept, "reject": _reject, "assign": _assign, "edit": _edit, "split": _split,
           "merge": _merge}
