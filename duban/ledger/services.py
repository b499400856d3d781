"""Ledger operations beyond single transitions: import, split/merge, progress, extensions.

Signatures are the contract the web pages, the API and the CLI code against; every function
checks permissions with ``workflow.may`` / ``user.is_office``, raises ``workflow.WorkflowError``
subclasses on refusal, journals what it changes, and runs in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile

from duban.ledger.models import Extension, Item, Progress, Source, Unit, User


def import_report(data: bytes | str, *, origin: str, location: str = "", user: User | None = None,
                  url: str | None = None) -> tuple[Source, bool]:
    """Read + analyse a report and store it with its proposals (Items in status ``proposed``).

    Idempotent by content hash: returns ``(source, created)``; a second import of the same
    report returns the first source and ``created=False`` and creates nothing.
    Raises ``duban.errors.InputError`` for unreadable input.
    """
    raise NotImplementedError


def import_url(url: str, *, user: User | None = None, allow_private: bool = False) -> tuple[Source, bool]:
    """Fetch a page (size/time/redirect caps, no private addresses) and ``import_report`` it."""
    raise NotImplementedError


def default_deadline(item: Item, *, start: dt.date | None = None) -> dt.date:
    """The deadline rule for items whose report states none (setting; "事不过夜" → 1 day)."""
    raise NotImplementedError


def split(item: Item, user: User, parts: list[str], *, version: int | None = None) -> list[Item]:
    """Split a proposal into several; returns all resulting proposals (the original first)."""
    raise NotImplementedError


def merge(items: Iterable[Item], user: User, *, into: Item, text: str | None = None) -> Item:
    """Merge proposals into ``into``; the others become status ``merged``."""
    raise NotImplementedError


def report_progress(item: Item, user: User, *, text: str, percent: int | None = None, milestone: str = "",
                    files: Iterable[UploadedFile] = (), version: int | None = None) -> Progress:
    """A unit's progress report with evidence files (size/type limits from settings).

    A first report on a ``signed`` item moves it to ``in_progress``.
    """
    raise NotImplementedError


def request_extension(item: Item, user: User, *, new_deadline: dt.date, reason: str) -> Extension:
    raise NotImplementedError


def decide_extension(extension: Extension, user: User, *, approve: bool, reason: str = "") -> Extension:
    """Approve (the item's deadline moves, journaled with the reason) or deny."""
    raise NotImplementedError


def resolve_unit(name: str) -> Unit | None:
    """Find the unit a subject/jurisdiction name refers to (exact name, alias, or contained name)."""
    raise NotImplementedError
