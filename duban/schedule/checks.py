"""Deployment checks of the intranet features (run by ``duban check --deploy``): a setting that
would fail at the worst moment (a worker job failing every minute, links in notifications
that open nowhere, a board any site may frame) becomes a message at start-up.

They live with the worker, the highest of the three parts they look at."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.utils.translation import gettext as _

from duban.schedule.schedules import parse_time


@register(deploy=True)
def check_intranet_settings(app_configs=None, **kwargs):
    found = []
    try:
        parse_time(settings.DUBAN_REMIND_AT)
    except ValueError:
        found.append(Error(_("DUBAN_REMIND_AT 不是 HH:MM 格式：{value}").format(value=repr(settings.DUBAN_REMIND_AT)),
                           id="duban.E062"))
    if not settings.DUBAN_BASE_URL:
        found.append(Warning(_("DUBAN_BASE_URL 未设置：通知中的链接是相对地址，在邮件和群消息里打不开。"),
                             hint=_("设为用户访问督办系统的地址，如 https://duban.example.gov.cn"), id="duban.W063"))
    if settings.DUBAN_PUBLIC_BOARD and settings.DUBAN_PUBLIC_BOARD_EMBED_ORIGINS.strip() == "*":
        found.append(Warning(_("政务公开栏的嵌入代码可被任何网站框入。"), id="duban.W064",
                             hint=_("把 DUBAN_PUBLIC_BOARD_EMBED_ORIGINS 设为门户网站的地址。")))
    return found
