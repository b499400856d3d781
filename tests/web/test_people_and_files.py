"""People by their names, files by a human size and a Chinese file name, the header without a repeated unit."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.ledger.models import User
from duban.web.templatetags.duban import human_size, signature, who

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(people):
    for key, name in (("officer", "督查室 张科长"), ("liaison", "王丽")):
        people[key].first_name = name
        people[key].save()
    return people


def test_record_shows_names_and_sizes_not_login_ids_or_hashes(client_for, named, assigned):
    liaison = client_for(named["liaison"])
    liaison.post(reverse("item-action", args=[assigned.pk, "sign"]))
    upload = SimpleUploadedFile("现场照片.txt", ("已完成" * 200).encode(), content_type="text/plain")
    liaison.post(reverse("item-progress", args=[assigned.pk]), {"text": "已完成", "files": [upload]})
    page = liaison.get(reverse("item", args=[assigned.pk])).content.decode()
    timeline = page.split("办理记录")[1]
    assert "王丽 · " in timeline and "督查室 张科长 · " in timeline
    assert "liaison · " not in timeline and "officer · " not in timeline
    assert "现场照片.txt（1.8 KB）" in timeline and "sha256" not in page and " B," not in page
    admin = User.objects.create_user("admin", role=User.Role.ADMIN)
    assert "sha256" in client_for(admin).get(reverse("item", args=[assigned.pk])).content.decode()


def test_human_size():
    assert [human_size(n) for n in (620, 1536, 2_400_000)] == ["0.6 KB", "1.5 KB", "2.3 MB"]


def test_header_names_the_unit_once(named, units):
    assert who(named["officer"]) == "督查室 张科长"
    assert who(named["liaison"]) == "王丽 · 天桥街道"
    demo = User(username="weiban", first_name="区委办 联络员", role=User.Role.LIAISON,
                unit=units["town"].__class__(name="区委办公室", pk=999))
    assert who(demo) == "区委办 联络员"


def test_a_report_names_its_unit_once(named, units):
    town = units["town"]
    assert signature(named["liaison"], town) == "天桥街道 王丽"
    assert signature(User(username="tq", first_name="天桥街道 联络员"), town) == "天桥街道 联络员"
    assert signature(named["liaison"], None) == "王丽"


def test_downloads_have_chinese_names(client_for, named, assigned, frozen_clock):
    frozen_clock(dt.date(2026, 12, 5))
    client = client_for(named["officer"])
    export = client.get(reverse("ledger-export"))
    assert f"filename*=utf-8''{quote('督办台账-20261205.xlsx')}" in export["Content-Disposition"]
    bulletin = client.get(reverse("bulletin"), {"number": 12, "since": "2026-11-01", "until": "2026-12-05"})
    assert f"filename*=utf-8''{quote('督查通报〔2026〕12号.docx')}" in bulletin["Content-Disposition"]
    assert "duban-" not in export["Content-Disposition"] + bulletin["Content-Disposition"]
