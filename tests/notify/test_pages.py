"""A user's own notification settings page."""

import pytest
from django.urls import reverse

from duban import notify
from duban.ledger.models import Unit, User
from duban.notify.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def liaison(client):
    user = User.objects.create_user("l1", email="l1@example.cn", role=User.Role.LIAISON,
                                    unit=Unit.objects.create(name="天桥街道"))
    client.force_login(user)
    return user


def management(total, initial):
    return {"t-TOTAL_FORMS": str(total), "t-INITIAL_FORMS": str(initial), "t-MIN_NUM_FORMS": "0",
            "t-MAX_NUM_FORMS": "1000"}


def test_choose_a_channel_with_events(client, liaison):
    page = client.get(reverse("notify:mine")).content.decode()
    assert "钉钉群机器人" in page and "l1@example.cn" in page
    response = client.post(reverse("notify:mine"), {
        **management(1, 0), "t-0-channel": "dingtalk", "t-0-address": "https://oapi.dingtalk.com/robot/send?access_token=x",
        "t-0-secret": "SEC", "t-0-event_list": ["urge", "remind"], "t-0-enabled": "on"})
    assert response.status_code == 302
    target = Target.objects.get(user=liaison)
    assert (target.channel, target.secret, target.events) == ("dingtalk", "SEC", "urge,remind")
    assert target.wants("urge") and not target.wants("assign")


def test_blank_extra_row_saves_nothing_and_rows_can_be_removed(client, liaison):
    target = Target.objects.create(user=liaison, channel="email")
    client.post(reverse("notify:mine"), {**management(2, 1), "t-0-id": str(target.pk), "t-0-channel": "email",
                                         "t-0-enabled": "on", "t-0-DELETE": "on", "t-1-channel": "",
                                         "t-1-enabled": "on"})
    assert not Target.objects.exists()


def test_another_users_channel_cannot_be_edited(client, liaison):
    other = User.objects.create_user("l2")
    theirs = Target.objects.create(user=other, channel="email", address="l2@example.cn")
    # A forged row id is outside the user's rows: Django's formset skips it.
    response = client.post(reverse("notify:mine"), {**management(1, 1), "t-0-id": str(theirs.pk),
                                                    "t-0-channel": "sms", "t-0-address": "13800000000"})
    theirs.refresh_from_db()
    assert (theirs.user, theirs.channel, theirs.address) == (other, "email", "l2@example.cn")
    assert response.status_code in (302, 400) and not Target.objects.filter(user=liaison).exists()


def test_shows_what_was_sent(client, liaison, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notify.send("remind", None, [liaison], title="【督办提醒】天桥街道", text="红灯 1 项", immediately=True)
    page = client.get(reverse("notify:mine")).content.decode()
    assert "【督办提醒】天桥街道" in page and "已送达" in page
