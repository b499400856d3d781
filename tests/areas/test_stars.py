import pytest

from duban.areas import stars
from duban.areas.models import Star, StarScheme
from duban.ledger.models import Item, Journal, Subject, Unit
from duban.ledger.workflow import NotAllowed, WorkflowError

pytestmark = pytest.mark.django_db


def test_both_schemes_are_seeded_in_order():
    rural = StarScheme.objects.get(unit_kind=Unit.Kind.VILLAGE)
    urban = StarScheme.objects.get(unit_kind=Unit.Kind.COMMUNITY)
    assert [s.name for s in rural.stars.all()] == ["支部过硬星", "产业兴旺星", "生态宜居星", "平安法治星", "文明幸福星"]
    assert [s.name for s in urban.stars.all()] == ["支部过硬星", "共建共享星", "宜业兴业星", "平安法治星", "幸福和谐星"]


def _stars(kind):
    return list(StarScheme.objects.get(unit_kind=kind).stars.all())


def test_rating_awards_stars_journals_and_counts_the_level(units, people):
    community = units["community"]
    first, second, *_ = _stars(Unit.Kind.COMMUNITY)
    rating = stars.rate(community, 2026, people["officer"], {first.pk: (True, "班子坚强有力"), second.pk: (False, "")})
    assert rating.level == 1 and rating.rated_by == people["officer"]
    stars.rate(community, 2026, people["officer"], {second.pk: (True, "共建单位 12 家")})
    rating.refresh_from_db()
    assert rating.level == 2
    assert Journal.objects.filter(target=f"areas.starrating:{rating.pk}", action="rate_star").count() == 2


def test_rating_refuses_wrong_units_foreign_stars_and_non_officers(units, people):
    rural_star = _stars(Unit.Kind.VILLAGE)[1]
    with pytest.raises(WorkflowError):
        stars.rate(units["town"], 2026, people["officer"], {})
    with pytest.raises(WorkflowError):
        stars.rate(units["community"], 2026, people["officer"], {rural_star.pk: (True, "")})
    with pytest.raises(NotAllowed):
        stars.rate(units["community"], 2026, people["liaison"], {})
    assert not units["community"].star_ratings.exists()


def test_summary_counts_branches_by_star_level(units, people):
    officer = people["officer"]
    rural = _stars(Unit.Kind.VILLAGE)
    other_village = Unit.objects.create(name="姬石村", kind=Unit.Kind.VILLAGE)
    Unit.objects.create(name="万金村", kind=Unit.Kind.VILLAGE)  # not rated
    stars.rate(units["village"], 2026, officer, {s.pk: (True, "") for s in rural})
    stars.rate(other_village, 2026, officer, {s.pk: (i < 3, "") for i, s in enumerate(rural)})
    stars.rate(other_village, 2025, officer, {s.pk: (True, "") for s in rural})
    village_block = next(b for b in stars.summary(2026) if b["scheme"].unit_kind == Unit.Kind.VILLAGE)
    assert village_block["levels"][5] == 1 and village_block["levels"][3] == 1
    assert sum(village_block["levels"].values()) == village_block["rated"] == 2
    assert village_block["unrated"] == 1
    assert dict((star.name, n) for star, n in village_block["stars"])["文明幸福星"] == 1


def test_items_tied_to_stars_show_behind_the_units_stars(units, people):
    subject = Subject.objects.create(name="漓江路社区", kind=Subject.Kind.COMMUNITY, unit=units["community"])
    item = Item.objects.create(text="对标“五星”支部创建标准，完善社区服务功能", subject=subject,
                               status=Item.Status.ASSIGNED)
    elsewhere = Item.objects.create(text="别处的事项", status=Item.Status.ASSIGNED)
    star = Star.objects.get(scheme__unit_kind=Unit.Kind.COMMUNITY, name="幸福和谐星")
    stars.tie_item(item, star, people["officer"])
    stars.tie_item(elsewhere, star, people["officer"])
    behind = {s.name: items for s, items in stars.items_behind_stars(units["community"]).items()}
    assert behind["幸福和谐星"] == [item] and behind["支部过硬星"] == []
    assert Journal.objects.filter(item=item, action="tie_star").exists()
    with pytest.raises(NotAllowed):
        stars.tie_item(item, star, people["liaison"], tied=False)
