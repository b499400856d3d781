"""Configuration checks of the intranet features (run by ``duban check``; some with --deploy).

Each one turns a setting that would fail at the worst moment (a 500 at sign-in, a worker
job failing every minute) into a message at start-up."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from duban.sso.mapping import ROLE_ORDER


@register(Tags.security)
def check_sso_groups(app_configs=None, **kwargs):
    raw = settings.DUBAN_SSO_GROUPS
    try:
        table = json.loads(raw) if isinstance(raw, str) else raw
        bad = [g for g, grant in table.items() if not isinstance(grant, dict) or grant.get("role") not in ROLE_ORDER]
    except (ValueError, AttributeError):
        return [Error("DUBAN_SSO_GROUPS 不是 JSON 对象。", id="duban.E060",
                      hint='例如 {"督查室": {"role": "officer"}, "天桥街道": {"role": "liaison", "unit": "天桥街道"}}')]
    if bad:
        return [Error(f"DUBAN_SSO_GROUPS 中这些组的角色无效：{'、'.join(map(str, bad))}", id="duban.E061",
                      hint=f"role 应为 {'、'.join(ROLE_ORDER)} 之一。")]
    return []


@register(deploy=True)
def check_intranet_settings(app_configs=None, **kwargs):
    from duban.schedule.schedules import parse_time

    found = []
    try:
        parse_time(settings.DUBAN_REMIND_AT)
    except ValueError:
        found.append(Error(f"DUBAN_REMIND_AT 不是 HH:MM 格式：{settings.DUBAN_REMIND_AT!r}", id="duban.E062"))
    if not settings.DUBAN_BASE_URL:
        found.append(Warning("DUBAN_BASE_URL 未设置：通知中的链接是相对地址，在邮件和群消息里打不开。",
                             hint="设为用户访问督办系统的地址，如 https://duban.example.gov.cn", id="duban.W063"))
    if settings.DUBAN_PUBLIC_BOARD and settings.DUBAN_PUBLIC_BOARD_EMBED_ORIGINS.strip() == "*":
        found.append(Warning("政务公开栏的嵌入代码可被任何网站框入。", id="duban.W064",
                             hint="把 DUBAN_PUBLIC_BOARD_EMBED_ORIGINS 设为门户网站的地址。"))
    return found
