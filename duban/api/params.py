"""Bounded numbers for ids and pages: out-of-range integers are a 422, never a database error.

Python's ints are unbounded; the database's are 64-bit, and SQLite refuses to bind anything
larger (``OverflowError``, "datatype mismatch"). One bound for every id and page number, far
below 2^63 so that ``offset + limit`` cannot overflow either: 2^53 - 1, the largest integer
every JSON client (JavaScript included) reads exactly.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import BeforeValidator

MAX_INT = 2**53 - 1

Id = Annotated[int, Field(ge=1, le=MAX_INT)]
"""A row id: in a path, a query parameter or a body."""

PAGE_LIMIT = 500


class Pages(LimitOffsetPagination):
    """ninja's limit/offset pages with bounds the database can take (``?offset=2**63`` is a 422)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_INT, description=f"每页条数（超过 {PAGE_LIMIT} 按 {PAGE_LIMIT}）")
        offset: int = Field(0, ge=0, le=MAX_INT, description="跳过的条数")

    def __init__(self, **kwargs):
        super().__init__(max_limit=PAGE_LIMIT, **kwargs)



def _iso_date_only(value):
    """pydantic also reads numbers and digit strings as Unix timestamps; the schema says YYYY-MM-DD."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or isinstance(value, dt.date):
        return value
    raise ValueError("应为 YYYY-MM-DD 格式的日期")


Day = Annotated[dt.date, BeforeValidator(_iso_date_only)]
"""A date in a query or a body: ``2027-03-31``, nothing else."""

Version = Id
"""An item's version as read (versions count from 1, like ids)."""
