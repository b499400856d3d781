"""duban's one task queue (huey), shared by the code that enqueues work and the worker that
runs it.

A process starts in huey's *immediate* mode: a task runs as it is enqueued, in the caller's
thread, and nothing is written (commands such as ``duban import-xlsx``, ``duban demo``'s
seeding, the tests). The processes that have a worker behind them — the web server
(``duban.wsgi``, ``duban serve``) and the worker itself — call ``use_queue()``: tasks then go
to ``DUBAN_HOME/tasks.sqlite3`` and ``duban worker`` (or the worker inside ``duban serve``)
runs them, so a slow task never holds up a web request.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.db import close_old_connections
from huey import SqliteHuey

# The file is named when the queue is first used (importing this module reads no settings).
huey = SqliteHuey("duban", filename="", results=False, immediate=True)


def use_queue() -> None:
    """From now on tasks wait in the queue file for the worker (this process enqueues them, or
    runs them there). Makes the file on first use."""
    huey.storage_kwargs["filename"] = str(settings.DATA_HOME / "tasks.sqlite3")
    huey.immediate = False


def fresh_connections(func):
    """Wrap a task so that, in the worker, it starts and ends with the thread's stale database
    connections closed (what Django does around a request). In immediate mode it runs inside
    its caller's request or transaction, whose connection is left alone."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if huey.immediate:
            return func(*args, **kwargs)
        close_old_connections()
        try:
            return func(*args, **kwargs)
        finally:
            close_old_connections()

    return wrapper
