"""Helpers shared by the ledger's commands."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from duban.ledger.models import User


def office_user(username: str | None) -> User | None:
    """The ``--user`` a command acts as (must be 督查室 or admin); None acts as the server's owner."""
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("没有用户 {username}。").format(username=username))
    if not (user.is_active and user.is_office):
        raise CommandError(_("用户 {username} 不是督查室或管理员，不能执行此操作。").format(username=username))
    return user
