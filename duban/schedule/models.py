"""What the worker did: one row per job (its state, for the admin) and one per run of a
periodic job's period (the record that makes a restart send nothing twice)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    name = models.CharField(_("任务"), max_length=40, primary_key=True)
    label = models.CharField(_("名称"), max_length=100)
    schedule = models.CharField(_("时间"), max_length=100)
    last_run_at = models.DateTimeField(_("上次运行"), null=True, blank=True)
    last_ok = models.BooleanField(_("上次成功"), null=True)
    last_note = models.CharField(_("上次结果"), max_length=500, blank=True)
    next_run_at = models.DateTimeField(_("下次运行"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("连续失败次数"), default=0)

    class Meta:
        verbose_name = _("定时任务")
        verbose_name_plural = _("定时任务")
        ordering = ["name"]

    def __str__(self):
        return self.label


class JobRun(models.Model):
    """A daily job's run for one period (its local date). Created before the job runs, so a
    process killed in the middle does not run it again: a reminder is never sent twice."""

    job = models.CharField(_("任务"), max_length=40)
    period = models.CharField(_("周期"), max_length=40)
    started_at = models.DateTimeField(_("开始"))
    finished_at = models.DateTimeField(_("结束"), null=True, blank=True)
    ok = models.BooleanField(_("成功"), null=True)
    tries = models.PositiveSmallIntegerField(_("尝试次数"), default=1)
    note = models.CharField(_("结果"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("运行记录")
        verbose_name_plural = _("运行记录")
        ordering = ["-started_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="schedule_one_run_per_period")]

    def __str__(self):
        return f"{self.job} {self.period}"
