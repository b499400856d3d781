"""The huey instance: a SQLite file in DUBAN_HOME holds the queue and the schedule, so the
worker needs no Redis and no cron. One periodic task, every minute, runs the jobs that are
due (``runner.run_due``); what a job has done is recorded in duban's own database."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import close_old_connections
from huey import SqliteHuey, crontab
from huey.consumer import Consumer

from duban.schedule import runner

huey = SqliteHuey("duban", filename=str(settings.DATA_HOME / "tasks.sqlite3"), results=False)
log = logging.getLogger("duban.worker")


@huey.periodic_task(crontab(), name="duban.tick")  # every minute, and once as the worker starts
def tick():
    close_old_connections()  # a worker thread keeps its connection between passes
    try:
        runner.run_due()
    finally:
        close_old_connections()


class InProcessConsumer(Consumer):
    """The consumer as ``duban serve`` runs it beside the web server: threads, no signal
    handlers of its own (the server's Ctrl+C stops both)."""

    def _set_signal_handlers(self):
        pass


def consumer(*, in_process: bool = False, workers: int = 1) -> Consumer:
    cls = InProcessConsumer if in_process else Consumer
    return cls(huey, workers=workers, worker_type="thread", periodic=True, check_worker_health=True)
