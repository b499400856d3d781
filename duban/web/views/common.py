"""Small helpers the page modules share."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import urlencode

from duban.ledger import workflow
from duban.ledger.filters import LedgerFilters


def ledger_url(**filters) -> str:
    """The ledger page with these filters (empty ones left out)."""
    return reverse("ledger") + "?" + urlencode({k: v for k, v in filters.items() if v not in (None, "")})


def filters_url(filters: LedgerFilters) -> str:
    """The ledger page selecting what ``filters`` select (the page takes one status)."""
    values = {}
    for name, value in dataclasses.asdict(filters).items():
        if value in (None, "", ()):
            continue
        if name == "status":
            value = value[0]
        elif isinstance(value, bool):
            value = "true" if value else "false"
        values[name] = value
    return ledger_url(**values)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def refusal(request, error: workflow.WorkflowError) -> HttpResponse | None:
    """Turn a refused action into the right answer: 403 raises, others show a message.

    Returns the response to send for htmx requests (the message in a small box with the
    workflow's status code, 409 for a stale version); None for normal requests, which
    redirect back and show the message there.
    """
    if isinstance(error, workflow.NotAllowed):
        raise PermissionDenied(str(error))
    if is_htmx(request):
        response = HttpResponse(f'<div class="error-box" role="alert">{_escape(str(error))}</div>',
                                status=error.code)
        response["HX-Retarget"] = "#flash"
        response["HX-Reswap"] = "innerHTML"
        return response
    messages.error(request, str(error))
    return None


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


def version_of(request) -> int | None:
    raw = request.POST.get("version")
    return int(raw) if raw and raw.isdigit() else None


def default_deadline_for(item) -> dt.date | None:
    """The deadline the pages propose for an item that has none: the ledger's rule (None when
    the report's phrase could not be read: the page asks the officer for it)."""
    from duban.ledger import services

    return services.default_deadline(item)
