"""五星 branch ratings: rating a village or community for a year, tying items to stars, summaries.

The schemes (which five stars a rural village or an urban community can earn) are rows of
``StarScheme``/``Star``, seeded by a data migration and editable in the admin.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from duban.areas.models import Star, StarAward, StarRating, StarScheme
from duban.ledger.models import Item, Journal, Unit, User, visible_units
from duban.ledger.workflow import NotAllowed, WorkflowError

RATED_KINDS = (Unit.Kind.VILLAGE, Unit.Kind.COMMUNITY)


def scheme_for(unit: Unit) -> StarScheme:
    scheme = StarScheme.objects.filter(unit_kind=unit.kind).first()
    if scheme is None:
        raise WorkflowError(_("“%(name)s”不是村或社区，没有适用的星级标准。") % {"name": unit.name})
    return scheme


@transaction.atomic
def rate(unit: Unit, year: int, user: User, awards: Mapping[int, tuple[bool, str]]) -> StarRating:
    """Record (or revise) a unit's stars for a year: ``awards`` maps star id → (awarded, evidence).

    Officers only; each changed star is journaled; stars not in ``awards`` stay as they were.
    """
    if not user.is_authenticated or not user.is_office:
        raise NotAllowed(_("只有督查室可以评定星级。"))
    scheme = scheme_for(unit)
    stars = {star.pk: star for star in scheme.stars.all()}
    unknown = set(awards) - set(stars)
    if unknown:
        raise WorkflowError(_("评定的星不属于该单位适用的星级标准。"))
    rating, _created = StarRating.objects.get_or_create(unit=unit, year=year, defaults={"scheme": scheme})
    rating.rated_by = user
    rating.save(update_fields=["rated_by", "rated_at"])
    target = f"areas.starrating:{rating.pk}"
    for star_id, (awarded, evidence) in awards.items():
        award, _created = StarAward.objects.get_or_create(rating=rating, star=stars[star_id])
        if award.awarded != awarded or award.evidence != evidence:
            Journal.record(user=user, target=target, action="rate_star", field=stars[star_id].name,
                           old="★" if award.awarded else "☆", new="★" if awarded else "☆", reason=evidence)
            award.awarded, award.evidence = awarded, evidence
            award.save()
    return rating


@transaction.atomic
def tie_item(item: Item, star: Star, user: User, *, tied: bool = True) -> None:
    """Tie an item to the star it serves ("对标'五星'支部创建标准…"), or untie it."""
    if not user.is_authenticated or not user.is_office:
        raise NotAllowed(_("只有督查室可以关联星级。"))
    if tied == star.items.filter(pk=item.pk).exists():
        return
    (star.items.add if tied else star.items.remove)(item)
    Journal.record(user=user, item=item, action="tie_star" if tied else "untie_star", field="stars",
                   new=star.name if tied else "", old="" if tied else star.name)


def items_of_unit(unit: Unit):
    """Items about a village/community: its subject's items or items it leads."""
    return Item.objects.in_ledger().filter(Q(subject__unit=unit) | Q(lead_unit=unit) | Q(subject__name=unit.name))


def items_behind_stars(unit: Unit) -> dict[Star, list[Item]]:
    """For each star of the unit's scheme, the items about this unit tied to it."""
    scheme = scheme_for(unit)
    items = items_of_unit(unit)
    return {star: list(star.items.filter(pk__in=items.values("pk")).distinct())
            for star in scheme.stars.all()}


def units_visible_to(user: User):
    units = Unit.objects.filter(kind__in=RATED_KINDS, is_active=True)
    scope = visible_units(user)
    return units if scope is None else units.filter(pk__in=scope)


def summary(year: int, user: User | None = None) -> list[dict]:
    """Per scheme: how many branches hold each star level (0–5) in ``year``, and each star's count.

    ``[{"scheme", "levels": {0: n, ..., 5: n}, "stars": [(star, n)], "rated": n, "unrated": n}]``
    """
    units = units_visible_to(user) if user is not None else Unit.objects.filter(kind__in=RATED_KINDS)
    ratings = (StarRating.objects.filter(year=year, unit__in=units)
               .select_related("scheme").prefetch_related("awards"))
    result = []
    for scheme in StarScheme.objects.prefetch_related("stars"):
        stars = list(scheme.stars.all())
        of_scheme = [r for r in ratings if r.scheme_id == scheme.pk]
        levels = {n: 0 for n in range(len(stars) + 1)}
        per_star = {star.pk: 0 for star in stars}
        for rating in of_scheme:
            levels[rating.level] = levels.get(rating.level, 0) + 1
            for award in rating.awards.all():
                if award.awarded:
                    per_star[award.star_id] = per_star.get(award.star_id, 0) + 1
        rated_units = {r.unit_id for r in of_scheme}
        result.append({
            "scheme": scheme,
            "levels": levels,
            "stars": [(star, per_star[star.pk]) for star in stars],
            "rated": len(of_scheme),
            "unrated": units.filter(kind=scheme.unit_kind).exclude(pk__in=rated_units).count(),
        })
    return result
