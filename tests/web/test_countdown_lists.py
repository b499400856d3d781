"""Every page that lists items says how long each has left (剩余 N 天 / 超期 N 天), in the list itself.

Each case names a page and the part of it that holds the list, so a countdown shown elsewhere on
the page (the dashboard has two lists) does not count for another.
"""

import datetime as dt

import lxml.html
import pytest
from django.urls import reverse

from duban import clock
from duban.areas.models import Star
from duban.areas.projects import create_project
from duban.areas.stars import tie_item
from duban.ledger.models import Item, Source, Subject

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)
S = Item.Status


@pytest.fixture
def lists(frozen_clock, people, units):
    """One overdue item being worked on (a community's, tied to a star) and one waiting to be
    signed, due soon; both from one report, about one project, said by one leader."""
    frozen_clock(TODAY)
    source = Source.objects.create(title="秦保强到召陵区调研", origin=Source.Origin.TEXT, content_hash="c1", raw=b"x",
                                   article={"title": "秦保强到召陵区调研", "body": ["要加快便民服务中心建设。"]})
    subject = Subject.objects.create(name="天桥街道便民服务中心", kind=Subject.Kind.PROJECT)
    create_project(subject, people["officer"], owner_unit=units["town"])
    common = {"source": source, "subject": subject, "subject_name": subject.name, "speaker": "秦保强"}
    late = Item.objects.create(text="要加快便民服务中心建设", status=S.IN_PROGRESS, lead_unit=units["community"],
                               deadline=TODAY - dt.timedelta(days=3), **common)
    soon = Item.objects.create(text="要完善社区服务功能", status=S.ASSIGNED, lead_unit=units["town"],
                               deadline=TODAY + dt.timedelta(days=2), **common)
    star = Star.objects.filter(scheme__unit_kind=units["community"].kind).first()
    tie_item(late, star, people["officer"])
    return {"source": source, "subject": subject, "late": late, "soon": soon}


LATE, SOON = "超期 3 天", "剩余 2 天"
# (case, who looks, the page, XPath of the list on it, what it must say)
CASES = [
    ("ledger", "officer", lambda w, u: reverse("ledger"), "//table[contains(@class,'items')]", [LATE, SOON]),
    ("office queue 超期", "officer", lambda w, u: reverse("dashboard"), "//*[@id='queue-overdue']", [LATE]),
    ("dashboard 超期事项", "officer", lambda w, u: reverse("dashboard"),
     "//section[h2='超期事项']", [LATE]),
    ("liaison queue 待签收", "liaison", lambda w, u: reverse("unit", args=[u["town"].pk]),
     "//*[@id='queue-sign']", [SOON]),
    ("liaison queue 即将到期", "liaison", lambda w, u: reverse("unit", args=[u["town"].pk]),
     "//*[@id='queue-due_soon']", [SOON]),
    ("unit page", "officer", lambda w, u: reverse("unit", args=[u["town"].pk]), "//section[@id='light-red']", [LATE]),
    ("leader page", "officer", lambda w, u: reverse("leader", args=["秦保强"]), "//section[@id='light-red']", [LATE]),
    ("subject page", "officer", lambda w, u: reverse("subject", args=[w["subject"].pk]), "//table", [LATE, SOON]),
    ("areas subject page", "officer", lambda w, u: reverse("areas:subject", args=[w["subject"].pk]),
     "//section[h3]//table", [LATE, SOON]),
    ("project 问题清单", "officer", lambda w, u: reverse("areas:project", args=[w["subject"].pk]),
     "//section[starts-with(normalize-space(h2),'问题清单')]", [LATE, SOON]),
    ("star unit 对标各星", "officer", lambda w, u: reverse("areas:star_unit", args=[u["community"].pk]),
     "//section[h2='对标各星的事项']", [LATE]),
    ("source page", "officer", lambda w, u: reverse("source", args=[w["source"].pk]), "//ol", [LATE, SOON]),
    ("review screen", "officer", lambda w, u: reverse("review", args=[w["source"].pk]),
     "//*[@id='review']", [LATE, SOON]),
]


@pytest.mark.parametrize(("who", "url", "where", "expected"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_the_list_shows_each_item_s_countdown(client_for, people, units, lists, who, url, where, expected):
    response = client_for(people[who]).get(url(lists, units))
    assert response.status_code == 200
    found = lxml.html.fromstring(response.content.decode()).xpath(where)
    assert found, f"no {where} on the page"
    text = " ".join(node.text_content() for node in found)
    for words in expected:
        assert words in text


def test_finished_items_in_a_list_have_no_countdown(client_for, people, units, lists):
    Item.objects.filter(pk=lists["late"].pk).update(status=S.CLOSED, closed_at=clock.now())
    page = client_for(people["officer"]).get(reverse("source", args=[lists["source"].pk])).content.decode()
    assert LATE not in page and SOON in page
