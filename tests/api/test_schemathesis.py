"""An independent client against the live API: Schemathesis, driven by /api/openapi.json.

The demo ledger is served on a loopback port (pytest-django's live server, so the run uses
whichever database the suite runs on: SQLite, or PostgreSQL with DATABASE_URL). The
Schemathesis CLI then runs every operation through all its phases (examples, coverage,
fuzzing, stateful) with ``--checks all``, once as an officer and once as a liaison, with a
fixed seed. It fails on any 5xx, any response outside the schema, any schema-violating
request accepted, and (``schemathesis_hooks.no_other_units_item``) any other unit's item
reached by the liaison. Settings: tests/api/schemathesis.toml.

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
SEED = 17
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


def write_scope(user: User, path: Path) -> Path:
    """What the liaison may reach, for the hooks' check (see schemathesis_hooks.py)."""
    items = Item.objects.visible_to(user)
    rows = {"items": (Item.objects, items),
            "evidence": (Evidence.objects, Evidence.objects.filter(progress__item__in=items)),
            "extensions": (Extension.objects, Extension.objects.filter(item__in=items)),
            "sources": (Source.objects, visible_sources(user))}
    scope = {kind: {"ids": list(visible.values_list("pk", flat=True)),
                    "newest": every.order_by("-pk").values_list("pk", flat=True).first() or 0}
             for kind, (every, visible) in rows.items()}
    assert scope["items"]["ids"] and len(scope["items"]["ids"]) < Item.objects.count()
    path.write_text(json.dumps(scope))
    return path


def schemathesis(schema_url: str, key: str, scope_file: Path | None = None) -> subprocess.CompletedProcess:
    env = {"SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks", "PYTHONPATH": str(ROOT),
           "NO_COLOR": "1", "COLUMNS": "160"}
    if scope_file:
        env["DUBAN_SCOPE_FILE"] = str(scope_file)
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(HERE / "schemathesis.toml"),
               "run", schema_url, "--header", f"Authorization: Bearer {key}", "--checks", "all",
               "--phases", "examples,coverage,fuzzing,stateful", "--seed", str(SEED),
               "--generation-deterministic", "--no-color"]
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=900)


def test_schemathesis_finds_nothing(demo_api, tmp_path):
    schema_url, officer_key, liaison_key = demo_api
    officer = schemathesis(schema_url, officer_key)
    assert officer.returncode == 0, officer.stdout[-20000:] + officer.stderr[-5000:]
    # After the officer's run (which assigns, closes and reopens at random), as a liaison.
    scope = write_scope(User.objects.get(username=LIAISON), tmp_path / "scope.json")
    liaison = schemathesis(schema_url, liaison_key, scope)
    assert liaison.returncode == 0, liaison.stdout[-20000:] + liaison.stderr[-5000:]
