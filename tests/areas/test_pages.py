import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.areas.models import Stage, StarScheme
from duban.areas.projects import create_project, set_plan
from duban.ledger.models import Item, Subject, Unit

pytestmark = pytest.mark.django_db

PAST = str(clock.today() - dt.timedelta(days=30))  # an actual stage date may not lie ahead


@pytest.fixture
def world(people, units):
    """A project led by the liaison's town, another by a department, a community of the town."""
    ours = Subject.objects.create(name="天桥街道便民服务中心", kind=Subject.Kind.PROJECT)
    theirs = Subject.objects.create(name="双汇第三工业园", kind=Subject.Kind.PROJECT)
    community = Subject.objects.create(name="漓江路社区", kind=Subject.Kind.COMMUNITY, unit=units["community"])
    create_project(ours, people["officer"], owner_unit=units["town"])
    theirs_card = create_project(theirs, people["officer"], owner_unit=units["dept"])
    set_plan(theirs_card, people["officer"], {Stage.SIGNED: dt.date(2020, 1, 1)})  # lagging
    Item.objects.create(text="完善社区服务功能", subject=community, lead_unit=units["community"],
                        status=Item.Status.ASSIGNED, deadline=dt.date(2030, 1, 1))
    Item.objects.create(text="提升研发中心层次", subject=theirs, lead_unit=units["dept"],
                        status=Item.Status.ASSIGNED, deadline=dt.date(2030, 1, 1))
    return {"ours": ours, "theirs": theirs, "community": community}


def pages(world, units):
    return [
        reverse("areas:subjects"), reverse("areas:subject", args=[world["theirs"].pk]),
        reverse("areas:projects"), reverse("areas:project", args=[world["theirs"].pk]),
        reverse("areas:stars"), reverse("areas:star_unit", args=[units["community"].pk]),
    ]


def test_anonymous_visitors_are_sent_to_login(client, world, units):
    for url in pages(world, units):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url


def test_officer_sees_every_page_with_its_content(client, world, units, people):
    client.force_login(people["officer"])
    for url in pages(world, units):
        assert client.get(url).status_code == 200, url
    project_page = client.get(reverse("areas:project", args=[world["theirs"].pk])).content.decode()
    assert "提升研发中心层次" in project_page and "滞后" in project_page and "变更阶段" in project_page
    listing = client.get(reverse("areas:projects")).content.decode()
    assert "滞后项目" in listing and "双汇第三工业园" in listing
    stars = client.get(reverse("areas:stars")).content.decode()
    assert "城市社区“五星”支部" in stars and "漓江路社区" in stars


def test_liaison_reads_only_own_units_and_cannot_edit(client, world, units, people):
    client.force_login(people["liaison"])
    assert client.get(reverse("areas:project", args=[world["ours"].pk])).status_code == 200
    assert client.get(reverse("areas:project", args=[world["theirs"].pk])).status_code == 404
    assert client.get(reverse("areas:subject", args=[world["community"].pk])).status_code == 200
    assert client.get(reverse("areas:subject", args=[world["theirs"].pk])).status_code == 404
    page = client.get(reverse("areas:star_unit", args=[units["community"].pk]))
    assert page.status_code == 200 and "保存评定" not in page.content.decode()
    assert client.get(reverse("areas:star_unit", args=[units["village"].pk])).status_code == 404
    assert "双汇第三工业园" not in client.get(reverse("areas:projects")).content.decode()
    response = client.post(reverse("areas:project_stage", args=[world["ours"].pk]),
                           {"stage": Stage.SIGNED, "actual": PAST, "note": "签约"})
    assert response.status_code == 403
    response = client.post(reverse("areas:subject_merge", args=[world["community"].pk]), {"target": "双汇第三工业园"})
    assert response.status_code == 403
    assert Subject.objects.get(pk=world["community"].pk).merged_into is None


def test_officer_changes_stage_merges_and_rates_through_the_pages(client, world, units, people):
    client.force_login(people["officer"])
    url = reverse("areas:project_stage", args=[world["theirs"].pk])
    client.post(url, {"stage": Stage.SIGNED, "actual": PAST, "note": ""})
    world["theirs"].project.refresh_from_db()
    assert world["theirs"].project.current_stage == Stage.PLANNING  # refused: no progress note
    client.post(url, {"stage": Stage.SIGNED, "actual": PAST, "note": "正式签约"})
    world["theirs"].project.refresh_from_db()
    assert world["theirs"].project.current_stage == Stage.SIGNED

    dup = Subject.objects.create(name="第三工业园")
    response = client.post(reverse("areas:subject_merge", args=[dup.pk]), {"target": "双汇第三工业园"})
    assert response.status_code == 302
    dup.refresh_from_db()
    assert dup.merged_into == world["theirs"]
    assert client.get(reverse("areas:subject", args=[dup.pk])).status_code == 302  # old link leads on

    stars = list(StarScheme.objects.get(unit_kind=Unit.Kind.COMMUNITY).stars.all())
    data = {"year": 2026, f"star_{stars[0].pk}": "on", f"evidence_{stars[0].pk}": "班子过硬"}
    client.post(reverse("areas:star_rate", args=[units["community"].pk]), data)
    rating = units["community"].star_ratings.get(year=2026)
    assert rating.level == 1 and rating.rated_by == people["officer"]
    page = client.get(reverse("areas:star_unit", args=[units["community"].pk]) + "?year=2026").content.decode()
    assert "班子过硬" in page


def test_officer_ties_an_item_to_a_star_from_the_community_page(client, world, units, people):
    item = Item.objects.get(text="完善社区服务功能")
    star = StarScheme.objects.get(unit_kind=Unit.Kind.COMMUNITY).stars.get(name="共建共享星")
    url = reverse("areas:star_tie", args=[units["community"].pk])
    client.force_login(people["liaison"])
    assert client.post(url, {"item": item.pk, "star": star.pk}).status_code == 403
    client.force_login(people["officer"])
    client.post(url, {"item": item.pk, "star": star.pk})
    assert list(star.items.all()) == [item]
    page = client.get(reverse("areas:star_unit", args=[units["community"].pk])).content.decode()
    assert "取消关联" in page
    client.post(url, {"item": item.pk, "star": star.pk, "untie": "1"})
    assert not star.items.exists()


def test_officer_edits_plan_and_card_and_both_are_journaled(client, world, units, people):
    from duban.ledger.models import Journal

    client.force_login(people["officer"])
    url = reverse("areas:project_plan", args=[world["ours"].pk])
    client.post(url, {"owner_unit": units["dept"].pk, "investment": "3.20", "description": "",
                      "signed": "2026-03-01", "started": "2026-02-01"})  # out of order: refused
    card = world["ours"].project
    card.refresh_from_db()
    assert card.owner_unit == units["town"]
    client.post(url, {"owner_unit": units["dept"].pk, "investment": "3.20", "description": "",
                      "signed": "2026-03-01", "started": "2026-04-01"})
    card.refresh_from_db()
    assert card.owner_unit == units["dept"] and str(card.investment) == "3.20"
    entry = Journal.objects.get(action="edit_project", field="owner_unit")
    assert (entry.old, entry.new) == ("天桥街道", "区发展改革委")
    assert Journal.objects.filter(action="plan_stage").count() >= 2


def test_subject_list_leaves_out_names_only_proposals_or_rejections_carry(client, world, people):
    """The analyser's junk subjects (湖南, 学校) are not listed; subjects of ledger items, of a
    project card or with another subject merged into them are; the office can ask for all."""
    hunan, school = Subject.objects.create(name="湖南"), Subject.objects.create(name="学校")
    Item.objects.create(text="要学习湖南经验", subject=hunan, status=Item.Status.PROPOSED)
    Item.objects.create(text="学校要抓好安全", subject=school, status=Item.Status.REJECTED)
    kept = Subject.objects.create(name="漯河经开区")
    Subject.objects.create(name="经开区", merged_into=kept)
    client.force_login(people["officer"])
    names = {s.name for s in client.get(reverse("areas:subjects")).context["page"]}
    assert "湖南" not in names and "学校" not in names and "漯河经开区" in names
    assert world["community"].name in names  # a subject of items in the ledger only
    everything = {s.name for s in client.get(reverse("areas:subjects"), {"all": "1"}).context["page"]}
    assert {"湖南", "学校"} <= everything
