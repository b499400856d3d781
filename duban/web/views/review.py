"""Import a report and review its proposals: accept, edit, split, merge, reject, assign."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from duban.errors import InputError
from duban.ledger import manual, services, withdrawal, workflow
from duban.ledger.models import Item, Source, Unit
from duban.web.access import office_required
from duban.web.forms import ImportForm, ItemEditForm
from duban.web.marks import attach_marks
from duban.web.repeats import with_earlier
from duban.web.views.common import default_deadline_for, is_htmx, refusal, version_of

SOURCES_PER_PAGE = 50
# Proposals per review page: a province's report can hold thousands; one page of 50 stays quick.
REVIEW_PAGE_SIZE = 50
# Proposals in the order their words stand in the article, so a directive marked by hand sits
# among the analyser's and each page goes with one stretch of the text.
IN_TEXT_ORDER = (F("para").asc(nulls_last=True), F("start").asc(nulls_last=True), "directive_index", "id")


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
    """Reports, newest import first, a page at a time, each with its items and proposals counted.

    Withdrawn reports are left out; ``?withdrawn=1`` lists them instead, to look at or restore.
    """
    withdrawn = request.GET.get("withdrawn") == "1"
    sources = (Source.objects.filter(withdrawn_at__isnull=not withdrawn)
               .only("pk", "title", "location", "event_date", "imported_at", "withdrawn_at", "origin", "kind")
               .order_by("-imported_at", "-id"))
    page = Paginator(sources, SOURCES_PER_PAGE).get_page(request.GET.get("page"))
    # Counted for this page's reports only: grouping every item by report would read them all.
    counts = {row["source"]: row for row in Item.objects.filter(source__in=[s.pk for s in page]).order_by()
              .values("source").annotate(n=Count("*"), proposed=Count("status", filter=Q(status=Item.Status.PROPOSED)))}
    # A report without title or address is named by its first words: one query for those only.
    untitled = [s.pk for s in page if not s.title and not s.location]
    articles = dict(Source.objects.filter(pk__in=untitled).values_list("pk", "article")) if untitled else {}
    for source in page:
        row = counts.get(source.pk, {})
        source.n_items, source.n_proposed = row.get("n", 0), row.get("proposed", 0)
        if source.pk in articles:
            source.article = articles[source.pk]
    return render(request, "web/sources.html", {"page": page, "sources": page.object_list, "withdrawn": withdrawn})


@office_required
@require_POST
def source_withdraw(request, pk: int):
    """Withdraw a report imported by mistake (with a reason), or restore a withdrawn one."""
    source = get_object_or_404(Source, pk=pk)
    try:
        if request.POST.get("restore"):
            withdrawal.restore_source(source, request.user)
            messages.success(request, _("已恢复这篇报道。"))
            return redirect("review", pk=source.pk)
        withdrawal.withdraw_source(source, request.user, reason=request.POST.get("reason", ""))
    except workflow.WorkflowError as error:
        refusal(request, error)
        return redirect("review", pk=source.pk)
    messages.success(request, _("已撤回《%(t)s》；在“已撤回的报道”中可以查看和恢复。") % {"t": source})
    return redirect("sources")


def highlighted_body(source: Source, items, window: range | None = None) -> list[tuple[int, list]]:
    """Paragraphs (their index, and runs of (text, item)) so each directive is marked where it
    stands; only the paragraphs in ``window`` when given (a page of a long report)."""
    body = source.article.get("body") or []
    spans: dict[int, list[Item]] = {}
    for item in items:
        if item.para is not None and item.start is not None and item.end is not None and item.para < len(body):
            spans.setdefault(item.para, []).append(item)
    paragraphs = []
    for index in window if window is not None else range(len(body)):
        text, runs, pos = body[index], [], 0
        for item in sorted(spans.get(index, []), key=lambda i: (i.start, i.end)):
            if item.start < pos or item.end > len(text):
                continue  # overlapping or stale offsets: the card still lists it
            runs.append((text[pos:item.start], None))
            runs.append((text[item.start:item.end], item))
            pos = item.end
        runs.append((text[pos:], None))
        paragraphs.append((index, [r for r in runs if r[0]]))
    return paragraphs


def paragraph_window(paras: list[int], *, first_page: bool, next_para: int | None, length: int) -> range:
    """The article's paragraphs shown beside one page of proposals.

    A page shows from its first proposal's paragraph (the first page from the top) to where
    the next page's first proposal stands (the last page to the end), so paging through the
    proposals pages through the whole article once, and each page stays small.
    """
    start = 0 if first_page or not paras else min(paras)
    stop = length if next_para is None else max(next_para, max(paras, default=start) + 1)
    return range(min(start, length), min(stop, length))


def review_context(source: Source, page_number=None) -> dict:
    ordered = source.items.order_by(*IN_TEXT_ORDER)
    page = Paginator(ordered.values_list("pk", flat=True), REVIEW_PAGE_SIZE).get_page(page_number)
    items = attach_marks(with_earlier(source.items.filter(pk__in=list(page.object_list))
                                      .select_related("suggested_unit", "lead_unit", "subject")
                                      .prefetch_related("co_units", "suggested_co_units"))
                         .order_by(*IN_TEXT_ORDER))  # marks: a card handed back as 非本单位职责 says so
    for number, item in enumerate(items, start=page.start_index()):
        item.number = number
        item.proposed_deadline = item.deadline or default_deadline_for(item)
        # The unit pickers start on the units chosen, else those the analyser suggests.
        item.proposed_lead = item.lead_unit or item.suggested_unit
        item.proposed_leads = [item.proposed_lead] if item.proposed_lead else []
        item.proposed_co_units = list(item.co_units.all()) or list(item.suggested_co_units.all())
        item.edit_form = ItemEditForm(prefix=f"i{item.pk}", initial={
            "text": item.text, "speaker": item.speaker, "subject_name": item.subject_name, "topic": item.topic,
            "lead_unit": item.proposed_lead, "leader_in_charge": item.leader_in_charge,
            "deadline": item.proposed_deadline})
    next_para = None
    if page.has_next():
        following = ordered.values_list("para", flat=True)[page.end_index(): page.end_index() + REVIEW_PAGE_SIZE]
        next_para = next((para for para in following if para is not None), None)
    window = paragraph_window([i.para for i in items if i.para is not None], first_page=not page.has_previous(),
                              next_para=next_para, length=len(source.article.get("body") or []))
    return {
        "source": source, "items": items, "page": page, "paragraphs": highlighted_body(source, items, window),
        "pending": source.items.filter(status=Item.Status.PROPOSED).count(), "total": page.paginator.count,
    }


@office_required
def review(request, pk: int):
    source = get_object_or_404(Source, pk=pk)
    return render(request, "web/review.html", review_context(source, request.GET.get("page")))


@office_required
@require_POST
def review_act(request, pk: int):
    """One action on the checked proposals (``ids``); the card buttons send a single id.

    ``mark`` needs no proposal: it makes one from the words selected in the article.
    """
    source = get_object_or_404(Source, pk=pk)
    action = request.POST.get("action", "")
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    items = list(source.items.filter(pk__in=ids).order_by(*IN_TEXT_ORDER))
    if not items and action not in NO_ITEMS_NEEDED:
        messages.error(request, _("请先勾选要处理的事项。"))
    else:
        try:
            # A bulk action is all or nothing: one refused item leaves the others untouched.
            with transaction.atomic():
                done = ACTIONS[action](request, items) if action in ACTIONS else None
        except workflow.WorkflowError as error:
            response = refusal(request, error)
            if response is not None:
                if request.POST.get("card") and items:
                    response["HX-Retarget"] = f"#msg-{items[0].pk}"  # said on the card, where the user looks
                return response
        else:
            if done is None:
                messages.error(request, _("未知操作。"))
            elif done:
                messages.success(request, done)
    page = request.POST.get("page")
    if is_htmx(request):
        return render(request, "web/partials/review_body.html", {**review_context(source, page), "partial": True})
    query = f"?page={page}" if page and page.isdigit() and page != "1" else ""
    return redirect(reverse("review", args=[source.pk]) + query + (f"#p-{items[0].pk}" if items else ""))


def _one_version(request, items):
    """The version the user saw matters only for single-card actions."""
    return version_of(request) if len(items) == 1 else None


def _each(step: str, done):
    """The review action that takes workflow ``step`` on every chosen item, with the posted
    reason where the step asks for one; ``done`` (lazy, with ``%(n)d``) says how many."""
    needs_reason = workflow.TRANSITIONS[step].needs_reason

    def act(request, items):
        reason = request.POST.get("reason", "") if needs_reason else ""
        for item in items:
            workflow.apply(item, step, request.user, reason=reason, version=_one_version(request, items))
        return done % {"n": len(items)}

    return act


def _assign(request, items):
    """Assign to the chosen unit, else each item's suggested unit; deadline likewise. The
    配合单位 are those chosen on the card; sent without (in bulk), the suggested ones of an
    item that has none yet."""
    from django.utils.dateparse import parse_date

    chosen_lead = request.POST.get("lead_unit", "")
    unit = Unit.objects.filter(pk=chosen_lead).first() if _is_id(chosen_lead) else None
    deadline = parse_date(request.POST.get("deadline") or "")
    co_units = _posted_units(request, "co_units")
    for item in items:
        chosen = co_units if co_units is not None else _suggested_co_units(item)
        lead = unit or item.lead_unit or item.suggested_unit
        if lead is None:
            raise workflow.WorkflowError(_("“%(t)s”没有建议责任单位，请先选择责任单位。") % {"t": item.text[:20]})
        deadline_for_item = deadline or item.deadline or default_deadline_for(item)
        if deadline_for_item is None:  # the report's phrase named no date: the officer sets one
            raise workflow.WorkflowError(_("“%(t)s”的时限“%(d)s”未能识别，请先核定完成时限。")
                                         % {"t": item.text[:20], "d": item.deadline_text})
        workflow.apply(item, "assign", request.user, version=_one_version(request, items), lead_unit=lead,
                       deadline=deadline_for_item, **({} if chosen is None else {"co_units": chosen}))
    return _("已交办 %(n)d 项。") % {"n": len(items)}


def _posted_units(request, name: str) -> list[Unit] | None:
    """The units a picker sent (None when the form had no such picker)."""
    if name not in request.POST:
        return None
    values = [v for v in request.POST.getlist(name) if v]  # the picker's empty value: "none chosen"
    ids = {int(v) for v in values if _is_id(v)}
    units = list(Unit.objects.filter(pk__in=ids, is_active=True))
    if len(units) != len(set(values)):
        raise workflow.WorkflowError(_("所选单位不存在或已停用，请重新选择。"))
    return units


def _is_id(value: str) -> bool:
    """Digits the database can take as an id (a longer number is no unit, not an overflow)."""
    return value.isdigit() and len(value) <= 15


def _suggested_co_units(item: Item) -> list[Unit] | None:
    """What a bulk 交办 gives an item as 配合单位: the suggested ones, unless some are chosen already."""
    if item.co_units.exists():
        return None
    return list(item.suggested_co_units.all()) or None


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


def _mark(request, items):
    """Words selected in the article become a proposal (the analyser missed them)."""
    try:
        para, start, end = (int(request.POST.get(k, "")) for k in ("para", "start", "end"))
    except ValueError:
        raise workflow.WorkflowError(_("请先在原文中选中指示要求的文字。")) from None
    manual.mark_directive(_source_of(request), request.user, para=para, start=start, end=end)
    return _("已标记为指示要求，请审核。")


def _source_of(request) -> Source:
    """The report of the review screen the action came from."""
    return Source.objects.get(pk=request.resolver_match.kwargs["pk"])


ACTIONS = {"accept": _each("accept", _l("已立项 %(n)d 项。")), "reject": _each("reject", _l("已不予立项 %(n)d 项。")),
           "assign": _assign, "edit": _edit, "split": _split, "merge": _merge,
           "withdraw": _each("withdraw", _l("已撤回 %(n)d 项。")), "restore": _each("restore", _l("已恢复 %(n)d 项，待审核。")),
           "mark": _mark}
NO_ITEMS_NEEDED = {"mark"}
