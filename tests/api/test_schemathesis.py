"""An independent client against the live API: Schemathesis, driven by /api/openapi.json.

The demo ledger is served on a loopback port (pytest-django's live server, so the run uses
whichever database the suite runs on: SQLite, or PostgreSQL with DATABASE_URL). The
Schemathesis CLI then runs every operation through all its phases (examples, coverage,
fuzzing, stateful) with ``--checks all``, once as an officer and once as a liaison, with
deterministic generation (the same requests every run). It fails on any 5xx, any response
outside the schema, any schema-violating request accepted, any schema-valid one refused
beyond the ledger's own rules, and (``schemathesis_hooks.no_other_units_item``) any other
unit's item reached by the liaison. Settings: tests/api/schemathesis.toml.

Run alone: ``python3 -m pytest -m slow tests/api/test_schemathesis.py`` (a few minutes).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from duban.api.models import ApiToken
from duban.api.sources import visible_sources
from duban.errors import FetchError
from duban.ledger import demo
from duban.ledger.models import Evidence, Extension, Item, Source, User

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LIAISON = "gongxin"  # 区工信局: ten items, and units below it


def no_network(url, **kwargs):
    raise FetchError(f"{url}: 测试中不访问网络")


@pytest.fixture
def demo_api(live_server, settings, monkeypatch, tmp_path):
    """The demo ledger behind a live server: (schema URL, officer token, liaison token)."""
    settings.DEBUG = False
    monkeypatch.setattr("duban.reader.fetch.fetch", no_network)  # URL imports stay on this machine
    demo.build(password="schemathesis")
    keys = {name: ApiToken.issue(User.objects.get(username=name), name="schemathesis")[1]
            for name in ("duchashi", LIAISON)}
    return f"{live_server.url}/api/openapi.json", keys["duchashi"], keys[LIAISON]


KINDS = {"items": Item, "evidence": Evidence, "extensions": Extension, "sources": Source}


def write_ids(path: Path, liaison: User | None = None) -> Path:
    """Every row id to probe with and, for a liaison, what it may reach (see schemathesis_hooks.py)."""
    probe = {kind: sorted(model.objects.values_list("pk", flat=True)) for kind, model in KINDS.items()}
    scope = None
    if liaison is not None:
        items = Item.objects.visible_to(liaison)
        visible = {"items": items, "evidence": Evidence.objects.filter(progress__item__in=items),
                   "extensions": Extension.objects.filter(item__in=items), "sources": visible_sources(liaison)}
        scope = {kind: {"ids": list(rows.values_list("pk", flat=True)), "newest": max(probe[kind], default=0)}
                 for kind, rows in visible.items()}
        assert 0 < len(scope["items"]["ids"]) < len(probe["items"])  # some items are another unit's
    path.write_text(json.dumps({"probe": probe, "scope": scope}))
    return path


def schemathesis(schema_url: str, key: str, ids_file: Path) -> subprocess.CompletedProcess:
    env = {"SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks", "DUBAN_IDS_FILE": str(ids_file),
           "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "160"}
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(HERE / "schemathesis.toml"),
               "run", schema_url, "--header", f"Authorization: Bearer {key}", "--checks", "all",
               "--phases", "examples,coverage,fuzzing,stateful",
               "--generation-deterministic", "--no-color"]
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=900)


def test_schemathesis_finds_nothing(demo_api, tmp_path):
    schema_url, officer_key, liaison_key = demo_api
    officer = schemathesis(schema_url, officer_key, write_ids(tmp_path / "officer.json"))
    assert officer.returncode == 0, officer.stdout[-20000:] + officer.stderr[-5000:]
    # After the officer's run (which assigns, closes and reopens at random), as a liaison.
    liaison_ids = write_ids(tmp_path / "liaison.json", User.objects.get(username=LIAISON))
    liaison = schemathesis(schema_url, liaison_key, liaison_ids)
    assert liaison.returncode == 0, liaison.stdout[-20000:] + liaison.stderr[-5000:]
