"""The worker on duban's task queue (``duban.tasks``: a SQLite file in DUBAN_HOME holds the
queue and the schedule, so the worker needs no Redis and no cron). One periodic task, every
minute, runs the jobs that are due (``runner.run_due``); what a job has done is recorded in
duban's own database. The queued tasks are the notices a change sends (``duban.notify``)."""

from __future__ import annotations

import logging

from huey import crontab
from huey.consumer import Consumer

from duban import tasks
from duban.notify import service as _notify_tasks  # noqa: F401 -- registers the delivery task
from duban.schedule import runner
from duban.tasks import huey

log = logging.getLogger("duban.worker")


@huey.periodic_task(crontab(), name="duban.tick")  # every minute, and once as the worker starts
@tasks.fresh_connections  # a worker thread keeps its connection between passes
def tick():
    runner.run_due()


class InProcessConsumer(Consumer):
    """The consumer as ``duban serve`` runs it beside the web server: threads, no signal
    handlers of its own (the server's Ctrl+C stops both)."""

    def _set_signal_handlers(self):
        pass


def consumer(*, in_process: bool = False, workers: int = 1) -> Consumer:
    tasks.use_queue()
    cls = InProcessConsumer if in_process else Consumer
    # An idle consumer looks at the queue at most 2 s apart (huey's default backs off to 10 s):
    # a click's notices leave within a couple of seconds; a look is one small SQLite read.
    return cls(huey, workers=workers, worker_type="thread", periodic=True, check_worker_health=True,
               max_delay=2.0)
