from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban import clock


class SsoAccount(models.Model):
    """A user who signs in through a directory: where from, the groups it last reported and
    whether they gave a role (unmapped users see the explanation page, nothing else)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso")
    source = models.CharField(_("来源"), max_length=10)  # ldap, oidc, cas
    groups = models.JSONField(_("目录组"), default=list)
    mapped = models.BooleanField(_("已对应角色"), default=False)
    synced_at = models.DateTimeField(_("同步时间"), default=clock.now)

    class Meta:
        verbose_name = _("统一身份账号")
        verbose_name_plural = _("统一身份账号")

    def __str__(self):
        return f"{self.user} ({self.source})"
