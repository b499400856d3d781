"""Who wants which channel (``Target``) and what was sent (``Delivery``, ``DeliveryAttempt``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban import clock


class Target(models.Model):
    """A channel a user chose (their email, phone, a personal robot), or a unit's group robot
    (no user: it receives its unit's item notices). ``events`` limits which notices go there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用户"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="notify_targets")
    unit = models.ForeignKey("ledger.Unit", verbose_name=_("单位群"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="notify_targets")
    channel = models.CharField(_("渠道"), max_length=40)
    address = models.CharField(_("地址"), max_length=1000, blank=True,
                               help_text=_("邮箱、手机号或机器人地址；留空则用账号中的邮箱或电话"))
    secret = models.CharField(_("签名密钥"), max_length=200, blank=True,
                              help_text=_("钉钉“加签”、飞书“签名校验”或通用 Webhook 的密钥"))
    events = models.CharField(_("通知事项"), max_length=200, blank=True,
                              help_text=_("逗号分隔（remind,assign,return,urge,escalate）；留空为全部"))
    enabled = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("通知渠道")
        verbose_name_plural = _("通知渠道")
        constraints = [models.CheckConstraint(condition=models.Q(user__isnull=False) | models.Q(unit__isnull=False),
                                              name="notify_target_has_owner")]

    def __str__(self):
        return f"{self.user or self.unit} · {self.channel}"

    def wants(self, event: str) -> bool:
        chosen = {e.strip() for e in self.events.split(",") if e.strip()}
        return self.enabled and (not chosen or event in chosen)


class Delivery(models.Model):
    """One notice to one address over one channel: the delivery log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已送达")
        FAILED = "failed", _("发送失败")

    event = models.CharField(_("事项类型"), max_length=40)
    item = models.ForeignKey("ledger.Item", verbose_name=_("事项"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("收件人"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    target = models.ForeignKey(Target, verbose_name=_("渠道设置"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=40)
    address = models.CharField(_("地址"), max_length=1000, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("内容"))
    url = models.CharField(_("链接"), max_length=1000, blank=True)
    markdown = models.TextField(blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True, default=clock.now)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=clock.now)
    sent_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知记录")
        verbose_name_plural = _("通知记录")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notify_due_idx")]

    def __str__(self):
        return f"{self.get_status_display()} · {self.channel} · {self.title}"


class DeliveryAttempt(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField(_("时间"), default=clock.now)
    ok = models.BooleanField(_("成功"))
    note = models.CharField(_("结果"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("发送尝试")
        verbose_name_plural = _("发送尝试")
        ordering = ["at", "id"]
