"""Work areas: major projects (重大项目台账) and 五星 branch ratings. See issue 6 and docs/areas.md.

Subjects themselves (and their aliases) live in the ledger; this app adds what some kinds of
subject carry: a project's stage pipeline, a village's or community's yearly star rating.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban import clock
from duban.ledger.models import Item, Subject, Unit


class Stage(models.TextChoices):
    """A major project's life, in order: 谋划 → 签约 → 开工 → 在建 → 投产 → 达效."""

    PLANNING = "planning", _("谋划")
    SIGNED = "signed", _("签约")
    STARTED = "started", _("开工")
    BUILDING = "building", _("在建")
    PRODUCING = "producing", _("投产")
    EFFECTIVE = "effective", _("达效")


STAGE_ORDER = [s.value for s in Stage]


class ProjectProfile(models.Model):
    """The 项目台账 card of a subject of kind ``project``."""

    subject = models.OneToOneField(Subject, verbose_name=_("项目"), on_delete=models.CASCADE,
                                   related_name="project", limit_choices_to={"kind": Subject.Kind.PROJECT})
    owner_unit = models.ForeignKey(Unit, verbose_name=_("责任单位"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="projects")
    investment = models.DecimalField(_("总投资（亿元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    current_stage = models.CharField(_("当前阶段"), max_length=20, choices=Stage.choices, default=Stage.PLANNING)
    description = models.TextField(_("建设内容"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("重大项目")
        verbose_name_plural = _("重大项目")
        ordering = ["subject__name"]

    def __str__(self):
        return self.subject.name

    @property
    def stage_index(self) -> int:
        return STAGE_ORDER.index(self.current_stage)


class ProjectStage(models.Model):
    """Planned and actual date of one stage of one project."""

    project = models.ForeignKey(ProjectProfile, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices)
    planned = models.DateField(_("计划时间"), null=True, blank=True)
    actual = models.DateField(_("实际时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("项目阶段")
        verbose_name_plural = _("项目阶段")
        constraints = [models.UniqueConstraint(fields=["project", "stage"], name="areas_one_row_per_stage")]

    def __str__(self):
        return f"{self.project} · {self.get_stage_display()}"


class StageChange(models.Model):
    """A move of a project from one stage to another, with the progress report that justifies it."""

    project = models.ForeignKey(ProjectProfile, on_delete=models.CASCADE, related_name="changes")
    old_stage = models.CharField(_("原阶段"), max_length=20, choices=Stage.choices)
    new_stage = models.CharField(_("新阶段"), max_length=20, choices=Stage.choices)
    actual = models.DateField(_("实际时间"))
    note = models.TextField(_("进展情况"))
    reason = models.TextField(_("回退理由"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    at = models.DateTimeField(_("登记时间"), default=clock.now)

    class Meta:
        verbose_name = _("阶段变更")
        verbose_name_plural = _("阶段变更")
        ordering = ["-at", "-id"]


class StarScheme(models.Model):
    """A set of five stars for one kind of branch (rural village or urban community).

    Data, not code: the official scoring sheets differ from place to place.
    """

    name = models.CharField(_("名称"), max_length=100, unique=True)
    unit_kind = models.CharField(_("适用单位类型"), max_length=20,
                                 choices=[(Unit.Kind.VILLAGE, _("村")), (Unit.Kind.COMMUNITY, _("社区"))],
                                 unique=True)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("星级标准")
        verbose_name_plural = _("星级标准")
        ordering = ["unit_kind"]

    def __str__(self):
        return self.name


class Star(models.Model):
    scheme = models.ForeignKey(StarScheme, verbose_name=_("星级标准"), on_delete=models.CASCADE,
                               related_name="stars")
    name = models.CharField(_("星"), max_length=50)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    criteria = models.TextField(_("评定标准"), blank=True)
    # "对标'五星'支部创建标准…": directives that serve this star.
    items = models.ManyToManyField(Item, verbose_name=_("相关事项"), blank=True, related_name="stars")

    class Meta:
        verbose_name = _("星")
        verbose_name_plural = _("星")
        ordering = ["scheme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "name"], name="areas_star_name_per_scheme")]

    def __str__(self):
        return self.name


class StarRating(models.Model):
    """One village's or community's rating for one year."""

    unit = models.ForeignKey(Unit, verbose_name=_("村（社区）"), on_delete=models.PROTECT,
                             related_name="star_ratings",
                             limit_choices_to={"kind__in": [Unit.Kind.VILLAGE, Unit.Kind.COMMUNITY]})
    year = models.PositiveSmallIntegerField(_("年度"))
    scheme = models.ForeignKey(StarScheme, verbose_name=_("星级标准"), on_delete=models.PROTECT,
                               related_name="ratings")
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评定人"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    rated_at = models.DateTimeField(_("评定时间"), default=clock.now)

    class Meta:
        verbose_name = _("星级评定")
        verbose_name_plural = _("星级评定")
        ordering = ["-year", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="areas_one_rating_per_year")]

    def __str__(self):
        return f"{self.unit} {self.year}"

    @property
    def level(self) -> int:
        """How many stars were awarded (the 几星 of 几星支部)."""
        return sum(1 for a in self.awards.all() if a.awarded)


class StarAward(models.Model):
    rating = models.ForeignKey(StarRating, on_delete=models.CASCADE, related_name="awards")
    star = models.ForeignKey(Star, verbose_name=_("星"), on_delete=models.PROTECT, related_name="awards")
    awarded = models.BooleanField(_("已评定"), default=False)
    evidence = models.TextField(_("评定依据"), blank=True)

    class Meta:
        verbose_name = _("星级评定项")
        verbose_name_plural = _("星级评定项")
        ordering = ["star__order", "star_id"]
        constraints = [models.UniqueConstraint(fields=["rating", "star"], name="areas_one_award_per_star")]

    def __str__(self):
        return f"{self.star}: {'✓' if self.awarded else '✗'}"
