"""kill -9 of ``duban serve`` during imports and progress uploads; after a restart the
database is consistent: no source without its proposals, every acknowledged write is there
with its journal line and file, and ``fsck --fix`` leaves no orphan evidence file.

The server runs as a subprocess on 127.0.0.1 with its own DUBAN_HOME (SQLite, WAL).
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "duban" / "data" / "zhaoling-2023-10-20.txt").read_text(encoding="utf-8")
PDF = b"%PDF-1.4\n" + os.urandom(2 * 1024 * 1024)  # big enough that a kill can land mid-upload
ROUNDS = 3

SETUP = """
import datetime as dt, json
from duban.api.models import ApiToken
from duban.ledger import workflow
from duban.ledger.models import Item, Unit, User
unit = Unit.objects.create(name="天桥街道", kind="town")
officer = User.objects.create_user("officer", role="officer")
liaison = User.objects.create_user("liaison", role="liaison", unit=unit)
items = []
for n in range(20):
    item = workflow.apply(Item.objects.create(text=f"要做好第{n}项工作"), "assign", officer, lead_unit=unit,
                          deadline=dt.date(2030, 1, 1))
    items.append(workflow.apply(item, "sign", liaison).pk)
print(json.dumps({"officer": ApiToken.issue(officer)[1], "liaison": ApiToken.issue(liaison)[1], "items": items}))
"""

STATE = """
import json
from duban.ledger.models import Evidence, Journal, Progress, Source
from duban.ops import fsck
report = fsck.check(min_age=0, verify=True)
sources = {s.pk: {"items": s.items.count(), "directives": len((s.analysis or {}).get("directives") or []),
                  "journaled": Journal.objects.filter(action="import", target=f"ledger.source:{s.pk}").exists()}
           for s in Source.objects.all()}
progress = {p.text: {"files": [e.file.name for e in p.evidence.all()],
                     "journaled": Journal.objects.filter(item=p.item, action="progress", new__contains=p.text).exists()}
            for p in Progress.objects.all()}
print(json.dumps({"orphans": report.orphan_files, "missing": report.missing_files, "corrupt": report.corrupt_files,
                  "half_imported": report.half_imported, "sources": sources, "progress": progress}))
"""


def unique_report() -> str:
    """The seed report with a sentence only this copy has, so each import is a new source."""
    lines = SEED.splitlines()
    lines[4] += f"调研组还察看了{random.randint(10**8, 10**9)}号项目现场。"
    return "\n".join(lines)


class Server:
    def __init__(self, home: Path):
        self.home = home
        self.env = {**os.environ, "DUBAN_HOME": str(home), "DJANGO_SETTINGS_MODULE": "duban.settings",
                    "DUBAN_ALLOWED_HOSTS": "127.0.0.1"}
        self.env.pop("DATABASE_URL", None)
        self.process = None
        self.port = free_port()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def duban(self, *args, timeout=120) -> str:
        done = subprocess.run([sys.executable, "-m", "duban", *args], cwd=ROOT, env=self.env, capture_output=True,
                              text=True, timeout=timeout)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "duban", "serve", "--port", str(self.port), "--no-migrate"], cwd=ROOT, env=self.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise RuntimeError("duban serve did not come up")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.kill()

    def state(self) -> dict:
        return json.loads(self.duban("manage", "shell", "-c", STATE).strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    server = Server(tmp_path / "home")
    server.duban("migrate", "--no-input")
    server.tokens = json.loads(server.duban("manage", "shell", "-c", SETUP).strip().splitlines()[-1])
    yield server
    server.stop()


def hammer(server: Server, send, threads: int = 6) -> list:
    """Run ``send()`` from several threads until the server is killed; return acknowledged results.

    One request first, alone: it loads the analyser, so the kill lands among requests in
    their write phase rather than all of them still starting up.
    """
    first = send()
    acknowledged, stop = [first] if first is not None else [], threading.Event()

    def loop():
        while not stop.is_set():
            try:
                result = send()
            except requests.RequestException:
                continue  # the kill cut this request off: not acknowledged
            if result is not None:
                acknowledged.append(result)

    workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    time.sleep(random.uniform(1.0, 3.0))
    server.kill()
    stop.set()
    for worker in workers:
        worker.join(timeout=30)
    return acknowledged


def test_kill_during_imports_leaves_no_half_imported_report(server):
    headers = {"Authorization": f"Bearer {server.tokens['officer']}"}
    acknowledged = []
    for _ in range(ROUNDS):
        server.start()

        def send():
            text = unique_report()
            response = requests.post(server.url + "/api/sources/import/text", json={"text": text}, headers=headers,
                                     timeout=30)
            return response.json()["source"]["id"] if response.status_code == 201 else None

        acknowledged += hammer(server, send)

    state = server.state()
    print(f"imports: {len(acknowledged)} acknowledged, {len(state['sources'])} stored after {ROUNDS} kills")
    assert acknowledged, "no import finished before the kills: the test proved nothing"
    assert state["half_imported"] == []
    for pk, source in state["sources"].items():
        assert source["items"] == source["directives"] > 0, f"source {pk} is partly imported: {source}"
        assert source["journaled"], f"source {pk} has no import journal line"
    assert {str(pk) for pk in acknowledged} <= set(state["sources"]), "an acknowledged import was lost"


def test_kill_during_progress_uploads_loses_nothing_acknowledged_and_fsck_cleans_up(server):
    headers = {"Authorization": f"Bearer {server.tokens['liaison']}"}
    acknowledged = []
    for _ in range(ROUNDS):
        server.start()

        def send():
            text = f"阶段进展 {uuid.uuid4().hex}"
            item = random.choice(server.tokens["items"])
            response = requests.post(f"{server.url}/api/items/{item}/progress", data={"text": text, "percent": 50},
                                     files={"files": ("验收.pdf", PDF, "application/pdf")}, headers=headers, timeout=30)
            return text if response.status_code == 201 else None

        acknowledged += hammer(server, send)

    state = server.state()
    print(f"uploads: {len(acknowledged)} acknowledged, {len(state['progress'])} stored, "
          f"{len(state['orphans'])} orphan files after {ROUNDS} kills")
    assert acknowledged, "no upload finished before the kills: the test proved nothing"
    for text in acknowledged:
        progress = state["progress"].get(text)
        assert progress is not None, f"acknowledged progress {text} was lost"
        assert len(progress["files"]) == 1 and progress["journaled"], progress
    assert state["missing"] == [] and state["corrupt"] == [] and state["half_imported"] == []

    server.duban("manage", "fsck", "--fix", "--min-age", "0")  # exits non-zero if anything remains
    after = server.state()
    assert after["orphans"] == [] and after["progress"] == state["progress"]
