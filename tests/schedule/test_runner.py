"""The jobs' schedule and the runner: due work runs once per period, failures are recorded."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from duban.ledger.models import Item, Unit, User
from duban.notify.models import Delivery
from duban.schedule import jobs, runner
from duban.schedule.models import Job, JobRun
from duban.schedule.schedules import Daily, Every, parse_time

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day, hour, minute=0):
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def test_daily_period_and_next_run():
    daily = Daily(dt.time(8, 30))
    assert daily.period(at(26, 8, 29)) is None
    assert daily.period(at(26, 8, 30)) == "2026-11-26" and daily.period(at(26, 23)) == "2026-11-26"
    assert daily.next_after(at(26, 7), ran_today=False) == at(26, 8, 30)
    assert daily.next_after(at(26, 9), ran_today=True) == at(27, 8, 30)
    assert str(daily) == "每天 08:30"


def test_every_next_run_and_parse_time():
    assert Every(5).next_after(at(26, 9, 1), False) == at(26, 9, 6)
    assert parse_time("07:05") == dt.time(7, 5)
    with pytest.raises(ValueError, match="HH:MM"):
        parse_time("早上八点")


@pytest.fixture
def late_items(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DUBAN_REMIND_AT = "08:30"
    settings.DUBAN_ESCALATE_DAYS = 7
    town = Unit.objects.create(name="天桥街道")
    User.objects.create_user("l1", email="l1@example.cn", role=User.Role.LIAISON, unit=town)
    User.objects.create_user("o1", email="o1@example.cn", role=User.Role.OFFICER)
    today = dt.date(2026, 11, 26)
    Item.objects.create(text="超期八天", lead_unit=town, deadline=today - dt.timedelta(days=8), status="in_progress")
    Item.objects.create(text="临期事项", lead_unit=town, deadline=today + dt.timedelta(days=1), status="signed")


def reminder_emails():
    return [m for m in mail.outbox if m.subject.startswith("【督办提醒】")]


def test_due_reminders_are_sent_once_per_day(late_items, frozen_clock):
    frozen_clock(at(26, 8))
    assert "remind" not in runner.run_due() and reminder_emails() == []  # before 08:30
    frozen_clock(at(26, 8, 31))
    done = runner.run_due()
    assert done["remind"] == "1 个单位，通知 1 条"
    assert len(reminder_emails()) == 1
    # The worker restarts, or a second worker runs the same pass: nothing is sent again.
    frozen_clock(at(26, 8, 32))
    assert "remind" not in runner.run_due()
    frozen_clock(at(26, 15))
    runner.run_due()
    assert len(reminder_emails()) == 1
    assert list(JobRun.objects.filter(job="remind").values_list("period", "ok")) == [("2026-11-26", True)]
    job = Job.objects.get(name="remind")
    assert job.last_ok and job.next_run_at == at(27, 8, 30) and job.schedule == "每天 08:30"
    frozen_clock(at(27, 9))  # the next morning
    runner.run_due()
    assert len(reminder_emails()) == 2


def test_escalation_presses_the_unit_and_tells_the_office(late_items, frozen_clock):
    frozen_clock(at(26, 9))
    assert runner.run_due()["escalate"] == "升级 1 项"  # 8 days red = 1 + 1 × 7: level 2 today
    escalated = Delivery.objects.filter(event="escalate").order_by("pk")
    assert [d.title for d in escalated] == ["【督办升级】超期八天", "【督办升级】今日 1 项"]
    assert [d.address for d in escalated] == ["l1@example.cn", "o1@example.cn"]
    assert "已升级为第 2 级督办" in escalated[0].text


def test_a_failing_job_is_recorded_and_tried_again(late_items, frozen_clock, monkeypatch, caplog):
    calls = []

    def broken(now):
        calls.append(now)
        raise RuntimeError("数据库不可用")

    monkeypatch.setattr(jobs, "remind", broken)
    frozen_clock(at(26, 9))
    runner.run_due()
    job = Job.objects.get(name="remind")
    assert job.last_ok is False and job.failures == 1 and "数据库不可用" in job.last_note
    assert "job remind failed" in caplog.text
    for minute in range(1, 5):
        frozen_clock(at(26, 9, minute))
        runner.run_due()
    assert len(calls) == runner.TRIES_PER_PERIOD  # then it waits for tomorrow
    assert JobRun.objects.get(job="remind").tries == runner.TRIES_PER_PERIOD


def test_frequent_jobs_run_at_their_interval(late_items, frozen_clock):
    frozen_clock(at(26, 9))
    assert {"dashboard", "notify_retry"} <= set(runner.run_due())
    frozen_clock(at(26, 9, 1))
    done = runner.run_due()
    assert "notify_retry" in done and "dashboard" not in done
    frozen_clock(at(26, 9, 5))
    assert "dashboard" in runner.run_due()
    assert not JobRun.objects.filter(job__in=["dashboard", "notify_retry"]).exists()
