"""The dashboard (ECharts, each chart a way into the filtered ledger) and the Word 督查通报."""

from __future__ import annotations

import datetime as dt
import io

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Value
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from duban import clock
from duban.areas import panels as areas_panels
from duban.ledger.models import Item, Journal, Unit
from duban.ledger.scoping import LedgerCounts
from duban.web.access import overview_required
from duban.web.forms import BulletinForm
from duban.web.queues import queues_for
from duban.web.views.common import ledger_url

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TREND_WEEKS = 12
LIGHTS = [*Item.ACTIVE_LIGHTS, Item.Light.WAITING, Item.Light.DONE]


def dashboard_data(today: dt.date | None = None) -> dict:
    """Everything the charts draw, with the ledger link behind each bar or slice.

    Cached (``DUBAN_DASHBOARD_CACHE_SECONDS``): it is the same for every user who may open
    the dashboard, and on a big ledger each chart reads every item. The key carries the
    newest journal line, so any change to the ledger (every change is journaled) shows at
    once, in every server process; the expiry only bounds how long an unused entry stays.
    """
    today = today or clock.today()
    seconds = settings.DUBAN_DASHBOARD_CACHE_SECONDS
    if not seconds:
        return _dashboard_data(today)
    last_change = Journal.objects.aggregate(last=Max("pk"))["last"] or 0
    key = f"duban:dashboard:{today.isoformat()}:{last_change}"
    return cache.get_or_set(key, lambda: _dashboard_data(today), seconds)


def _dashboard_data(today: dt.date) -> dict:
    status_labels, light_labels = dict(Item.Status.choices), dict(Item.Light.choices)
    counts = LedgerCounts.of([Item.objects.all()], today)
    by_status, by_light = counts.by_status, counts.by_light
    by_unit = {pk: lights for pk, lights in counts.by_unit.items() if pk is not None}

    statuses = [{"key": s, "name": str(status_labels[s]), "value": by_status[s], "url": ledger_url(status=s)}
                for s in Item.Status.values if s not in Item.DISCARDED]
    lights = [{"key": k, "name": str(light_labels[k]), "value": by_light[k], "url": ledger_url(light=k)}
              for k in LIGHTS]
    names = dict(Unit.objects.filter(pk__in=by_unit).values_list("pk", "name"))
    units = [{"id": pk, "name": names[pk], **{k: lights[k] for k in LIGHTS}} for pk, lights in by_unit.items()]
    # Who is late: most red first, then yellow.
    unit_rows = sorted(units, key=lambda u: (-u["red"], -u["yellow"], u["name"]))[:20]

    topics = [{"name": topic, "value": n, "url": ledger_url(topic=topic)}
              for topic, n in sorted(counts.by_topic.items(), key=lambda pair: (-pair[1], pair[0]))]

    since = today - dt.timedelta(weeks=TREND_WEEKS)
    weeks = [since + dt.timedelta(days=7 * i - since.weekday()) for i in range(TREND_WEEKS + 1)]
    trend = {"weeks": [w.isoformat() for w in weeks],
             "assigned": _weekly(weeks, since, "assigned_at"), "closed": _weekly(weeks, since, "closed_at"),
             "urls": _weekly_urls(weeks, since)}

    # Red: in the ledger, not finished, past its deadline (the same rule as ``light_sql``,
    # written so that the deadline index finds the oldest first).
    overdue = list(Item.objects.filter(status__in=Item.ACTIVE, deadline__lt=today)
                   .select_related("lead_unit").order_by("deadline", "id")[:20])
    return {"statuses": statuses, "lights": lights, "units": unit_rows, "topics": topics, "trend": trend,
            "overdue": overdue, "total": sum(by_light[light] for light in Item.ACTIVE_LIGHTS),
            "unit_url": ledger_url(light="__light__") + "&unit=__unit__"}


def _weekly_urls(weeks: list[dt.date], since: dt.date) -> list[list[str]]:
    """Per series (assigned, closed), per week: the ledger of the items that point counts."""
    ranges = [(max(week, since), week + dt.timedelta(days=6)) for week in weeks]
    return [[ledger_url(assigned_from=start, assigned_to=end) for start, end in ranges],
            [ledger_url(status=Item.Status.CLOSED, closed_from=start, closed_to=end) for start, end in ranges]]


def _weekly(weeks: list[dt.date], since: dt.date, field: str) -> list[int]:
    """Items per local week from ``since`` on: one count per week's date range, in one query.

    Each range count reads only the field's index (COUNT(*): counting ids would visit
    every row, as the id is not in that index). Truncating every row to its local week
    (``TruncWeek``) made SQLite call a Python function per row; one pass with a filtered
    count per week compares every row of the period with every week.
    """
    starts = [max(week, since) for week in weeks] + [weeks[-1] + dt.timedelta(days=7)]
    edges = [timezone.make_aware(dt.datetime.combine(day, dt.time.min)) for day in starts]
    counts = [Item.objects.filter(**{f"{field}__gte": edges[i], f"{field}__lt": edges[i + 1]})
              .order_by().annotate(week=Value(i)).values("week").annotate(n=Count("*")).values_list("week", "n")
              for i in range(len(weeks))]
    found = dict(counts[0].union(*counts[1:], all=True))
    return [found.get(i, 0) for i in range(len(weeks))]


@overview_required
def dashboard(request):
    today = clock.today()
    return _dashboard_page(request, BulletinForm(initial={"since": today.replace(day=1), "until": today, "number": 1}))


def _dashboard_page(request, bulletin_form: BulletinForm, status: int = 200):
    data = dashboard_data()
    today = clock.today()
    charts = {k: data[k] for k in ("statuses", "lights", "units", "topics", "trend")}
    charts["unit_url"] = data["unit_url"]
    charts["labels"] = {"assigned": _("新交办"), "closed": _("已销号"), "projects": _("项目数"),
                        **{k: str(v) for k, v in Item.Light.choices}}
    projects = areas_panels.project_panel(request.user, today)
    if projects:
        charts["stages"] = projects["by_stage"]
    return render(request, "web/dashboard.html", {
        **data, "charts": charts, "bulletin_form": bulletin_form, "projects": projects,
        "stars": areas_panels.star_panel(request.user, today.year), "queues": queues_for(request.user)},
        status=status)


@overview_required
def bulletin(request):
    """The 督查通报 for a period, as a .docx (GB/T 9704-2012 layout)."""
    from duban.reports.word import document_number, write_bulletin

    form = BulletinForm(request.GET)
    if not form.is_valid():
        # The dashboard again, each error beside its field (not a bare text page).
        return _dashboard_page(request, form, status=400)
    buffer = io.BytesIO()
    data = form.cleaned_data
    write_bulletin(buffer, number=data["number"], since=data["since"], until=data["until"])
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    # 督查通报〔2026〕12号.docx, sent as filename*=utf-8'' (RFC 5987).
    name = f"{document_number(data['number'], clock.today().year)}.docx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
