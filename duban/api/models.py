"""API tokens for scripts: only a hash of the key is stored, the key is shown once."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duban import clock

KEY_PREFIX = "duban_"
# Writing last_used on every request would turn each read into a write; once a minute is enough
# to tell which tokens are still in use.
LAST_USED_RESOLUTION_SECONDS = 60


def hash_key(key: str) -> str:
    """Keys are 256 random bits, so a fast hash is safe (no dictionary to guess from)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100, blank=True)
    key_hash = models.CharField(_("密钥摘要"), max_length=64, unique=True, editable=False)
    # The first characters of the key, so people can tell their tokens apart without the secret.
    hint = models.CharField(_("密钥开头"), max_length=16, editable=False)
    created_at = models.DateTimeField(_("创建时间"), default=clock.now)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} · {self.name or self.hint}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @classmethod
    def issue(cls, user, name: str = "") -> tuple[ApiToken, str]:
        """Create a token; returns it with the plain key, which is never stored."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=hash_key(key), hint=key[:12])
        return token, key

    @classmethod
    def authenticate(cls, key: str):
        """The active user owning ``key``, or None."""
        if not key or not key.startswith(KEY_PREFIX):
            return None
        token = cls.objects.active().select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None:
            return None
        token.touch()
        return token.user

    def touch(self) -> None:
        now = clock.now()
        if self.last_used_at and (now - self.last_used_at).total_seconds() < LAST_USED_RESOLUTION_SECONDS:
            return
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = clock.now()
            self.save(update_fields=["revoked_at"])
