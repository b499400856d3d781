"""Notices about a click leave through the worker's queue: a slow robot never slows the click,
the notice still arrives when the worker runs the task, and failures are logged and retried."""

import time

import pytest
from django.core import mail

from duban import tasks
from duban.ledger.models import Item, Unit, User
from duban.notify import service
from duban.notify.models import Delivery, Target

pytestmark = pytest.mark.django_db(transaction=True)  # real commits, as in a request
SLOW = 3.0  # seconds the robot takes to answer


@pytest.fixture
def queue(settings, tmp_path):
    """This process has a worker behind it, as under ``duban serve`` or gunicorn."""
    settings.DATA_HOME = tmp_path
    tasks.use_queue()
    yield tasks.huey
    tasks.huey.flush()
    tasks.huey.immediate = True


@pytest.fixture
def submitted(receiver, client):
    """An item whose 销号 request waits; the unit's robot answers after SLOW seconds."""
    town = Unit.objects.create(name="天桥街道")
    User.objects.create_user("l1", role=User.Role.LIAISON, unit=town, email="l1@example.cn")
    Target.objects.create(unit=town, channel="wecom", address=receiver.url)
    receiver.delay = SLOW
    client.force_login(User.objects.create_user("officer", role=User.Role.OFFICER))
    return Item.objects.create(text="加快漓江路修缮", lead_unit=town, status=Item.Status.SUBMITTED)


def click_return(client, item) -> float:
    started = time.monotonic()
    response = client.post(f"/items/{item.pk}/return/", {"reason": "佐证材料不全"})
    assert response.status_code == 302
    return time.monotonic() - started


def run_queued(huey) -> int:
    """What the worker does: take each waiting task and run it."""
    count = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        count += 1
    return count


def test_a_slow_robot_does_not_slow_the_click(queue, submitted, client, receiver):
    assert click_return(client, submitted) < SLOW / 2
    assert receiver.requests == [] and mail.outbox == []  # nothing sent inside the request
    assert set(Delivery.objects.values_list("status", "attempts")) == {("pending", 0)}
    assert len(queue) == 1  # one task for the click's notices

    assert run_queued(queue) == 1
    [request] = receiver.requests
    assert "退回理由：佐证材料不全" in request["json"]["markdown"]["content"]
    assert [m.to for m in mail.outbox] == [["l1@example.cn"]]
    assert set(Delivery.objects.values_list("channel", "status")) == {("wecom", "sent"), ("email", "sent")}


def test_a_failed_try_is_logged_and_left_to_the_retry_pass(queue, submitted, client, receiver):
    receiver.down()
    click_return(client, submitted)
    run_queued(queue)
    robot = Delivery.objects.get(channel="wecom")
    assert robot.status == "pending" and robot.attempts == 1 and robot.next_attempt_at > robot.created_at
    [attempt] = robot.tries.all()
    assert not attempt.ok and attempt.note  # why it failed


def test_a_task_that_fails_as_a_whole_is_retried_and_logged(queue, submitted, client, monkeypatch, caplog):
    monkeypatch.setattr(service, "deliver", lambda ids: 1 / 0)  # the database down, say
    click_return(client, submitted)
    run_queued(queue)
    assert "ZeroDivisionError" in caplog.text
    [retry] = queue.scheduled()  # huey tries the task again later
    assert retry.name.endswith("deliver") and retry.retries == 2


def test_a_lost_task_still_goes_out_at_the_retry_pass(queue, submitted, client, receiver):
    """The rows wait in the database, due: a worker with another queue file (or after the
    file was lost) sends them on its every-minute pass."""
    receiver.delay = 0
    click_return(client, submitted)
    queue.flush()
    assert service.retry_due() == 2
    assert len(receiver.requests) == 1 and len(mail.outbox) == 1


def test_without_a_worker_the_notice_goes_out_at_once(submitted, client, receiver):
    """A command, the tests, ``duban demo``'s seeding: no queue file, delivery after the commit."""
    receiver.delay = 0
    click_return(client, submitted)
    assert len(receiver.requests) == 1 and len(mail.outbox) == 1
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
