"""考核: units ranked by how they close their items over a period.

Every count is of the items a unit *leads* (责任单位; co-operating units are not assessed), as
the ledger's filters select them (``ledger_filters(period, measure, unit)``), so each number
opens the ledger on exactly the items it counts. Over a period ``since``..``until`` (local
days, both included):

- 办结数 ``closed``: items closed (已销号) in the period, still closed now; a reopened item
  counts again when it is closed again, on that day;
- 按期办结 ``on_time``: of those, closed on or before their deadline (the current one, after
  approved extensions; a 销号 on the deadline day is on time); ``with_deadline`` of them
  have one, and 按期办结率 = ``on_time`` / ``with_deadline`` (none without a deadline);
- 超期数 ``overdue`` = 在办超期 ``overdue_now`` (not closed and past the deadline today:
  red) + 逾期办结 ``closed_late`` (closed in the period after their deadline);
- 退回次数 ``returns``: the office's 退回 in the period (each one, from the journal);
- 评价: of the items closed in the period, how many got each grade, how many none
  (``unrated``: a spreadsheet import, or closed before ratings), and the mean score of the
  rated ones (``Rating.score``).

Counted in four queries whatever the ledger's size: one grouped pass over the items closed
in the period, one over the red items, one over the period's 退回 lines, and the units' names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from duban import clock
from duban.ledger.filters import UNRATED, LedgerFilters, closed_on_time, return_lines
from duban.ledger.models import Item, Rating, Unit


def definitions() -> list[tuple[str, str]]:
    """What each measure counts, in the users' words: said on the page and in the export."""
    scores = _("、").join(_("%(grade)s %(score)s 分") % {"grade": r.label, "score": r.score} for r in Rating)
    return [
        (_("统计范围"), _("按责任单位（牵头单位）统计，配合单位不计；期内销号后又重新打开、尚未再次销号的事项不计入办结。")),
        (_("按期办结率"), _("期内销号且有完成时限的事项中，在时限当日或之前销号的比例（时限以批准延期后的为准；"
                       "无时限的事项不计入）。")),
        (_("超期数"), _("在办超期（今天仍未办结且已过完成时限）加逾期办结（期内销号但晚于完成时限）。")),
        (_("退回次数"), _("期内督查室退回申请销号的次数（以办理记录为准，同一事项退回两次计两次）。")),
        (_("评价"), _("期内销号事项的评价（%(scores)s），平均分只计已评价的事项；未评价：表格导入或启用评价前销号的事项。")
         % {"scores": scores}),
    ]


@dataclass(frozen=True)
class Period:
    since: dt.date
    until: dt.date


def quarter_of(day: dt.date) -> Period:
    """The calendar quarter ``day`` falls in (the page's default period)."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    since = day.replace(month=first_month, day=1)
    next_quarter = since.replace(year=since.year + 1, month=1) if first_month == 10 else since.replace(
        month=first_month + 3)
    return Period(since, next_quarter - dt.timedelta(days=1))


def previous_quarter(day: dt.date) -> Period:
    return quarter_of(quarter_of(day).since - dt.timedelta(days=1))


@dataclass
class UnitScore:
    unit_id: int
    unit: str
    closed: int = 0
    with_deadline: int = 0
    on_time: int = 0
    closed_late: int = 0
    overdue_now: int = 0
    returns: int = 0
    ratings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Rating.values, 0))
    unrated: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """按期办结率, 0..1; None when nothing with a deadline was closed in the period."""
        return self.on_time / self.with_deadline if self.with_deadline else None

    @property
    def overdue(self) -> int:
        return self.overdue_now + self.closed_late

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def mean_score(self) -> float | None:
        """The mean of the rated items' scores; None when none was rated."""
        if not self.rated:
            return None
        return sum(Rating(grade).score * n for grade, n in self.ratings.items()) / self.rated

    def add(self, other: UnitScore) -> None:
        for name in ("closed", "with_deadline", "on_time", "closed_late", "overdue_now", "returns", "unrated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for grade, n in other.ratings.items():
            self.ratings[grade] += n


def high_first(value: float | None) -> tuple:
    """A sort key: the highest first, None (nothing to measure) after every number."""
    return (value is None, -(value or 0))


# Sort keys (the page's column headers): each sorts best first.
SORTS = {
    "rate": lambda s: high_first(s.on_time_rate),
    "overdue": lambda s: s.overdue,
    "returns": lambda s: s.returns,
    "score": lambda s: high_first(s.mean_score),
    "closed": lambda s: -s.closed,
}
DEFAULT_SORT = "rate"
TIE_BREAKS = ("rate", "overdue", "returns", "score")


def rank(scores: list[UnitScore], by: str = DEFAULT_SORT) -> list[UnitScore]:
    """Best first by ``by`` (a ``SORTS`` key), ties by on-time rate, fewest overdue, fewest
    returns, best mean score, then the unit's name."""
    primary = SORTS.get(by, SORTS[DEFAULT_SORT])
    return sorted(scores, key=lambda s: (primary(s), *(SORTS[key](s) for key in TIE_BREAKS), s.unit))


def ledger_filters(period: Period, measure: str, unit_id: int | None = None) -> LedgerFilters:
    """The ledger's filters for the items behind one measure (a ``MEASURES`` key, or a grade,
    or ``UNRATED``) of one lead unit (None: every unit)."""
    closed = {"status": (Item.Status.CLOSED,), "closed_from": period.since, "closed_to": period.until}
    by_measure = {
        "closed": closed,
        "on_time": {**closed, "on_time": True},
        "closed_late": {**closed, "on_time": False},
        "overdue_now": {"light": Item.Light.RED},
        "returns": {"returned_from": period.since, "returned_to": period.until},
        **{grade: {**closed, "rating": grade} for grade in [*Rating.values, UNRATED]},
    }
    return LedgerFilters.of({**by_measure[measure], "lead_unit": unit_id})


MEASURES = ("closed", "on_time", "closed_late", "overdue_now", "returns")


def assess(period: Period, *, today: dt.date | None = None, by: str = DEFAULT_SORT) -> list[UnitScore]:
    """Each lead unit with anything to count in ``period`` (or red today), ranked by ``by``."""
    today = today or clock.today()
    scores: dict[int, UnitScore] = {}

    def score(unit_id: int) -> UnitScore:
        return scores.setdefault(unit_id, UnitScore(unit_id, ""))

    closed = ledger_filters(period, "closed").condition()
    rows = (Item.objects.filter(closed, lead_unit__isnull=False).order_by().values("lead_unit")
            .annotate(closed=Count("*"), with_deadline=Count("status", filter=Q(deadline__isnull=False)),
                      on_time=Count("status", filter=closed_on_time()),
                      unrated=Count("status", filter=Q(rating="")),
                      **{f"rating_{grade}": Count("status", filter=Q(rating=grade)) for grade in Rating.values}))
    for row in rows:
        unit = score(row["lead_unit"])
        unit.closed, unit.with_deadline, unit.on_time = row["closed"], row["with_deadline"], row["on_time"]
        # Closed with a deadline is on time or late (``closed_on_time``/``closed_late``): one
        # comparison per row fewer, and it is the costly one (a local day per 销号 moment).
        unit.closed_late, unit.unrated = row["with_deadline"] - row["on_time"], row["unrated"]
        unit.ratings = {grade: row[f"rating_{grade}"] for grade in Rating.values}

    red = (Item.objects.filter(Item.light_is(Item.Light.RED, today), lead_unit__isnull=False).order_by()
           .values("lead_unit").annotate(n=Count("*")))
    for row in red:
        score(row["lead_unit"]).overdue_now = row["n"]

    returns = (return_lines(period.since, period.until).filter(item__lead_unit__isnull=False).order_by()
               .values(unit=F("item__lead_unit")).annotate(n=Count("*")))
    for row in returns:
        score(row["unit"]).returns = row["n"]

    for pk, name in Unit.objects.filter(pk__in=scores).values_list("pk", "name"):
        scores[pk].unit = name
    return rank(list(scores.values()), by)


def total(scores: list[UnitScore]) -> UnitScore:
    """合计 over the units (the rate and the mean score from the summed counts)."""
    whole = UnitScore(0, _("合计"))
    for one in scores:
        whole.add(one)
    return whole
