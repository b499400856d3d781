"""Soak test: gunicorn on PostgreSQL, N simulated users doing the real mix for a while.

    python3 bench/soak.py                                  # 50 users, 600 s
    python3 bench/soak.py --users 50 --duration 60         # a short run
    python3 bench/soak.py --database-url postgres://duban:duban@127.0.0.1:5432/duban_soak

Creates (drops and recreates) the database, migrates it, generates a ledger (bench/scale.py's
generator) and one account per simulated user (liaisons of the towns, some officers), starts
gunicorn on 127.0.0.1, and runs every user as a thread with its own browser session:
liaisons read the ledger page, filter it, open their items, report progress and submit
finished items; officers read, filter and close out submitted items or return them. Each
user sleeps a short think time between requests and stops at the deadline, so the loops
are bounded. Writes go through the JSON API with the session's CSRF token.

Prints requests, p50/p95/p99 per kind and overall, errors (5xx, connection failures,
unexpected refusals; target 0; 409 conflicts and 400 business refusals are counted apart)
and an audit that every acknowledged write is in the database and the journal.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "Soak-test-password-1"
WRITE_KINDS = {"progress", "submit", "close", "return"}
FILTERS = ["?light=red", "?light=yellow", "?topic=项目建设", "?q=安全", "?status=in_progress", "?sort=-deadline",
           "?page=2", "?q=项目&light=green"]


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    conflicts: int = 0  # 409: someone else changed the item first (expected under load)
    refusals: int = 0  # 400: the workflow refused (e.g. already submitted)
    progress: list[tuple[int, int, str]] = field(default_factory=list)  # (item, progress id, text)
    transitions: list[tuple[int, str, str]] = field(default_factory=list)  # (item, action, new status)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind, seconds, response=None, error=None):
        with self.lock:
            self.latencies[kind].append(seconds * 1000)
            if error is not None:
                self.errors.append(f"{kind}: {error}")
            elif response is not None:
                if response.status_code == 409:
                    self.conflicts += 1
                elif response.status_code == 400 and kind in WRITE_KINDS:
                    self.refusals += 1
                elif response.status_code >= 400:
                    self.errors.append(f"{kind}: HTTP {response.status_code} {response.text[:120]!r}")


# --- setting up ------------------------------------------------------------------------------

def recreate_database(url: str) -> None:
    import psycopg
    from dj_database_url import parse

    name = parse(url)["NAME"]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(args, env) -> dict:
    """Migrate, generate the ledger and the accounts; returns {username: role}."""
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench import scale
    from duban.ledger.models import Unit, User

    scale.generate(args.items)
    towns = list(Unit.objects.filter(kind=Unit.Kind.TOWN))
    hashed = make_password(PASSWORD)
    accounts = {}
    users = []
    for n in range(args.users):
        officer = n % 10 == 0  # one in ten is 督查室 staff
        name = f"soak{n:03d}"
        users.append(User(username=name, password=hashed, role=User.Role.OFFICER if officer else User.Role.LIAISON,
                          unit=None if officer else towns[n % len(towns)]))
        accounts[name] = "officer" if officer else "liaison"
    User.objects.bulk_create(users)
    from django.db import connection

    connection.close()
    return accounts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, workers, threads):
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "duban.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, **env}, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if requests.get(url + "/api/health", timeout=2).status_code == 200:
                return process, url
        except requests.ConnectionError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


# --- simulated users -------------------------------------------------------------------------

class User:
    def __init__(self, name, role, base, results: Results, deadline, think):
        self.name, self.role, self.base, self.results = name, role, base, results
        self.deadline, self.think = deadline, think
        self.session = requests.Session()
        self.rng = random.Random(name)

    def call(self, kind, method, path, **kwargs):
        started = time.perf_counter()
        try:
            response = self.session.request(method, self.base + path, timeout=60, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            self.results.record(kind, time.perf_counter() - started, error=type(exc).__name__)
            return None
        self.results.record(kind, time.perf_counter() - started, response)
        return response

    def login(self) -> bool:
        self.call("login page", "GET", "/login/")
        token = self.session.cookies.get("csrftoken")
        response = self.call("login", "POST", "/login/", data={"username": self.name, "password": PASSWORD,
                                                              "csrfmiddlewaretoken": token},
                             headers={"Referer": self.base + "/login/"})
        return response is not None and response.status_code == 302

    def write(self, kind, path, **kwargs):
        headers = {"X-CSRFToken": self.session.cookies.get("csrftoken", ""), "Referer": self.base + "/"}
        return self.call(kind, "POST", path, headers=headers, **kwargs)

    def items(self, status):
        response = self.call("api list", "GET", f"/api/items?status={status}&limit=50")
        return response.json()["items"] if response is not None and response.status_code == 200 else []

    def run(self):
        if not self.login():
            return
        while time.monotonic() < self.deadline:
            self.step()
            time.sleep(self.rng.uniform(*self.think))

    def step(self):
        roll = self.rng.random()
        if roll < 0.30:
            self.call("ledger", "GET", "/ledger/")
        elif roll < 0.55:
            self.call("ledger filtered", "GET", "/ledger/" + self.rng.choice(FILTERS))
        elif self.role == "liaison":
            self.liaison_work(roll)
        else:
            self.officer_work(roll)

    def liaison_work(self, roll):
        items = self.items("in_progress")
        if not items:
            return
        item = self.rng.choice(items)
        if roll < 0.75:
            self.call("item page", "GET", f"/items/{item['id']}/")
        elif roll < 0.95:
            text = f"第{self.rng.randint(1, 99)}次推进：{uuid.uuid4().hex[:12]}"
            response = self.write("progress", f"/api/items/{item['id']}/progress",
                                  data={"text": text, "percent": self.rng.randint(10, 90), "version": item["version"]})
            if response is not None and response.status_code == 201:
                with self.results.lock:
                    self.results.progress.append((item["id"], response.json()["id"], text))
        else:
            self.transition(item, "submit", "submitted")  # only if the item page offers it

    def officer_work(self, roll):
        items = self.items("submitted")
        if not items:
            return
        item = self.rng.choice(items)
        if roll < 0.70:
            self.call("item page", "GET", f"/items/{item['id']}/")
        elif roll < 0.95:
            self.transition(item, "close", "closed")
        else:
            self.transition(item, "return", "in_progress", reason="佐证材料不足，请补充")

    def transition(self, item, action, status, reason=""):
        """Open the item (as the page does) and take ``action`` only if it is offered to this user."""
        detail = self.call("api item", "GET", f"/api/items/{item['id']}")
        if detail is None or detail.status_code != 200:
            return
        detail = detail.json()
        offered = {a["name"]: a for a in detail.get("actions", [])}
        if action not in offered or offered[action].get("unmet"):
            return  # not offered, or a close-out rule not met yet (申请销号 before any progress)
        if offered[action].get("needs_reason") and not reason:
            reason = "督查室电话核实"  # 销号 of an item without evidence files asks for one
        item = detail
        response = self.write(action, f"/api/items/{item['id']}/{action}",
                              json={"version": item["version"], "reason": reason})
        if response is not None and response.status_code == 200:
            with self.results.lock:
                self.results.transitions.append((item["id"], action, status))


# --- report ----------------------------------------------------------------------------------

def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def audit(results: Results) -> list[str]:
    """Every acknowledged write must be in the database and the journal."""
    from collections import Counter

    from duban.ledger.models import Journal, Progress

    problems = []
    stored = dict(Progress.objects.filter(pk__in=[p for _, p, _ in results.progress]).values_list("pk", "text"))
    for item, pk, text in results.progress:
        if stored.get(pk) != text:
            problems.append(f"progress {pk} on item {item} missing")
        elif not Journal.objects.filter(item_id=item, action="progress", new__contains=text).exists():
            problems.append(f"progress {pk} on item {item} not journaled")
    wanted = Counter((item, action, status) for item, action, status in results.transitions)
    have = Counter(Journal.objects.filter(field="status", action__in={a for _, a, _ in wanted})
                   .values_list("item_id", "action", "new"))
    for key, count in wanted.items():
        if have[key] < count:
            problems.append(f"transition {key} acknowledged {count}x, journaled {have[key]}x")
    return problems


def report(results: Results, seconds: float, problems: list[str]) -> None:
    everything = [v for values in results.latencies.values() for v in values]
    print(f"requests: {len(everything)} in {seconds:.0f} s = {len(everything) / seconds:.1f} req/s")
    print(f"{'kind':18} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind, values in sorted(results.latencies.items()) + [("ALL", everything)]:
        print(f"{kind:18} {len(values):6d} {statistics.median(values):8.0f} {percentile(values, 95):8.0f} "
              f"{percentile(values, 99):8.0f}")
    print(f"errors: {len(results.errors)} (target 0); 409 conflicts: {results.conflicts}; "
          f"400 workflow refusals: {results.refusals}")
    for error in results.errors[:10]:
        print(f"  {error}")
    print(f"acknowledged writes: {len(results.progress)} progress reports, {len(results.transitions)} transitions")
    print(f"audit: {'nothing lost' if not problems else f'{len(problems)} PROBLEMS'}")
    for problem in problems[:10]:
        print(f"  {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=600, help="seconds of load (default 600)")
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--think", type=float, nargs=2, default=(0.2, 1.0), metavar=("MIN", "MAX"),
                        help="think time between a user's requests, seconds")
    parser.add_argument("--database-url", default="postgres://duban:duban@127.0.0.1:5432/duban_soak")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("the soak test runs on PostgreSQL (--database-url postgres://…)")

    home = tempfile.mkdtemp(prefix="duban-soak-")
    env = {"DUBAN_HOME": home, "DATABASE_URL": args.database_url, "DJANGO_SETTINGS_MODULE": "duban.settings",
           "DUBAN_ALLOWED_HOSTS": "127.0.0.1", "DUBAN_LOGIN_MAX_FAILURES": "1000"}
    recreate_database(args.database_url)
    accounts = prepare(args, env)
    process, base = start_gunicorn(env, free_port(), args.workers, args.threads)
    results = Results()
    try:
        started = time.monotonic()
        deadline = started + args.duration
        users = [User(name, role, base, results, deadline, args.think) for name, role in accounts.items()]
        threads = [threading.Thread(target=u.run, daemon=True) for u in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.duration + 120)
        seconds = time.monotonic() - started
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    problems = audit(results)
    report(results, seconds, problems)
    return 1 if results.errors or problems else 0


if __name__ == "__main__":
    sys.exit(main())
