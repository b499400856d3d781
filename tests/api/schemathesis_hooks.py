"""duban's Schemathesis hooks: real ids to probe, and a check that a liaison never reaches
another unit's item.

Loaded by the Schemathesis CLI (``SCHEMATHESIS_HOOKS=tests.api.schemathesis_hooks``) that
tests/api/test_schemathesis.py runs. The test writes the JSON file named by
``DUBAN_IDS_FILE``: ``probe``, every row id in the ledger by kind (drawn into path
parameters half the time, so requests reach real items, other units' included, instead of
404ing on random numbers), and ``scope``, what the liaison may reach (null for the officer).
"""

from __future__ import annotations

import json
import os
from functools import cache

import schemathesis
from hypothesis import strategies as st

# Path parameter -> the scope's key for the rows the caller may reach.
PATH_IDS = {"item_id": "items", "evidence_id": "evidence", "extension_id": "extensions", "source_id": "sources"}


@cache
def ids_file() -> dict:
    path = os.environ.get("DUBAN_IDS_FILE")
    if not path:
        return {"probe": {}, "scope": None}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@cache
def scope() -> dict | None:
    """kind -> (ids visible when the run started, the largest id then), or None (no limit).

    Rows created during the run (evidence, extension requests) are the liaison's own, on
    items it can see: an id above the largest is allowed.
    """
    data = ids_file()["scope"]
    return None if data is None else {kind: (set(rows["ids"]), rows["newest"]) for kind, rows in data.items()}


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    """Half the time, ids of rows that exist (any unit's) in place of the generated ones."""
    probe = ids_file()["probe"]
    real = {name: st.sampled_from(probe[kind]) for name, kind in PATH_IDS.items()
            if name in (path_parameters or {}) and probe.get(kind)}
    if not real:
        return st.just(path_parameters)
    return st.one_of(st.just(path_parameters), st.fixed_dictionaries(real).map(lambda ids: {**path_parameters, **ids}))


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
