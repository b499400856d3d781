"""考核: units ranked over a period (``duban.ledger.assessment``), each count a way into the ledger,
and the same table as an Excel workbook."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header, urlencode

from duban import clock
from duban.ledger import assessment
from duban.ledger.filters import UNRATED
from duban.ledger.models import Rating
from duban.web.access import overview_required
from duban.web.forms import AssessmentForm
from duban.web.views.common import filters_url
from duban.web.views.ledger import XLSX

# The counts that open the ledger: the measures, each grade and 未评价.
LINKED = (*assessment.MEASURES, *Rating.values, UNRATED)


def links(period: assessment.Period) -> dict[str, str]:
    """Per measure, the ledger of the items behind the count for every unit; a unit's is the
    same with ``&lead_unit=<id>`` (built once per page, not per cell: hundreds of units)."""
    return {measure: filters_url(assessment.ledger_filters(period, measure)) for measure in LINKED}


def row(score: assessment.UnitScore, every_unit: dict[str, str], place="") -> dict:
    """One line of the table: the counts, the rate as a percentage, the ledger behind each."""
    unit = f"&lead_unit={score.unit_id}" if score.unit_id else ""
    urls = {measure: url + unit for measure, url in every_unit.items()}
    rate = score.on_time_rate
    return {"place": place, "score": score, "links": urls, "rate": "" if rate is None else f"{rate:.1%}",
            "ratings": [(grade, n, urls[grade]) for grade, n in score.ratings.items()]}


@overview_required
def assessment_page(request):
    today = clock.today()
    form = AssessmentForm(request.GET, today)
    context = {"form": form, "definitions": assessment.definitions(), "grades": list(Rating),
               "quarters": {"this": assessment.quarter_of(today), "last": assessment.previous_quarter(today),
                            "year": assessment.Period(today.replace(month=1, day=1), today.replace(month=12, day=31))}}
    if not form.is_valid():
        return render(request, "web/assessment.html", context, status=400)
    period, by = form.period(), form.sort_by()
    scores = assessment.assess(period, today=today, by=by)
    query = {"since": period.since.isoformat(), "until": period.until.isoformat()}
    every_unit = links(period)
    context.update(period=period, sort=by, rows=[row(s, every_unit, place) for place, s in enumerate(scores, start=1)], query=urlencode(query),
                   export_query=urlencode({**query, "sort": by}),
                   total=row(assessment.total(scores), every_unit))
    return render(request, "web/assessment.html", context)


@overview_required
def assessment_export(request):
    """The page's table for the same period and order, as 考核-YYYYMMDD.xlsx."""
    from duban.reports.assessment import write_assessment

    today = clock.today()
    form = AssessmentForm(request.GET, today)
    if not form.is_valid():
        return assessment_page(request)  # the page again, the error beside the dates (400)
    period = form.period()
    scores = assessment.assess(period, today=today, by=form.sort_by())
    buffer = io.BytesIO()  # one row per unit: small
    write_assessment(scores, assessment.total(scores), period, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"考核-{today:%Y%m%d}.xlsx")
    return response
