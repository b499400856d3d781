"""``duban remind``: notify liaisons of their yellow and red items and post a webhook summary.

``duban worker`` (and ``duban serve``) send them every morning; this command sends them by hand."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from duban.reports import reminders


class Command(BaseCommand):
    help = "向责任单位联络员发送黄灯、红灯事项提醒（邮件和群机器人）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按此日期计算红黄灯（YYYY-MM-DD，默认今天）")
        parser.add_argument("--webhook", help="群机器人地址（默认取 DUBAN_REMINDER_WEBHOOK；空字符串则不推送）")
        parser.add_argument("--base-url", default=None,
                            help="邮件中事项链接的网址前缀，如 https://duban.example.gov.cn（默认取 DUBAN_BASE_URL）")
        parser.add_argument("--dry-run", action="store_true", help="只统计，不发送")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(_("日期格式应为 YYYY-MM-DD：{date}").format(date=options["date"])) from None
        outcome = reminders.send(today, webhook=options["webhook"], dry_run=options["dry_run"],
                                 base_url=options["base_url"].rstrip("/") if options["base_url"] is not None else None)
        done = (_("{units} 个单位有黄灯或红灯事项；将发送邮件 {emails} 封（通知共 {notices} 条）。") if options["dry_run"]
                else _("{units} 个单位有黄灯或红灯事项；已发送邮件 {emails} 封（通知共 {notices} 条）。"))
        robot = _("群机器人已推送。") if outcome.webhook else _("群机器人未推送。")
        self.stdout.write(done.format(units=outcome.units, emails=outcome.emails, notices=outcome.notices) + robot)
        for line in outcome.unreachable:
            self.stderr.write(_("无法通知：{who}").format(who=line))
        for error in outcome.errors:
            self.stderr.write(error)
        if outcome.errors:
            raise CommandError(_("部分提醒未能发送。"))
