"""Which items are public, and the wording the public reads."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban import clock


class PublicItem(models.Model):
    item = models.OneToOneField("ledger.Item", verbose_name=_("事项"), on_delete=models.CASCADE,
                                related_name="public")
    commitment = models.TextField(_("公开表述"), help_text=_("向社会公开的承诺事项表述（默认取事项原文）"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("公开人"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("公开时间"), default=clock.now)

    class Meta:
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.commitment[:40]
