"""考核 for scripts: the same table as the page (``duban.ledger.assessment``), for the office and leaders."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from duban import clock
from duban.api.access import caller
from duban.api.params import Day
from duban.api.schemas import refusals
from duban.ledger import assessment
from duban.ledger.workflow import NotAllowed, WorkflowError

router = Router(tags=["基础数据与统计"])

SortKey = Literal[tuple(assessment.SORTS)]  # type: ignore[valid-type]


class UnitScoreOut(Schema):
    unit_id: int | None = Field(None, description="责任单位（合计行为空）")
    unit: str = Field(description="责任单位名称")
    closed: int = Field(description="办结数：期内销号（至今仍为已销号）的事项")
    with_deadline: int = Field(description="其中有完成时限的")
    on_time: int = Field(description="按期办结数：在时限当日或之前销号（时限以批准延期后的为准）")
    on_time_rate: float | None = Field(None, description="按期办结率 = on_time / with_deadline（0–1；无可计事项时为空）")
    overdue_now: int = Field(description="在办超期：今天仍未办结且已过时限")
    closed_late: int = Field(description="逾期办结：期内销号但晚于时限")
    overdue: int = Field(description="超期数 = overdue_now + closed_late")
    returns: int = Field(description="退回次数：期内督查室退回申请销号的次数")
    ratings: dict[str, int] = Field(description="期内销号事项各评价的数量（good 好 / fair 较好 / average 一般 / poor 差）")
    unrated: int = Field(description="未评价的期内销号事项")
    mean_score: float | None = Field(None, description="平均分（好 100、较好 80、一般 60、差 40；只计已评价事项）")

    @staticmethod
    def resolve_unit_id(score):
        return score.unit_id or None


class AssessmentOut(Schema):
    since: Day = Field(description="起始日期（含）")
    until: Day = Field(description="截止日期（含）")
    units: list[UnitScoreOut] = Field(description="各责任单位，按 sort 排名")
    total: UnitScoreOut = Field(description="合计")


@router.get("/assessment", response={200: AssessmentOut, **refusals(400, 403)}, summary="考核：各单位按期办结率、超期、退回和评价")
def get_assessment(request, since: Day | None = None, until: Day | None = None, sort: SortKey = "rate"):
    """督查室和领导可用（联络员 403）。期间默认为当前季度；按责任单位（牵头）统计，口径与 /assessment/ 页面相同。"""
    if not caller(request).sees_everything:
        raise NotAllowed(_("只有督查室和领导可以查看考核。"))
    quarter = assessment.quarter_of(clock.today())
    period = assessment.Period(since or quarter.since, until or quarter.until)
    if period.since > period.until:
        raise WorkflowError(_("起始日期不能晚于截止日期。"))
    scores = assessment.assess(period, by=sort)
    return {"since": period.since, "until": period.until, "units": scores, "total": assessment.total(scores)}
