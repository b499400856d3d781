"""duban's own Schemathesis check: a liaison never reaches another unit's item.

Loaded by the Schemathesis CLI (``SCHEMATHESIS_HOOKS=tests.api.schemathesis_hooks``) that
tests/api/test_schemathesis.py runs. The test writes what the caller may reach to the JSON
file named by ``DUBAN_SCOPE_FILE``; without it (the officer's run) the check does nothing.
"""

from __future__ import annotations

import json
import os
from functools import cache

import schemathesis

# Path parameter -> the scope's key for the rows the caller may reach.
PATH_IDS = {"item_id": "items", "evidence_id": "evidence", "extension_id": "extensions", "source_id": "sources"}


@cache
def scope() -> dict | None:
    path = os.environ.get("DUBAN_SCOPE_FILE")
    if not path:
        return None
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    # ids: the rows visible when the run started; newest: the largest id then. Rows created
    # during the run (evidence, extension requests) are the liaison's own, on visible items.
    return {key: (set(rows["ids"]), rows["newest"]) for key, rows in data.items()}


def reachable(kind: str, pk) -> bool:
    ids, newest = scope()[kind]
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return True  # not an id this check judges (the server answered the request anyway)
    return pk in ids or pk > newest


def items_in(body):
    """(where, item id) for every item or item reference in a JSON body."""
    stack = [("", body)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            if {"id", "status", "lead_unit"} <= node.keys():
                yield where, node["id"]
            if "item_id" in node:
                yield where + ".item_id", node["item_id"]
            stack.extend((f"{where}.{key}", value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((f"{where}[{n}]", value) for n, value in enumerate(node))


@schemathesis.check
def no_other_units_item(ctx, response, case):
    """A liaison's successful responses touch and contain only the items of its units."""
    if scope() is None or not 200 <= response.status_code < 300:
        return None
    for name, kind in PATH_IDS.items():
        value = (case.path_parameters or {}).get(name)
        if value is not None and not reachable(kind, value):
            raise AssertionError(f"{case.method} {case.path}: {response.status_code} for {name}={value}, "
                                 "which is another unit's")
    if "json" in response.headers.get("content-type", [""])[0]:
        for where, pk in items_in(response.json()):
            if not reachable("items", pk):
                raise AssertionError(f"{case.method} {case.path}: another unit's item #{pk} at {where or '/'}")
    return None
