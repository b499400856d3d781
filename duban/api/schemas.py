"""Request and response shapes. Descriptions are Chinese: they show up in /api/docs."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool, model_validator
from pydantic.json_schema import SkipJsonSchema

from duban.analysis.schema import TOPICS
from duban.api.params import Day, Id, Version
from duban.ledger import evidence_files
from duban.ledger.models import Item, Rating

Topic = Literal[TOPICS]  # type: ignore[valid-type]
StatusName = Literal[tuple(Item.Status.values)]  # type: ignore[valid-type]
LightName = Literal[tuple(Item.Light.values)]  # type: ignore[valid-type]
LevelName = Literal[tuple(Item.Level.values)]  # type: ignore[valid-type]
PriorityName = Literal[tuple(Item.Priority.values)]  # type: ignore[valid-type]
RatingName = Literal[tuple(Rating.values)]  # type: ignore[valid-type]
RATING_HELP = "评价：" + "、".join(f"{r.value} {r.label}（{r.score} 分）" for r in Rating)

# "A character that str.strip() keeps" (JSON Schema patterns search, so one is enough). Python's
# strip() also removes \x1c-\x1f, which Rust's \s (pydantic) and ECMAScript's do not: listed.
NON_BLANK = r"[^\s\x1c-\x1f]"
NonBlank = Annotated[str, Field(min_length=1, pattern=NON_BLANK)]
"""Text the ledger requires: it strips what it stores, so spaces alone count as missing."""


class Error(Schema):
    detail: str = Field(description="出错原因（一句话）")


def refusals(*codes: int) -> dict[int, type[Error]]:
    """The responses a route declares for the refusals its rules produce (401, 422 and a
    malformed body's 400 follow from the route's shape: see ``DubanAPI`` in api.py)."""
    return dict.fromkeys(codes, Error)


class InvalidRequest(Error):
    errors: list[dict] = Field(description="逐项的校验错误（pydantic 格式：loc、msg、type）")


class UnitRef(Schema):
    id: int
    name: str = Field(description="单位名称")


class UnitOut(UnitRef):
    kind: str = Field(description="类型：leadership/department/town/village/community/enterprise/project/other")
    parent_id: int | None = Field(None, description="上级单位")
    division_code: str = Field("", description="区划代码")
    is_active: bool = Field(description="是否启用")
    aliases: list[str] = Field(default_factory=list, description="别名")

    @staticmethod
    def resolve_aliases(unit):
        return [a.alias for a in unit.aliases.all()]


class SubjectOut(Schema):
    id: int
    name: str = Field(description="对象名称（项目、村、社区、企业、设施…）")
    kind: str = Field(description="对象类型")
    unit_id: int | None = Field(None, description="对应单位")
    merged_into_id: int | None = Field(None, description="已合并到的对象")
    aliases: list[str] = Field(default_factory=list, description="别名")

    @staticmethod
    def resolve_aliases(subject):
        return [a.alias for a in subject.aliases.all()]


class Me(Schema):
    id: int
    username: str
    name: str = Field(description="姓名")
    role: str = Field(description="角色：officer 督查室 / liaison 单位联络员 / leader 领导 / admin 管理员")
    unit: UnitRef | None = Field(None, description="所属单位（联络员）")

    @staticmethod
    def resolve_name(user):
        return user.get_full_name() or user.username


class ItemOut(Schema):
    id: int
    text: str = Field(description="交办事项")
    number: str | None = Field(None, description="督办编号（交办时给出，如 督〔2026〕17号）")
    status: StatusName = Field(description="状态")
    status_label: str = Field(description="状态（中文）")
    light: LightName = Field(description="亮灯：green 绿 / yellow 黄 / red 红 / done 已办结 / none 无时限")
    escalation: int = Field(description="督办升级级别：0 未超期，1 红灯，2+ 红灯持续更久")
    priority: PriorityName = Field(description="优先级：normal 一般 / key 重点 / urgent 紧急（领导批示可调整）")
    topic: str = Field(description="领域")
    level: LevelName = Field(description="层级：theme 主题 / item 事项")
    speaker: str = Field(description="讲话领导")
    stop_name: str = Field(description="调研点位")
    subject_name: str = Field(description="对象（原文）")
    subject_id: int | None = Field(None, description="对象")
    lead_unit: UnitRef | None = Field(None, description="责任单位")
    co_units: list[UnitRef] = Field(default_factory=list, description="配合单位")
    suggested_unit: UnitRef | None = Field(None, description="建议责任单位（分析得出，待督查室确认）")
    suggested_co_units: list[UnitRef] = Field(default_factory=list,
                                              description="建议配合单位（分析得出，交办时由督查室确认）")
    leader_in_charge: str = Field(description="责任领导")
    deadline: dt.date | None = Field(None, description="完成时限")
    deadline_text: str = Field(description="原文时限")
    source_id: int | None = Field(None, description="来源报道")
    parent_id: int | None = Field(None, description="所属主题事项")
    merged_into_id: int | None = Field(None, description="合并到的事项")
    version: int = Field(description="版本号：修改和流转时原样提交，用于发现并发修改")
    created_at: dt.datetime
    updated_at: dt.datetime
    assigned_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    rating: RatingName | Literal[""] = Field("", description=RATING_HELP + "；空为未评价（销号时给出，重新打开时清除）")
    rating_note: str = Field("", description="评价说明")

    @staticmethod
    def resolve_status_label(item):
        return item.get_status_display()

    @staticmethod
    def resolve_light(item):
        # The list annotates light_sql in the database; a single item computes it in Python.
        return getattr(item, "light_sql", None) or item.light()

    @staticmethod
    def resolve_escalation(item):
        return item.escalation()

    @staticmethod
    def resolve_co_units(item):
        return list(item.co_units.all())

    @staticmethod
    def resolve_suggested_co_units(item):
        return list(item.suggested_co_units.all())


class EvidenceOut(Schema):
    id: int
    name: str = Field(description="原文件名")
    content_type: str = Field(description="文件类型")
    size: int = Field(description="字节数")
    sha256: str = Field(description="SHA-256 摘要")
    uploaded_at: dt.datetime
    url: str = Field(description="下载地址（需登录且有权查看该事项）")
    preview_url: str | None = Field(None, description="预览地址（图片、PDF 在页面中显示；其他类型为空，只能下载）")
    thumbnail_url: str | None = Field(None, description="缩略图地址（图片、PDF 首页；其他类型为空）")

    @staticmethod
    def resolve_name(evidence):
        return evidence.original_name

    @staticmethod
    def resolve_preview_url(evidence):
        if not evidence_files.preview_kind(evidence):
            return None
        return reverse("api:evidence_preview", kwargs={"evidence_id": evidence.pk})

    @staticmethod
    def resolve_thumbnail_url(evidence):
        if not evidence_files.preview_kind(evidence):
            return None
        return reverse("api:evidence_thumbnail", kwargs={"evidence_id": evidence.pk})

    @staticmethod
    def resolve_url(evidence):
        return reverse("api:evidence_download", kwargs={"evidence_id": evidence.pk})


class Reported(Schema):
    """What a unit sends the office (a progress report, a 办结报告): who, from which unit, when."""

    id: int
    unit: UnitRef | None = Field(None, description="报送单位")
    author: str = Field(description="报送人")
    created_at: dt.datetime

    @staticmethod
    def resolve_author(report):
        return report.author.username if report.author else ""


class ProgressOut(Reported):
    text: str = Field(description="进展情况")
    percent: int | None = Field(None, description="完成比例（%）")
    milestone: str = Field(description="节点")
    evidence: list[EvidenceOut] = Field(default_factory=list, description="佐证材料")

    @staticmethod
    def resolve_evidence(progress):
        return list(progress.evidence.all())


class ExtensionOut(Schema):
    id: int
    item_id: int
    status: str = Field(description="pending 待审批 / approved 已同意 / denied 未同意")
    requested_by: str = Field(description="申请人")
    requested_at: dt.datetime
    old_deadline: dt.date | None = Field(None, description="原时限")
    new_deadline: dt.date = Field(description="申请延期至")
    reason: str = Field(description="延期理由")
    decided_by: str = Field(description="审批人")
    decided_at: dt.datetime | None = None
    decision_reason: str = Field(description="审批意见")

    @staticmethod
    def resolve_requested_by(extension):
        return extension.requested_by.username if extension.requested_by else ""

    @staticmethod
    def resolve_decided_by(extension):
        return extension.decided_by.username if extension.decided_by else ""


class JournalOut(Schema):
    id: int
    at: dt.datetime = Field(description="时间")
    username: str = Field(description="操作人")
    action: str = Field(description="操作")
    field: str = Field(description="字段")
    old: str = Field(description="原值")
    new: str = Field(description="新值")
    reason: str = Field(description="理由")


class ActionOut(Schema):
    name: str = Field(description="操作名，即 POST /items/{id}/{name}")
    label: str = Field(description="操作（中文）")
    needs_reason: bool = Field(description="是否必须填写理由（对此事项：如无佐证材料的销号）")
    unmet: str = Field("", description="尚不满足的条件；为空表示可以执行")
    needs_rating: bool = Field(False, description="是否须评价（销号：rating 必填）")
    needs_report: bool = Field(False, description="是否须随操作填写办结报告（申请销号）")


class SourceSpan(Schema):
    before: str = Field(description="原文中该指示之前的文字")
    directive: str = Field(description="指示原文")
    after: str = Field(description="之后的文字")


class LeaderOut(Schema):
    id: int
    username: str
    name: str = Field(description="姓名")

    @staticmethod
    def resolve_name(user):
        return user.get_full_name() or user.username


class InstructionOut(Schema):
    id: int
    item_id: int
    leader: LeaderOut = Field(description="批示领导")
    text: str = Field(description="批示内容")
    given_at: dt.datetime = Field(description="批示时间（录入时间）")
    recorded_by: str = Field(description="录入人：领导本人，或代领导录入纸质批示的督查室人员")
    on_behalf: bool = Field(description="是否由他人代领导录入")
    reopened: bool = Field(description="批示是否重新打开了已销号的事项")
    priority: PriorityName | None = Field(None, description="批示调整后的优先级（未调整为 null）")

    @staticmethod
    def resolve_recorded_by(instruction):
        return instruction.recorded_by.username if instruction.recorded_by else ""

    @staticmethod
    def resolve_priority(instruction):
        return instruction.priority or None


class InstructionRequestOut(Schema):
    id: int
    item_id: int
    leader: LeaderOut = Field(description="呈送的领导")
    requested_by: str = Field(description="呈批人")
    requested_at: dt.datetime = Field(description="呈批时间")
    note: str = Field(description="呈批说明")
    read_at: dt.datetime | None = Field(None, description="领导圈阅时间（未阅为 null）")
    answered: bool = Field(description="领导是否已批示（已批示即移出待批示）")

    @staticmethod
    def resolve_requested_by(request):
        return request.requested_by.username if request.requested_by else ""

    @staticmethod
    def resolve_answered(request):
        return request.answer_id is not None


class ReadingOut(Schema):
    leader: LeaderOut = Field(description="圈阅的领导")
    at: dt.datetime = Field(description="最近一次圈阅时间")

    @staticmethod
    def resolve_leader(reading):
        return reading.user


class ItemDetail(ItemOut):
    source_span: SourceSpan = Field(description="指示在原文段落中的位置")
    actions: list[ActionOut] = Field(description="当前用户此刻可执行的流转操作")
    can_edit: bool = Field(description="当前用户能否修改事项")
    urges: int = Field(description="已催办次数")
    can_instruct: bool = Field(description="当前用户能否对此事项批示（领导本人；督查室代领导录入）")
    can_submit_to_leader: bool = Field(description="当前用户能否把此事项呈领导批示（督查室）")
    can_read: bool = Field(description="当前用户能否圈阅（领导）")
    instructions: list[InstructionOut] = Field(description="领导批示（最新的在前）")
    instruction_requests: list[InstructionRequestOut] = Field(description="呈批（最新的在前）")
    readings: list[ReadingOut] = Field(description="领导圈阅")
    progress: list[ProgressOut] = Field(description="进展与佐证材料")
    extensions: list[ExtensionOut] = Field(description="延期申请")
    journal: list[JournalOut] = Field(description="操作日志（只读）")

    @staticmethod
    def resolve_source_span(item):
        before, directive, after = item.source_sentence()
        return {"before": before, "directive": directive, "after": after}

    @staticmethod
    def resolve_actions(item, context):
        from duban.ledger.workflow import allowed_actions

        return [{"name": t.name, "label": t.label, "needs_reason": bool(t.reason_prompt(item)),
                 "unmet": t.unmet(item), "needs_rating": t.rates, "needs_report": t.needs_report}
                for t in allowed_actions(context["request"].auth, item)]

    @staticmethod
    def resolve_urges(item):
        from duban.ledger.urging import urge_count

        return urge_count(item)

    @staticmethod
    def resolve_can_instruct(item, context):
        from duban.ledger import instructions

        return instructions.may_instruct(context["request"].auth) and instructions.takes_instructions(item)

    @staticmethod
    def resolve_can_submit_to_leader(item, context):
        from duban.ledger import instructions

        return instructions.may_present(context["request"].auth) and instructions.takes_instructions(item)

    @staticmethod
    def resolve_can_read(item, context):
        from duban.ledger import instructions

        return instructions.is_leader(context["request"].auth)

    @staticmethod
    def resolve_instructions(item):
        return list(item.instructions.select_related("leader", "recorded_by"))

    @staticmethod
    def resolve_instruction_requests(item):
        return list(item.instruction_requests.select_related("leader", "requested_by"))

    @staticmethod
    def resolve_readings(item):
        return list(item.readings.select_related("user"))

    @staticmethod
    def resolve_can_edit(item, context):
        return context["request"].auth.is_office and item.status not in Item.FINISHED

    @staticmethod
    def resolve_progress(item):
        return list(item.progress.select_related("unit", "author").prefetch_related("evidence"))

    @staticmethod
    def resolve_extensions(item):
        return list(item.extensions.select_related("requested_by", "decided_by"))

    @staticmethod
    def resolve_journal(item):
        return list(item.journal.all())


class ItemEdit(Schema):
    """Only the fields sent are changed; ``version`` is the version the user saw."""

    version: Version = Field(description="读取事项时的版本号；他人已修改时返回 409")
    reason: str = Field("", description="修改理由（记入日志）")
    text: NonBlank | None = Field(None, description="交办事项")
    speaker: str | None = Field(None, description="讲话领导")
    subject_name: str | None = Field(None, description="对象（原文）")
    subject_id: Id | None = Field(None, description="对象")
    topic: Topic | None = Field(None, description="领域")
    level: LevelName | None = Field(None, description="层级")
    parent_id: Id | None = Field(None, description="所属主题事项")
    lead_unit_id: Id | None = Field(None, description="责任单位")
    suggested_unit_id: Id | None = Field(None, description="建议责任单位")
    leader_in_charge: str | None = Field(None, description="责任领导")
    deadline: Day | None = Field(None, description="完成时限")
    deadline_text: str | None = Field(None, description="原文时限")
    priority: PriorityName | None = Field(None, description="优先级：normal 一般 / key 重点 / urgent 紧急")


class TransitionIn(Schema):
    version: Version | None = Field(None, description="读取事项时的版本号（建议提交；他人已修改时返回 409）")
    reason: str = Field("", description="理由（记入日志）")


class ReasonedTransitionIn(TransitionIn):
    """不予立项、退回、重新打开、撤回、非本单位职责：理由必填。"""

    reason: NonBlank = Field(description="理由（必填，记入日志）")


class CloseIn(TransitionIn):
    """销号：须评价（规则见 duban.ledger.workflow）；没有佐证材料时理由必填。"""

    rating: RatingName | None = Field(None, description=RATING_HELP + "（销号必填）")
    rating_note: str = Field("", max_length=1000, description="评价说明（可不填）")


class SubmitIn(TransitionIn):
    """申请销号：随附办结报告（完成情况必填；缺少时返回 400，无权者先得到 403）。"""

    # Checked by the ledger after the permission, not by the schema: a caller who may not
    # take the step is told so (403) whatever the body holds.
    completion: str = Field("", description="办结报告：完成情况（必填）")
    measures: str = Field("", description="办结报告：主要措施及成效")
    problems: str = Field("", description="办结报告：存在问题及下步打算")


class ClosingReportOut(Reported):
    completion: str = Field(description="完成情况")
    measures: str = Field(description="主要措施及成效")
    problems: str = Field(description="存在问题及下步打算")
    evidence: list[EvidenceOut] = Field(default_factory=list, description="佐证材料（此前随进展上传的材料）")

    @staticmethod
    def resolve_evidence(report):
        return list(report.evidence())


class UrgeIn(Schema):
    note: str = Field("", max_length=500, description="催办要求（记入日志并随通知发出；可不填）")


class InstructionIn(Schema):
    text: NonBlank = Field(max_length=2000, description="批示内容")
    leader_id: Id | None = Field(None, description="批示领导：督查室代领导录入纸质批示时必填；领导本人批示时不填")
    # Strict: a 0 or "yes" is a 422, not quietly read as a choice about re-opening the item.
    reopen: StrictBool = Field(False, description="true 以批示为理由重新打开已销号的事项")
    priority: PriorityName | None = Field(None, description="调整事项优先级（不填则不调整）")


class PresentIn(Schema):
    leader_id: Id = Field(description="呈送的领导")
    note: str = Field("", max_length=500, description="呈批说明（可不填）")


class AssignIn(TransitionIn):
    lead_unit_id: Id | None = Field(None, description="责任单位（未设置时必填）")
    co_unit_ids: list[Id] | None = Field(None, description="配合单位")
    deadline: Day | None = Field(None, description="完成时限（未设置时必填）")
    leader_in_charge: str | None = Field(None, description="责任领导")


class SplitIn(Schema):
    parts: list[NonBlank] = Field(min_length=2, description="拆分后的各条事项文字（至少两条，不能为空）")
    version: Version | None = Field(None, description="读取事项时的版本号")


class MergeIn(Schema):
    ids: list[Id] = Field(min_length=1, description="要并入的事项")
    into: Id = Field(description="保留的事项")
    text: str | None = Field(None, description="合并后的事项文字（不填则保留原文字）")


class ProgressIn(Schema):
    text: NonBlank = Field(description="进展情况")
    # A form has no null: leave a field out for "none" (the schema lists no null to send).
    percent: Annotated[int, Field(ge=0, le=100)] | SkipJsonSchema[None] = Field(None, description="完成比例（%）")
    milestone: str = Field("", description="节点")
    version: Version | SkipJsonSchema[None] = Field(None, description="读取事项时的版本号")


class ExtensionIn(Schema):
    new_deadline: Day = Field(description="申请延期至")
    reason: NonBlank = Field(description="延期理由")


class DecisionIn(Schema):
    # Denying needs a reason: said in the schema (if/then) and checked by the validator below.
    approve: bool = Field(description="true 同意 / false 不同意")
    reason: str = Field("", description="审批意见（不同意时必填）")

    model_config = ConfigDict(json_schema_extra={
        "if": {"properties": {"approve": {"const": False}}, "required": ["approve"]},
        "then": {"properties": {"reason": {"minLength": 1, "pattern": NON_BLANK}}, "required": ["reason"]},
    })

    @model_validator(mode="after")
    def denial_has_a_reason(self):
        if not self.approve and not self.reason.strip():
            raise ValueError("不同意延期需要填写理由")
        return self


class SourceOut(Schema):
    id: int
    title: str = Field(description="标题")
    origin: str = Field(description="来源方式：file 文件 / text 粘贴文本 / url 网址")
    location: str = Field(description="文件名或网址")
    content_hash: str = Field(description="内容指纹（同一报道只导入一次）")
    published: dt.date | None = Field(None, description="发布日期")
    event_date: dt.date | None = Field(None, description="活动日期")
    imported_by: str = Field(description="导入人")
    imported_at: dt.datetime

    @staticmethod
    def resolve_imported_by(source):
        return source.imported_by.username if source.imported_by else ""


class SourceDetail(SourceOut):
    article: dict = Field(description="读取出的文章（标题、正文段落、元数据）")
    analysis: dict = Field(description="分析结果（活动、点位、指示要求）")
    items: list[ItemOut] = Field(description="由该报道产生、当前用户可见的事项（含待审核建议）")

    @staticmethod
    def resolve_analysis(source, context):
        # The analysis lists every directive of the report, so only people who see every item get it.
        return source.analysis if context["request"].auth.sees_everything else {}

    @staticmethod
    def resolve_items(source, context):
        from duban.api.access import visible_items

        items = visible_items(context["request"].auth).filter(source=source)
        return list(items.select_related("lead_unit", "suggested_unit").prefetch_related("co_units", "suggested_co_units")
                    .order_by("directive_index", "id"))


class ImportOut(Schema):
    created: bool = Field(description="true 新导入；false 此前已导入过（未重复创建）")
    source: SourceOut
    proposals: int = Field(description="该报道的待审核事项数")


class TextImportIn(Schema):
    text: NonBlank = Field(description="粘贴的报道全文")
    location: str = Field("", description="备注：出处")


class UrlImportIn(Schema):
    url: str = Field(min_length=1, max_length=2000, pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]",
                     json_schema_extra={"format": "uri"},
                     description="报道网址（http/https，不能是内网地址）")


class Count(Schema):
    key: str | None = Field(description="分组值")
    label: str = Field(description="分组名称")
    count: int


class Dashboard(Schema):
    total: int = Field(description="可见事项总数（含待审核）")
    in_ledger: int = Field(description="台账内事项数（不含待审核、不予立项、已合并）")
    by_status: list[Count] = Field(description="按状态")
    by_light: list[Count] = Field(description="按亮灯（台账内）")
    by_unit: list[Count] = Field(description="按责任单位（台账内）")
    by_topic: list[Count] = Field(description="按领域（台账内）")
    pending_extensions: int = Field(description="待审批延期申请")
