"""``duban worker``: run scheduled work (reminders, escalation, recurrence checks, the
dashboard refresh, notification retries) until stopped. ``duban serve`` runs the same
in-process; run this beside gunicorn (see docs/ops.md for a systemd unit)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "运行定时任务（提醒、升级、再次交办检查、刷新总览、重发通知）"

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=1, help="工作线程数（默认 1）")

    def handle(self, *args, workers, **options):
        import logging

        from duban.schedule.huey_app import consumer

        logging.getLogger("huey").setLevel(logging.WARNING)
        self.stdout.write(_("督办定时任务已启动（按 Ctrl+C 停止）。"))
        self.stdout.flush()
        consumer(workers=workers).run()
