"""The work areas' share of the dashboard: projects by stage, lagging projects, 五星 summary.

It lives with the other areas pages; the web dashboard imports it (web sits above areas).

The areas app is optional for the pages (``optional_url`` in the header does the same): without
it the dashboard simply has no such panels.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.urls import reverse
from django.utils.http import urlencode


def installed() -> bool:
    return apps.is_installed("duban.areas")


def project_panel(user, today: dt.date) -> dict | None:
    """Counts by stage (each bar opens the projects page at that stage) and the lagging list."""
    if not installed():
        return None
    from duban.areas.projects import dashboard_data

    data = dashboard_data(user, today)
    page = reverse("areas:projects")
    for row in data["by_stage"]:
        row["url"] = f"{page}#stage-{row['stage']}"
    data["url"] = page
    data["lagging_url"] = f"{page}#lagging"
    return data


def star_panel(user, year: int) -> dict | None:
    """Per scheme: branches per star level (highest first), rated and not yet rated this year."""
    if not installed():
        return None
    from duban.areas.stars import summary

    url = reverse("areas:stars") + "?" + urlencode({"year": year})
    blocks = [{
        "name": block["scheme"].name,
        "levels": sorted(block["levels"].items(), reverse=True),
        "rated": block["rated"], "unrated": block["unrated"],
    } for block in summary(year, user)]
    return {"year": year, "url": url, "schemes": blocks,
            "empty": not any(b["rated"] or b["unrated"] for b in blocks)}
