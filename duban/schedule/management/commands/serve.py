"""``duban serve``: migrate, then serve the app with Django's threaded WSGI server.

It lives with the scheduled work because it runs the worker in the same process (unless
``--no-worker``). Good for one office on one machine (the demo, a small deployment); behind many users run
gunicorn (``gunicorn duban.wsgi``) instead. Static files are served by WhiteNoise, so
this works with DEBUG off.
"""

from __future__ import annotations

import errno

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "启动网页服务（默认 http://127.0.0.1:8000）"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        parser.add_argument("--no-migrate", action="store_true", help="不先升级数据库结构")
        parser.add_argument("--no-worker", action="store_true",
                            help="不在本进程中运行定时任务（另行运行 duban worker）")

    def handle(self, *args, host, port, no_migrate, no_worker, **options):
        from django.conf import settings

        from duban import tasks

        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        tasks.use_queue()  # clicks hand their notices to the worker
        worker = None
        if settings.DUBAN_SERVE_WORKER and not no_worker:
            # The single-machine default: reminders and retries need no second process.
            from duban.schedule.huey_app import consumer

            worker = consumer(in_process=True)
            worker.start()
        try:
            serve(host, port, stdout=self.stdout)
        finally:
            if worker is not None:
                worker.stop()


def serve(host: str, port: int, *, stdout) -> None:
    """Serve until Ctrl+C; a busy port is a one-line error, not a traceback."""
    from django.conf import settings
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application

    from duban import home

    # WhiteNoise serves app static files through its finders; it only wants STATIC_ROOT to exist.
    home.prepare(settings)
    application = get_wsgi_application()
    shown = f"[{host}]" if ":" in host else host
    stdout.write(_("督办 duban 已启动：{url}  （按 Ctrl+C 停止）").format(url=f"http://{shown}:{port}/"))
    stdout.flush()
    try:
        run(host, port, application, ipv6=":" in host, threading=True)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CommandError(_("端口 {port} 已被占用，请用 --port 指定其他端口。").format(port=port)) from None
        raise CommandError(_("无法在 {host}:{port} 启动服务：{error}").format(host=host, port=port, error=error.strerror or error)) from None
    except KeyboardInterrupt:
        stdout.write(_("已停止。"))
