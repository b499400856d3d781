"""`duban worker` as a real process: it sends the due reminders on its own, and a restart
sends nothing twice."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.notify.conftest import Receiver, free_port

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
import datetime as dt
from duban import clock
from duban.ledger.models import Item, Unit, User
town = Unit.objects.create(name="天桥街道")
User.objects.create_user("l1", email="l1@example.cn", role="liaison", unit=town)
Item.objects.create(text="超期事项", lead_unit=town, deadline=clock.today() - dt.timedelta(days=2), status="assigned")
"""


@pytest.fixture
def env(tmp_path):
    receiver = Receiver()
    environ = {**os.environ, "DUBAN_HOME": str(tmp_path), "DUBAN_CLOCK": "2026-11-26T09:00:00+08:00",
               "DUBAN_REMIND_AT": "08:30", "DUBAN_REMINDER_WEBHOOK": receiver.url, "PYTHONPATH": str(ROOT)}
    environ.pop("DATABASE_URL", None)
    for args in (["migrate", "-v", "0"], ["manage", "shell", "-c", SETUP]):
        subprocess.run([sys.executable, "-m", "duban", *args], env=environ, cwd=ROOT, check=True, timeout=120)
    yield environ, receiver
    receiver.down()


def run_worker_until(environ, tmp_path, name, marker, timeout=60, command=("worker",)):
    """Start a worker, wait for ``marker`` in its log, stop it; return the log."""
    log = tmp_path / f"{name}.log"
    with open(log, "wb") as out:
        worker = subprocess.Popen([sys.executable, "-m", "duban", *command], env=environ, cwd=ROOT,
                                  stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while marker not in log.read_text(errors="replace"):
                assert worker.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, f"no {marker!r} in:\n{log.read_text(errors='replace')}"
                time.sleep(0.2)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    return log.read_text(errors="replace")


def test_worker_sends_due_reminders_and_a_restart_sends_nothing_twice(env, tmp_path):
    environ, receiver = env
    receiver.down()  # the group robot's server is down this morning
    first = run_worker_until(environ, tmp_path, "first", "job notify_retry")
    assert "job remind: 1 个单位，通知 1 条，1 条待重试" in first
    assert "To: l1@example.cn" in first  # the liaison's email (console backend)
    receiver.up()
    # Restarted five minutes later the same day (DUBAN_CLOCK starts each process's clock anew),
    # after the robot came back: the summary goes out on retry, the reminders are not sent again.
    environ["DUBAN_CLOCK"] = "2026-11-26T09:05:00+08:00"
    second = run_worker_until(environ, tmp_path, "second", "job notify_retry")
    assert "job remind" not in second and "To: l1@example.cn" not in second
    assert "job notify_retry: 重发成功 1 条" in second
    assert len(receiver.requests) == 1 and "天桥街道" in receiver.requests[0]["json"]["markdown"]["content"]
    with sqlite3.connect(tmp_path / "duban.sqlite3") as db:
        log = db.execute("SELECT d.channel, d.status, a.ok FROM notify_delivery d JOIN notify_deliveryattempt a "
                         "ON a.delivery_id = d.id ORDER BY d.id, a.id").fetchall()
    assert log == [("email", "sent", 1), ("robot", "sent", 0), ("robot", "sent", 1)]


def test_serve_runs_the_worker_in_process(env, tmp_path):
    environ, receiver = env
    log = run_worker_until(environ, tmp_path, "serve", "job notify_retry",
                           command=("serve", "--no-migrate", "--port", str(free_port())))
    assert "job remind: 1 个单位，通知 1 条" in log and len(receiver.requests) == 1


QUEUE_A_NOTICE = """
import datetime as dt
from django.db import transaction
from duban import clock, tasks
from duban.ledger.models import Item
from duban.notify import events
from duban.notify.models import Delivery, Target
tasks.use_queue()  # as the web server does
item = Item.objects.get()
Target.objects.create(unit=item.lead_unit, channel="wecom", address=ROBOT)
with transaction.atomic():
    events.urge(item, "请今天报送")
# Only the queued task may send it: the retry pass would wait an hour.
Delivery.objects.update(next_attempt_at=clock.now() + dt.timedelta(hours=1))
"""


def test_the_worker_runs_a_notice_queued_by_the_web_server(env, tmp_path):
    environ, receiver = env
    environ["DUBAN_REMIND_AT"] = "23:00"  # no reminders in the way
    script = QUEUE_A_NOTICE.replace("ROBOT", repr(receiver.url))
    subprocess.run([sys.executable, "-m", "duban", "manage", "shell", "-c", script], env=environ, cwd=ROOT,
                   check=True, timeout=120)
    assert receiver.requests == [] and (tmp_path / "tasks.sqlite3").exists()
    log = run_worker_until(environ, tmp_path, "queued", "queued notices: 2 of 2 sent")  # liaison, robot
    [request] = receiver.requests
    assert "请今天报送" in request["json"]["markdown"]["content"], log
