"""notify.send: routing to the channels users chose, the delivery log, retries with backoff."""

import datetime as dt

import pytest
from django.core import mail

from duban import notify
from duban.ledger import workflow
from duban.ledger.models import Item, Unit, User
from duban.notify import events, service
from duban.notify.models import Delivery, Target

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def town(settings, frozen_clock):
    frozen_clock(NOW)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DUBAN_BASE_URL = "https://duban.example.gov.cn"
    return Unit.objects.create(name="天桥街道")


@pytest.fixture
def item(town):
    return Item.objects.create(text="加快漓江路修缮", lead_unit=town, deadline=NOW.date() - dt.timedelta(days=3),
                               status=Item.Status.IN_PROGRESS)


def liaison(name, unit, **fields):
    return User.objects.create_user(name, role=User.Role.LIAISON, unit=unit, **fields)


def test_a_user_without_choices_gets_email(item, town):
    user = liaison("l1", town, email="l1@example.cn")
    [delivery] = notify.send("urge", item, [user], immediately=True)
    assert delivery.status == Delivery.Status.SENT and delivery.channel == "email"
    assert delivery.user == user and delivery.item == item and delivery.attempts == 1
    [message] = mail.outbox
    assert message.subject == "【催办】加快漓江路修缮" and "https://duban.example.gov.cn/items/" in message.body


def test_chosen_channels_replace_email_and_filter_events(item, town, receiver):
    user = liaison("l1", town, email="l1@example.cn", phone="13800000000")
    Target.objects.create(user=user, channel="webhook", address=receiver.url)
    Target.objects.create(user=user, channel="email", events="remind")  # email only for reminders
    deliveries = notify.send("urge", item, [user], immediately=True)
    assert [(d.channel, d.status) for d in deliveries] == [("webhook", "sent")]
    assert mail.outbox == [] and receiver.requests[0]["json"]["event"] == "urge"
    reminder = notify.send("remind", None, [user], title="提醒", text="红灯 1 项", immediately=True)
    assert sorted((d.channel, d.address) for d in reminder) == [("email", "l1@example.cn"),
                                                                ("webhook", receiver.url)]


def test_no_address_is_recorded_as_failed_not_dropped(item, town, caplog):
    user = liaison("l2", town)  # no email, no channel
    [delivery] = notify.send("urge", item, [user], immediately=True)
    assert delivery.status == Delivery.Status.FAILED and "没有地址" in delivery.last_error
    assert delivery.attempts == 0 and "not deliverable" in caplog.text


def test_urge_while_receiver_is_down_is_delivered_after_it_comes_back(item, town, receiver, frozen_clock):
    Target.objects.create(unit=town, channel="wecom", address=receiver.url)  # the town's group robot
    receiver.down()
    [delivery] = events.urge(item, "今天下班前报送", immediately=True)
    assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 1
    assert delivery.next_attempt_at == NOW + dt.timedelta(minutes=1)
    assert service.retry_due() == 0  # not due yet: nothing tried
    receiver.up()
    frozen_clock(NOW + dt.timedelta(minutes=2))
    assert service.retry_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 2
    tries = list(delivery.tries.values_list("ok", "at"))
    assert tries == [(False, NOW), (True, NOW + dt.timedelta(minutes=2))]
    assert delivery.tries.first().note  # why the first try failed
    [request] = receiver.requests
    assert "今天下班前报送" in request["json"]["markdown"]["content"]
    assert service.retry_due() == 0  # delivered once, never again


def test_backoff_doubles_then_gives_up_loudly(item, town, settings, frozen_clock, caplog):
    settings.DUBAN_NOTIFY_MAX_ATTEMPTS = 3
    [delivery] = notify.send("urge", item, [service.Address("webhook", "http://127.0.0.1:9/none")],
                             immediately=True)
    waits = [delivery.next_attempt_at - NOW]
    moment = NOW
    for _ in range(2):
        moment = delivery.next_attempt_at
        frozen_clock(moment)
        service.retry_due()
        delivery.refresh_from_db()
        if delivery.next_attempt_at:
            waits.append(delivery.next_attempt_at - moment)
    assert waits == [dt.timedelta(minutes=1), dt.timedelta(minutes=2)]
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == 3
    assert "given up after 3 tries" in caplog.text
    assert service.retry_now(Delivery.objects.all()) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.PENDING


def test_backoff_is_capped():
    assert service.backoff(1) == dt.timedelta(minutes=1)
    assert service.backoff(30) == dt.timedelta(hours=6)


def test_a_claimed_delivery_is_not_sent_twice(item, town, receiver):
    [delivery] = notify.send("urge", item, [service.Address("webhook", receiver.url)])  # waits for commit
    stale = Delivery.objects.get(pk=delivery.pk)
    assert service.deliver([delivery.pk]) == 1
    assert service._claim(stale) is False  # another process's copy cannot take it again
    assert len(receiver.requests) == 1


def test_a_faulty_plugin_keeps_the_notice(item, town):
    from duban.notify import plugins
    from duban.notify.hookspecs import hookimpl

    class Broken:
        name, label = "broken", "坏渠道"

        def send(self, message, address, secret=""):
            raise RuntimeError("boom")

    class Plugin:
        @hookimpl
        def duban_notify_channels(self):
            return [Broken()]

    plugin = Plugin()
    plugins.manager().register(plugin)
    try:
        [delivery] = notify.send("urge", item, [service.Address("broken", "x")], immediately=True)
    finally:
        plugins.manager().unregister(plugin)
    assert delivery.status == Delivery.Status.PENDING and "RuntimeError: boom" in delivery.last_error


@pytest.fixture
def officer(db):
    return User.objects.create_user("officer", role=User.Role.OFFICER)


def test_assignment_notifies_after_commit(town, officer, receiver, django_capture_on_commit_callbacks):
    other = Unit.objects.create(name="民政局")
    liaison("l1", town, email="l1@example.cn")
    liaison("c1", other, email="c1@example.cn")
    Target.objects.create(unit=town, channel="dingtalk", address=receiver.url, secret="s")
    item = Item.objects.create(text="整治背街小巷", status=Item.Status.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.apply(item, "assign", officer, lead_unit=town, deadline=NOW.date() + dt.timedelta(days=10),
                       co_units=[other])
    assert mail.outbox == [] and receiver.requests == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == ["c1@example.cn", "l1@example.cn"]
    assert "责任单位：天桥街道" in mail.outbox[0].body and "完成时限：2026-12-06" in mail.outbox[0].body
    assert "sign" in receiver.requests[0]["query"]
    assert Delivery.objects.filter(event="assign", status="sent").count() == 3


def test_return_tells_the_reason(item, town, officer, django_capture_on_commit_callbacks):
    liaison("l1", town, email="l1@example.cn")
    Item.objects.filter(pk=item.pk).update(status=Item.Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(item, "return", officer, reason="佐证材料不全")
    [message] = mail.outbox
    assert message.subject.startswith("【退回】") and "退回理由：佐证材料不全" in message.body


def test_a_refused_step_sends_nothing(item, town, django_capture_on_commit_callbacks):
    liaison("l1", town, email="l1@example.cn")
    stranger = liaison("x", Unit.objects.create(name="翟庄街道"))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(workflow.NotAllowed):
        workflow.apply(item, "assign", stranger)
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_decline_tells_the_office_after_commit(town, receiver, django_capture_on_commit_callbacks):
    """非本单位职责: the office's active people hear of it over their channels, once committed;
    the unit that declined hears nothing (its lead is cleared)."""
    User.objects.create_user("o1", role=User.Role.OFFICER, email="o1@example.cn")
    hooked = User.objects.create_user("o2", role=User.Role.ADMIN, email="o2@example.cn")
    Target.objects.create(user=hooked, channel="webhook", address=receiver.url, events="decline")
    User.objects.create_user("gone", role=User.Role.OFFICER, email="gone@example.cn", is_active=False)
    User.objects.create_user("leader", role=User.Role.LEADER, email="leader@example.cn")
    declining = liaison("l1", town, email="l1@example.cn", first_name="张三")
    item = Item.objects.create(text="整治背街小巷", lead_unit=town, deadline=NOW.date(), status=Item.Status.ASSIGNED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.apply(item, "decline", declining, reason="属区住建局职责")
    assert mail.outbox == [] and receiver.requests == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["o1@example.cn"] and message.subject.startswith("【非本单位职责】")
    assert "张三（天桥街道）：非本单位职责" in message.body and "理由：属区住建局职责" in message.body
    [hook] = receiver.requests
    assert "属区住建局职责" in hook["raw"].decode()
    assert set(Delivery.objects.filter(event="decline").values_list("status", flat=True)) == {"sent"}


def test_a_refused_decline_sends_nothing(item, town, officer, django_capture_on_commit_callbacks):
    User.objects.create_user("o1", role=User.Role.OFFICER, email="o1@example.cn")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(workflow.WorkflowError):
        workflow.apply(item, "decline", liaison("l1", town), reason="不是我们的")  # 办理中: too late
    assert mail.outbox == [] and not Delivery.objects.exists()
