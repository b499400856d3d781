"""The ledger's data: units, users, subjects, imported sources, items and what happens to them.

Proposals are Items in status ``proposed``: the analyser's directives land there and
nothing leaves that status without an officer's action (see ``workflow.py``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Case, Count, Q, Value, When
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from duban import clock
from duban.analysis.schema import TOPICS


class Unit(models.Model):
    """A body that can be given work: 区委/区政府 → 部门/乡镇街道 → 村/社区, enterprises, projects."""

    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", _("党委政府")
        DEPARTMENT = "department", _("部门")
        TOWN = "town", _("乡镇街道")
        VILLAGE = "village", _("村")
        COMMUNITY = "community", _("社区")
        ENTERPRISE = "enterprise", _("企业")
        PROJECT = "project", _("项目")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=200, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey("self", verbose_name=_("上级单位"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    division_code = models.CharField(_("区划代码"), max_length=12, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def descendant_ids(self) -> set[int]:
        """This unit and every unit below it (for a liaison of a town seeing its villages)."""
        found, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(Unit.objects.filter(parent_id__in=frontier).exclude(pk__in=found)
                            .values_list("pk", flat=True))
            found.update(frontier)
        return found


class UnitAlias(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("别名"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")

    def __str__(self):
        return self.alias


class User(AbstractUser):
    """A person using duban; the role decides what they see and may do."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("督查室")
        LIAISON = "liaison", _("单位联络员")
        LEADER = "leader", _("领导")
        ADMIN = "admin", _("管理员")

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.LIAISON)
    unit = models.ForeignKey(Unit, verbose_name=_("所属单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="users")
    phone = models.CharField(_("电话"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    @property
    def is_office(self) -> bool:
        """Office staff and admins see and edit everything."""
        return self.is_superuser or self.role in (self.Role.OFFICER, self.Role.ADMIN)

    @property
    def sees_everything(self) -> bool:
        return self.is_office or self.role == self.Role.LEADER

    def visible_unit_ids(self) -> set[int] | None:
        """The units whose items this user may see (lead or co-operate on); None for all."""
        if self.sees_everything:
            return None
        return self.unit.descendant_ids() if self.unit_id else set()


def visible_units(user) -> set[int] | None:
    """The units whose data ``user`` (perhaps not signed in) may see: their own and those below
    it; None for all (the office and leaders); none for a visitor or a user without a unit."""
    return user.visible_unit_ids() if user.is_authenticated else set()


class Subject(models.Model):
    """What a directive is about: a project, village/community, enterprise, facility or place."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("项目")
        VILLAGE = "village", _("村")
        COMMUNITY = "community", _("社区")
        ENTERPRISE = "enterprise", _("企业")
        FACILITY = "facility", _("设施")
        PLACE = "place", _("地方")
        UNIT = "unit", _("单位")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=200, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    unit = models.ForeignKey(Unit, verbose_name=_("对应单位"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="subjects")
    merged_into = models.ForeignKey("self", verbose_name=_("已合并到"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="merged_from")
    created_at = models.DateTimeField(_("创建时间"), default=clock.now)

    class Meta:
        verbose_name = _("对象")
        verbose_name_plural = _("对象")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SubjectAlias(models.Model):
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("别名"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("对象别名")
        verbose_name_plural = _("对象别名")

    def __str__(self):
        return self.alias


class Source(models.Model):
    """One imported report: the original bytes, the reader's article and the analyser's output."""

    class Origin(models.TextChoices):
        FILE = "file", _("文件")
        TEXT = "text", _("粘贴文本")
        URL = "url", _("网址")
        MANUAL = "manual", _("手工录入")

    class Kind(models.TextChoices):
        """What the text is: a news report, or a paper an office takes directives from."""

        REPORT = "report", _("新闻报道")
        INSTRUCTION = "instruction", _("领导批示")
        MINUTES = "minutes", _("会议纪要")
        HOTLINE = "hotline", _("12345热线工单")
        NPC = "npc", _("人大建议")
        CPPCC = "cppcc", _("政协提案")
        OTHER = "other", _("其他")

    title = models.CharField(_("标题"), max_length=500, blank=True)
    origin = models.CharField(_("来源方式"), max_length=10, choices=Origin.choices)
    location = models.CharField(_("文件名或网址"), max_length=2000, blank=True)
    # Hash of the normalised article text (title + body): the same report fetched
    # twice, with different ads around it, is still one source.
    content_hash = models.CharField(_("内容指纹"), max_length=64, unique=True)
    raw = models.BinaryField(_("原始内容"))
    article = models.JSONField(_("文章"), default=dict)
    analysis = models.JSONField(_("分析结果"), default=dict)
    published = models.DateField(_("发布日期"), null=True, blank=True)
    event_date = models.DateField(_("活动日期"), null=True, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(_("导入时间"), default=clock.now)
    kind = models.CharField(_("来源类别"), max_length=20, choices=Kind.choices, default=Kind.REPORT)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    issuer = models.CharField(_("批示人或提出人"), max_length=200, blank=True)
    # Withdrawn reports (a junk import, a wrong file) leave the lists but are never deleted:
    # the journal says who withdrew them and why, and the office can restore them.
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("来源报道")
        verbose_name_plural = _("来源报道")
        ordering = ["-imported_at"]

    def __str__(self):
        return self.title or self.location or self.opening() or gettext("（无标题）")

    def opening(self, length: int = 30) -> str:
        """The first words of the text, to name a report that has no title."""
        body = "".join((self.article or {}).get("body") or [])
        return body[:length] + ("…" if len(body) > length else "")


def light_expression(today: dt.date | None = None) -> Case:
    """An item's light (``Item.light``) as an SQL expression."""
    today = today or clock.today()
    yellow_from = today + dt.timedelta(days=settings.DUBAN_YELLOW_DAYS)
    return Case(
        When(status__in=Item.FINISHED, then=Value(Item.Light.DONE)),
        When(status__in=Item.NOT_STARTED, then=Value(Item.Light.WAITING)),
        When(deadline__isnull=True, then=Value(Item.Light.NONE)),
        When(deadline__lt=today, then=Value(Item.Light.RED)),
        When(deadline__lte=yellow_from, then=Value(Item.Light.YELLOW)),
        default=Value(Item.Light.GREEN),
        output_field=models.CharField(),
    )


class Rating(models.TextChoices):
    """评价: how the office rates a result at 销号, best first, and the score each grade
    counts for in 考核 (the mean score). The one table of grades; ``Rating.GOOD.score``."""

    GOOD = "good", 100, _("好")
    FAIR = "fair", 80, _("较好")
    AVERAGE = "average", 60, _("一般")
    POOR = "poor", 40, _("差")

    def __new__(cls, value: str, score: int):
        member = str.__new__(cls, value)
        member._value_ = value
        member.score = score
        return member


class ItemQuerySet(models.QuerySet):
    def in_ledger(self):
        """Items that are real work (not proposals, rejected or merged ones)."""
        return self.exclude(status__in=Item.NOT_IN_LEDGER)

    def visible_to(self, user):
        scope = visible_units(user)
        if scope is None:
            return self
        return self.filter(Item.involving(scope)) if scope else self.none()

    def with_light(self, today: dt.date | None = None):
        """Annotate ``light_sql`` (green/yellow/red/done/none) so filters and counts run in SQL."""
        return self.annotate(light_sql=light_expression(today))

    def light_counts(self, *fields, today: dt.date | None = None):
        """(values of ``status`` and ``fields``, {light: count}) for each group, counted in SQL.

        The same rule as ``with_light``, as conditional counts within each (status, fields…)
        group rather than a GROUP BY on the light: the groups then follow the
        (status, lead_unit, deadline) index and no row is sorted, which on a big ledger
        was most of the dashboard's time.
        """
        today = today or clock.today()
        yellow_to = today + dt.timedelta(days=settings.DUBAN_YELLOW_DAYS)
        # Counting a column of that index (status is never null), not the id: naming a column
        # outside it makes PostgreSQL visit every row instead of reading the index alone.
        rows = self.order_by().values("status", *fields).annotate(
            n=Count("*"),
            red=Count("status", filter=Q(deadline__lt=today)),
            yellow=Count("status", filter=Q(deadline__gte=today, deadline__lte=yellow_to)),
            none=Count("status", filter=Q(deadline__isnull=True)))
        for row in rows:
            n, red, yellow, none = row.pop("n"), row.pop("red"), row.pop("yellow"), row.pop("none")
            if row["status"] in Item.FINISHED:
                counts = {Item.Light.DONE: n}
            elif row["status"] in Item.NOT_STARTED:
                counts = {Item.Light.WAITING: n}
            else:
                counts = {Item.Light.RED: red, Item.Light.YELLOW: yellow, Item.Light.NONE: none,
                          Item.Light.GREEN: n - red - yellow - none}
            yield row, {light: count for light, count in counts.items() if count}


class Item(models.Model):
    """A 交办事项: one demand, who must act on it, by when, and where it stands."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("待审核")
        ACCEPTED = "accepted", _("已立项")
        ASSIGNED = "assigned", _("已交办")
        SIGNED = "signed", _("已签收")
        IN_PROGRESS = "in_progress", _("办理中")
        SUBMITTED = "submitted", _("申请销号")
        CLOSED = "closed", _("已销号")
        REJECTED = "rejected", _("不予立项")
        MERGED = "merged", _("已合并")
        WITHDRAWN = "withdrawn", _("已撤回")

    class Level(models.TextChoices):
        THEME = "theme", _("主题")
        ITEM = "item", _("事项")

    class Priority(models.TextChoices):
        """How hard the office presses an item: set by a leader's 批示 (or the office)."""

        # In context: 一般 is also a 评价 grade, which English calls otherwise.
        NORMAL = "normal", pgettext_lazy("priority", "一般")
        KEY = "key", pgettext_lazy("priority", "重点")
        URGENT = "urgent", pgettext_lazy("priority", "紧急")

    class Light(models.TextChoices):
        GREEN = "green", _("绿灯")
        YELLOW = "yellow", _("黄灯")
        RED = "red", _("红灯")
        DONE = "done", _("已办结")
        NONE = "none", _("无时限")
        WAITING = "waiting", _("待交办")

    NOT_IN_LEDGER = (Status.PROPOSED, Status.REJECTED, Status.MERGED, Status.WITHDRAWN)
    FINISHED = (Status.CLOSED, Status.REJECTED, Status.MERGED, Status.WITHDRAWN)
    # Never work: decided against, folded into another, or withdrawn as entered by mistake.
    DISCARDED = (Status.REJECTED, Status.MERGED, Status.WITHDRAWN)
    # 在办: given to a unit and not closed. Only these have a deadline that runs (red, yellow,
    # green or no deadline); an accepted item no unit has been given yet waits (待交办).
    ACTIVE = (Status.ASSIGNED, Status.SIGNED, Status.IN_PROGRESS, Status.SUBMITTED)
    NOT_STARTED = (Status.PROPOSED, Status.ACCEPTED)
    ACTIVE_LIGHTS = (Light.RED, Light.YELLOW, Light.GREEN, Light.NONE)

    source = models.ForeignKey(Source, verbose_name=_("来源报道"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="items")
    directive_index = models.PositiveIntegerField(_("指示序号"), null=True, blank=True)
    text = models.TextField(_("交办事项"))
    # Where the directive stands in the source article: body[para][start:end].
    para = models.PositiveIntegerField(null=True, blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    speaker = models.CharField(_("讲话领导"), max_length=100, blank=True)
    stop_name = models.CharField(_("调研点位"), max_length=200, blank=True)
    subject_name = models.CharField(_("对象（原文）"), max_length=200, blank=True)
    subject = models.ForeignKey(Subject, verbose_name=_("对象"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="items")
    topic = models.CharField(_("领域"), max_length=10, choices=[(t, t) for t in TOPICS], default="综合")
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices, default=Level.ITEM)
    parent = models.ForeignKey("self", verbose_name=_("所属主题"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="children")
    lead_unit = models.ForeignKey(Unit, verbose_name=_("责任单位"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="lead_items")
    co_units = models.ManyToManyField(Unit, verbose_name=_("配合单位"), blank=True, related_name="co_items")
    suggested_unit = models.ForeignKey(Unit, verbose_name=_("建议责任单位"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    # Units the report names beside the responsible one (由A牵头，B配合): offered, pre-chosen,
    # as 配合单位 on the review screen; only the officer's 交办 makes them co-units.
    suggested_co_units = models.ManyToManyField(Unit, verbose_name=_("建议配合单位"), blank=True,
                                                related_name="+")
    leader_in_charge = models.CharField(_("责任领导"), max_length=200, blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    deadline_text = models.CharField(_("原文时限"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    merged_into = models.ForeignKey("self", verbose_name=_("合并到"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="merged_from")
    # 再次交办: earlier items this demand repeats (set by recurrence detection).
    repeat_of = models.ManyToManyField("self", verbose_name=_("再次交办自"), blank=True, symmetrical=False,
                                       related_name="repeated_by")
    # 督办编号 (督〔2026〕17号): given once at the first 交办, kept whatever happens after.
    number = models.CharField(_("督办编号"), max_length=60, null=True, blank=True, unique=True)
    priority = models.CharField(_("优先级"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    version = models.PositiveIntegerField(_("版本"), default=1)  # optimistic concurrency
    created_at = models.DateTimeField(_("创建时间"), default=clock.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    # 评价 given at 销号 (``workflow.apply``), cleared by 重新打开 (the journal keeps it). Empty:
    # 未评价 (closed by a spreadsheet import, or before ratings existed).
    rating = models.CharField(_("评价"), max_length=10, choices=Rating.choices, blank=True)
    rating_note = models.TextField(_("评价说明"), blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("交办事项")
        verbose_name_plural = _("交办事项")
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["lead_unit", "status", "deadline"]),  # a unit's light counts, from the index alone
            models.Index(fields=["topic", "deadline", "id"]),  # topic filter, and the ledger sorted by topic
            models.Index(fields=["source", "directive_index"]),
            # The ledger's default order walks this index and stops after a page.
            models.Index(fields=["deadline", "id"]),
            models.Index(fields=["created_at", "id"]),  # 最新导入 (walked backwards)
            models.Index(fields=["lead_unit", "deadline"]),  # unit pages, sorted by deadline
            models.Index(fields=["assigned_at"]),  # dashboard trend
            models.Index(fields=["closed_at"]),
            # Covering indexes for the dashboard's counts (read without touching the rows).
            models.Index(fields=["status", "topic"]),
            models.Index(fields=["status", "lead_unit", "deadline"]),
        ]

    def __str__(self):
        return self.text[:40]

    @classmethod
    def involving(cls, unit_ids) -> Q:
        """Items these units lead or co-operate on.

        The co-operating units are a subquery rather than a join, so each item stays one
        row: no DISTINCT, which on a big ledger costs more than the page itself and makes
        counts and aggregates wrap the whole query.
        """
        co = cls.co_units.through.objects.filter(unit_id__in=unit_ids).values("item_id")
        return Q(lead_unit_id__in=unit_ids) | Q(pk__in=co)

    @classmethod
    def light_is(cls, light: str, today: dt.date | None = None) -> Q:
        """The condition for one light, the same rule as ``light()``.

        Filtering on ``light_sql`` compares a CASE computed for every row; these plain
        comparisons on status and deadline let the database use its indexes.
        """
        today = today or clock.today()
        yellow_to = today + dt.timedelta(days=settings.DUBAN_YELLOW_DAYS)
        if light == cls.Light.DONE:
            return Q(status__in=cls.FINISHED)
        if light == cls.Light.WAITING:
            return Q(status__in=cls.NOT_STARTED)
        deadline = {cls.Light.NONE: Q(deadline__isnull=True), cls.Light.RED: Q(deadline__lt=today),
                    cls.Light.YELLOW: Q(deadline__gte=today, deadline__lte=yellow_to),
                    cls.Light.GREEN: Q(deadline__gt=yellow_to)}[light]
        return deadline & Q(status__in=cls.ACTIVE)

    @property
    def deadline_unresolved(self) -> bool:
        """The report states a time limit that could not be read as a date (汛期后, 限期整改)
        and no officer has set one yet: the pages ask for it instead of inventing one."""
        return bool(self.deadline_text) and self.deadline is None

    def light(self, today: dt.date | None = None) -> str:
        if self.status in self.FINISHED:
            return self.Light.DONE
        if self.status in self.NOT_STARTED:
            return self.Light.WAITING
        if self.deadline is None:
            return self.Light.NONE
        today = today or clock.today()
        if self.deadline < today:
            return self.Light.RED
        if self.deadline <= today + dt.timedelta(days=settings.DUBAN_YELLOW_DAYS):
            return self.Light.YELLOW
        return self.Light.GREEN

    def days_overdue(self, today: dt.date | None = None) -> int:
        today = today or clock.today()
        if self.status not in self.ACTIVE or self.deadline is None or self.deadline >= today:
            return 0
        return (today - self.deadline).days

    def escalation(self, today: dt.date | None = None) -> int:
        """0 not overdue; 1 red; 2+ red for more than DUBAN_ESCALATE_DAYS (one level per period)."""
        days = self.days_overdue(today)
        if days == 0:
            return 0
        return 1 + (days - 1) // settings.DUBAN_ESCALATE_DAYS

    def source_sentence(self) -> tuple[str, str, str]:
        """(before, directive, after) within its paragraph, for showing it in context."""
        body = (self.source.article.get("body") if self.source else None) or []
        if self.para is None or self.para >= len(body) or self.start is None or self.end is None:
            return "", self.text, ""
        paragraph = body[self.para]
        return paragraph[: self.start], paragraph[self.start: self.end], paragraph[self.end:]


class Progress(models.Model):
    """A unit's progress report on an item."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="progress")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("进展情况"))
    percent = models.PositiveSmallIntegerField(_("完成比例"), null=True, blank=True)
    milestone = models.CharField(_("节点"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("报送时间"), default=clock.now)

    class Meta:
        verbose_name = _("进展")
        verbose_name_plural = _("进展")
        ordering = ["created_at", "id"]


class Evidence(models.Model):
    """A file attached to a progress report; stored under MEDIA_ROOT, served by a checked view."""

    progress = models.ForeignKey(Progress, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")


class Extension(models.Model):
    """A unit's request to move a deadline, and the office's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已同意")
        DENIED = "denied", _("未同意")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=clock.now)
    old_deadline = models.DateField(null=True, blank=True)
    new_deadline = models.DateField(_("申请延期至"))
    reason = models.TextField(_("延期理由"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["-requested_at"]


class ClosingReport(models.Model):
    """办结报告: what the lead unit files with its 申请销号 (``ledger.closing``). Kept, never
    edited: after a 退回 the unit files a new one, and the latest is the one the office reads.
    Its 佐证材料 are the evidence the unit's progress reports uploaded before it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="closing_reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    completion = models.TextField(_("完成情况"))
    measures = models.TextField(_("主要措施及成效"), blank=True)
    problems = models.TextField(_("存在问题及下步打算"), blank=True)
    # The item's version when filed: 申请销号 needs a report on the item as it stands (a
    # progress report or an edit after it asks for a new one).
    item_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(_("报送时间"), default=clock.now)

    class Meta:
        verbose_name = _("办结报告")
        verbose_name_plural = _("办结报告")
        ordering = ["created_at", "id"]

    def evidence(self):
        """The 佐证材料: evidence uploaded with the item's progress reports up to this report."""
        return Evidence.objects.filter(progress__item_id=self.item_id,
                                       uploaded_at__lte=self.created_at).order_by("uploaded_at", "id")
class Instruction(models.Model):
    """A leader's 批示 on an item. Written by the leader, or typed in by the office from a
    paper 批示 (``recorded_by`` says who typed it); never edited (``duban.ledger.instructions``)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="instructions")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("批示领导"), on_delete=models.PROTECT,
                               related_name="+")
    text = models.TextField(_("批示内容"))
    given_at = models.DateTimeField(_("批示时间"), default=clock.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reopened = models.BooleanField(_("重新打开事项"), default=False)
    priority = models.CharField(_("调整优先级为"), max_length=10, choices=Item.Priority.choices, blank=True)

    class Meta:
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")
        ordering = ["-given_at", "-id"]

    @property
    def on_behalf(self) -> bool:
        """Typed in by someone else (the office, from a paper 批示)."""
        return self.recorded_by_id is not None and self.recorded_by_id != self.leader_id


class InstructionRequest(models.Model):
    """呈批: the office asks one leader for a 批示 on an item; open until that leader gives one.

    ``read_at``: when the leader 圈阅'd the item after it was asked (read, not yet answered).
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="instruction_requests")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("呈批领导"), on_delete=models.PROTECT,
                               related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField(_("呈批时间"), default=clock.now)
    note = models.TextField(_("呈批说明"), blank=True)
    read_at = models.DateTimeField(_("圈阅时间"), null=True, blank=True)
    answer = models.ForeignKey(Instruction, verbose_name=_("批示"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="answers")

    class Meta:
        verbose_name = _("呈批")
        verbose_name_plural = _("呈批")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["leader", "answer", "read_at"])]  # a leader's 待批示 queue


class Reading(models.Model):
    """圈阅: a leader marked the item as read; one row per leader and item, at their latest 圈阅."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="readings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("圈阅时间"), default=clock.now)

    class Meta:
        verbose_name = _("圈阅")
        verbose_name_plural = _("圈阅")
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="one_reading_per_leader")]


class JournalQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the journal is append-only")

    def delete(self):
        raise PermissionError("the journal is append-only")


class Journal(models.Model):
    """Append-only record of every change: who, when, what, old, new, why."""

    at = models.DateTimeField(default=clock.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    username = models.CharField(max_length=150, blank=True)  # kept if the user is ever removed
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.DO_NOTHING,
                             db_constraint=False, related_name="journal")
    target = models.CharField(max_length=100, blank=True)  # "ledger.subject:12" for non-item records
    action = models.CharField(max_length=40)
    field = models.CharField(max_length=60, blank=True)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    reason = models.TextField(blank=True)

    objects = JournalQuerySet.as_manager()

    class Meta:
        verbose_name = _("操作日志")
        verbose_name_plural = _("操作日志")
        ordering = ["at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("the journal is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the journal is append-only")

    @classmethod
    def record(cls, *, user=None, item=None, target="", action, field="", old="", new="", reason=""):
        return cls.objects.create(
            user=user if user is not None and user.is_authenticated else None,
            username=getattr(user, "username", "") or "",
            item=item, target=target, action=action, field=field,
            old="" if old is None else str(old), new="" if new is None else str(new), reason=reason or "",
        )


class ItemNumberCounter(models.Model):
    """The last 督办编号 given in a year: only ever counts up, so no number is given twice."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("督办编号计数")
        verbose_name_plural = _("督办编号计数")


class LoginFailure(models.Model):
    """One failed login, counted by ``throttle.py`` within the throttling window."""

    username = models.CharField(max_length=150)
    address = models.CharField(max_length=45, blank=True)
    at = models.DateTimeField(default=clock.now)

    class Meta:
        indexes = [models.Index(fields=["username", "address", "at"])]


__all__ = ["Unit", "UnitAlias", "User", "Subject", "SubjectAlias", "Source", "Rating", "Item", "Progress",
           "Evidence", "Extension", "ClosingReport", "Instruction", "InstructionRequest", "Reading", "Journal",
           "ItemNumberCounter", "LoginFailure"]
