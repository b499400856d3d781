"""Reminders: email to liaisons, and a webhook post to a local receiver."""

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.management import call_command

from duban.ledger.models import Item, Unit, User

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def receiver():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"errcode":0}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received
    server.shutdown()


@pytest.fixture
def ledger(db):
    town, other = Unit.objects.create(name="天桥街道"), Unit.objects.create(name="翟庄街道")
    User.objects.create_user("l1", email="l1@example.cn", role=User.Role.LIAISON, unit=town)
    User.objects.create_user("l2", email="", role=User.Role.LIAISON, unit=other)
    for text, unit, days, status in (("超期事项", town, -3, "assigned"), ("临期事项", town, 2, "signed"),
                                     ("不急的事项", other, 30, "assigned"), ("已销号", other, -9, "closed"),
                                     ("翟庄红灯", other, -1, "in_progress")):
        Item.objects.create(text=text, lead_unit=unit, deadline=TODAY + dt.timedelta(days=days), status=status)


def test_remind_emails_liaisons_and_posts_webhook(ledger, receiver, settings, capsys):
    url, received = receiver
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DUBAN_REMINDER_WEBHOOK = url
    call_command("remind", "--date", TODAY.isoformat())
    assert len(mail.outbox) == 1  # 翟庄街道's liaison has no address
    message = mail.outbox[0]
    assert message.to == ["l1@example.cn"] and "红灯1项，黄灯1项" in message.subject
    assert "超期事项（超期3天）" in message.body and "临期事项" in message.body and "不急" not in message.body
    assert len(received) == 1 and received[0]["msgtype"] == "markdown"
    content = received[0]["markdown"]["content"]
    assert "天桥街道" in content and "翟庄街道" in content and received[0]["markdown"]["text"] == content
    assert "2 个单位" in capsys.readouterr().out


def test_dry_run_sends_nothing(ledger, receiver, settings):
    url, received = receiver
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("remind", "--date", TODAY.isoformat(), "--webhook", url, "--dry-run")
    assert mail.outbox == [] and received == []


def test_unreachable_webhook_is_a_one_line_error(ledger, settings):
    from django.core.management.base import CommandError

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(CommandError, match="部分提醒未能发送"):
        call_command("remind", "--date", TODAY.isoformat(), "--webhook", "http://127.0.0.1:9/none")
    assert len(mail.outbox) == 1  # the emails still went out


def test_a_unit_with_many_late_items_gets_the_most_overdue_and_the_count(ledger, settings, monkeypatch):
    from duban.reports import reminders

    monkeypatch.setattr(reminders, "EMAIL_LIMIT", 2)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    town = Unit.objects.get(name="天桥街道")
    for days in (10, 20, 5):
        Item.objects.create(text=f"超期{days}天的事项", lead_unit=town, deadline=TODAY - dt.timedelta(days=days),
                            status="in_progress")
    call_command("remind", "--date", TODAY.isoformat())
    [message] = mail.outbox
    assert "红灯4项，黄灯1项" in message.subject
    assert "红灯（已超期） 4 项" in message.body
    assert "超期20天的事项" in message.body and "超期10天的事项" in message.body  # the two most overdue
    assert "超期5天的事项" not in message.body and "超期事项（超期3天）" not in message.body
    assert f"……另有 2 项，见 /ledger/?unit={town.pk}&light=red" in message.body
