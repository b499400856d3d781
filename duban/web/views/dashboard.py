"""The dashboard (ECharts, each chart a way into the filtered ledger) and the Word 督查通报."""

from __future__ import annotations

import datetime as dt
import io

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from duban.ledger.models import Item
from duban.web import areas_panels
from duban.web.access import overview_required
from duban.web.forms import BulletinForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TREND_WEEKS = 12
LIGHTS = [Item.Light.RED, Item.Light.YELLOW, Item.Light.GREEN, Item.Light.NONE, Item.Light.DONE]


def ledger_url(**filters) -> str:
    return reverse("ledger") + "?" + urlencode({k: v for k, v in filters.items() if v not in (None, "")})


def dashboard_data(today: dt.date | None = None) -> dict:
    """Everything the charts draw, with the ledger link behind each bar or slice."""
    today = today or timezone.localdate()
    ledger = Item.objects.in_ledger().with_light(today)
    status_labels, light_labels = dict(Item.Status.choices), dict(Item.Light.choices)

    by_status = {row["status"]: row["n"] for row in Item.objects.values("status").annotate(n=Count("id"))}
    statuses = [{"key": s, "name": str(status_labels[s]), "value": by_status.get(s, 0), "url": ledger_url(status=s)}
                for s in Item.Status.values if s not in (Item.Status.REJECTED, Item.Status.MERGED)]
    by_light = {row["light_sql"]: row["n"] for row in ledger.values("light_sql").annotate(n=Count("id"))}
    lights = [{"key": k, "name": str(light_labels[k]), "value": by_light.get(k, 0), "url": ledger_url(light=k)}
              for k in LIGHTS]

    rows = ledger.exclude(lead_unit=None).values("lead_unit", "lead_unit__name", "light_sql").annotate(n=Count("id"))
    units: dict[int, dict] = {}
    for row in rows:
        unit = units.setdefault(row["lead_unit"], {"id": row["lead_unit"], "name": row["lead_unit__name"],
                                                    **{k: 0 for k in LIGHTS}})
        unit[row["light_sql"]] = row["n"]
    # Who is late: most red first, then yellow.
    unit_rows = sorted(units.values(), key=lambda u: (-u["red"], -u["yellow"], u["name"]))[:20]

    topics = [{"name": row["topic"], "value": row["n"], "url": ledger_url(topic=row["topic"])}
              for row in ledger.values("topic").annotate(n=Count("id")).order_by("-n")]

    since = today - dt.timedelta(weeks=TREND_WEEKS)
    weeks = [since + dt.timedelta(days=7 * i - since.weekday()) for i in range(TREND_WEEKS + 1)]
    assigned = _weekly(Item.objects.filter(assigned_at__date__gte=since), "assigned_at")
    closed = _weekly(Item.objects.filter(closed_at__date__gte=since), "closed_at")
    trend = {"weeks": [w.isoformat() for w in weeks],
             "assigned": [assigned.get(w, 0) for w in weeks], "closed": [closed.get(w, 0) for w in weeks]}

    overdue = list(ledger.filter(light_sql=Item.Light.RED).select_related("lead_unit").order_by("deadline")[:20])
    for item in overdue:
        item.overdue_days = item.days_overdue(today)
    return {"statuses": statuses, "lights": lights, "units": unit_rows, "topics": topics, "trend": trend,
            "overdue": overdue, "total": ledger.count(),
            "unit_url": ledger_url(light="__light__") + "&unit=__unit__"}


def _weekly(items, field: str) -> dict[dt.date, int]:
    rows = items.annotate(week=TruncWeek(field)).values("week").annotate(n=Count("id"))
    return {(r["week"].date() if isinstance(r["week"], dt.datetime) else r["week"]): r["n"] for r in rows}


@overview_required
def dashboard(request):
    data = dashboard_data()
    today = timezone.localdate()
    form = BulletinForm(initial={"since": today.replace(day=1), "until": today, "number": 1})
    charts = {k: data[k] for k in ("statuses", "lights", "units", "topics", "trend")}
    charts["unit_url"] = data["unit_url"]
    charts["trend_urls"] = [ledger_url(), ledger_url(status=Item.Status.CLOSED)]
    charts["labels"] = {"assigned": _("新交办"), "closed": _("已销号"), "projects": _("项目数"),
                        **{k: str(v) for k, v in Item.Light.choices}}
    projects = areas_panels.project_panel(request.user, today)
    if projects:
        charts["stages"] = projects["by_stage"]
    return render(request, "web/dashboard.html", {
        **data, "charts": charts, "bulletin_form": form, "projects": projects,
        "stars": areas_panels.star_panel(request.user, today.year)})


@overview_required
def bulletin(request):
    """The 督查通报 for a period, as a .docx (GB/T 9704-2012 layout)."""
    from duban.reports.word import write_bulletin

    form = BulletinForm(request.GET)
    if not form.is_valid():
        return HttpResponse("；".join(e for errs in form.errors.values() for e in errs), status=400,
                            content_type="text/plain; charset=utf-8")
    buffer = io.BytesIO()
    data = form.cleaned_data
    write_bulletin(buffer, number=data["number"], since=data["since"], until=data["until"])
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="duban-bulletin-{data["number"]}.docx"'
    return response
