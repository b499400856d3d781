"""The cross-unit check of tests/api/schemathesis_hooks.py catches what it should (no server needed)."""

import json
from types import SimpleNamespace

import pytest

pytest.importorskip("schemathesis")

from tests.api import schemathesis_hooks as hooks  # noqa: E402 (after the skip)


@pytest.fixture
def liaison_scope(tmp_path, monkeypatch):
    scope = {kind: {"ids": [1, 2], "newest": 9} for kind in ("items", "evidence", "extensions", "sources")}
    path = tmp_path / "ids.json"
    path.write_text(json.dumps({"probe": {"items": [1, 2, 3]}, "scope": scope}))
    monkeypatch.setenv("DUBAN_IDS_FILE", str(path))
    hooks.ids_file.cache_clear()
    hooks.scope.cache_clear()
    yield
    hooks.ids_file.cache_clear()
    hooks.scope.cache_clear()


def check(status, body, **path_parameters):
    response = SimpleNamespace(status_code=status, headers={"content-type": ["application/json"]},
                               json=lambda: body)
    case = SimpleNamespace(method="GET", path="/api/x", path_parameters=path_parameters)
    return hooks.no_other_units_item(None, response, case)


def item(pk):
    return {"id": pk, "status": "assigned", "lead_unit": {"id": 5, "name": "天桥街道"}}


def test_items_in_finds_items_and_item_references():
    body = {"items": [item(1), {"source": {"items": [item(3)]}}], "extensions": [{"id": 7, "item_id": 4}]}
    assert sorted(pk for _, pk in hooks.items_in(body)) == [1, 3, 4]


def test_own_items_pass(liaison_scope):
    assert check(200, {"items": [item(1), item(2)], "count": 2}, item_id=2) is None
    assert check(201, {"id": 12, "item_id": 1}) is None  # an extension it just requested


@pytest.mark.parametrize("status, body, path", [
    (200, {"items": [item(1), item(3)]}, {}),   # another unit's item in a list
    (200, {"id": 8, "item_id": 3}, {}),          # a reference to one
    (200, item(1), {"item_id": 3}),              # a 2xx on another unit's item
    (200, {}, {"evidence_id": 4}),               # or its evidence
])
def test_another_units_item_fails(liaison_scope, status, body, path):
    with pytest.raises(AssertionError, match="another unit"):
        check(status, body, **path)


def test_refusals_and_the_officer_are_not_judged(liaison_scope, monkeypatch):
    assert check(404, {"detail": "未找到"}, item_id=3) is None
    monkeypatch.delenv("DUBAN_IDS_FILE")
    hooks.ids_file.cache_clear()
    hooks.scope.cache_clear()
    assert check(200, {"items": [item(3)]}, item_id=3) is None
