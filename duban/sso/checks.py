"""Configuration checks of single sign-on (run by ``duban check``): a group table that would
fail at the worst moment, a 500 at sign-in, becomes a message at start-up. The worker's,
the notifications' and the board's deployment checks are in ``duban.schedule.checks``."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.utils.translation import gettext as _

from duban.sso.mapping import ROLE_ORDER


@register(Tags.security)
def check_sso_groups(app_configs=None, **kwargs):
    raw = settings.DUBAN_SSO_GROUPS
    try:
        table = json.loads(raw) if isinstance(raw, str) else raw
        bad = [g for g, grant in table.items() if not isinstance(grant, dict) or grant.get("role") not in ROLE_ORDER]
    except (ValueError, AttributeError):
        return [Error(_("DUBAN_SSO_GROUPS 不是 JSON 对象。"), id="duban.E060",
                      hint=_('例如 {"督查室": {"role": "officer"}, "天桥街道": {"role": "liaison", "unit": "天桥街道"}}'))]
    if bad:
        return [Error(_("DUBAN_SSO_GROUPS 中这些组的角色无效：{groups}").format(groups="、".join(map(str, bad))), id="duban.E061",
                      hint=_("role 应为 {roles} 之一。").format(roles="、".join(ROLE_ORDER)))]
    return []
