"""The admin shows the worker's jobs (last run, result, next run, failures) and the delivery log."""

import datetime as dt

import pytest

from duban import notify
from duban.notify.models import Delivery
from duban.notify.service import Address
from duban.schedule import runner

pytestmark = pytest.mark.django_db


def test_jobs_and_deliveries_in_the_admin(admin_client, frozen_clock, settings):
    frozen_clock(dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC))  # 17:00 in Shanghai
    runner.run_due()
    page = admin_client.get("/admin/schedule/job/").content.decode()
    for text in ("黄灯红灯提醒", "每天 08:30", "重发未送达的通知", "每 1 分钟", "2026年11月27日"):
        assert text in page, text
    [delivery] = notify.send("urge", None, [Address("webhook", "http://127.0.0.1:9/none")], title="催办测试",
                             immediately=True)
    assert "催办测试" in admin_client.get("/admin/notify/delivery/").content.decode()
    detail = admin_client.get(f"/admin/notify/delivery/{delivery.pk}/change/").content.decode()
    assert "发送尝试" in detail and delivery.last_error in detail
    admin_client.post("/admin/notify/delivery/", {"action": "retry", "_selected_action": [delivery.pk]})
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.PENDING
