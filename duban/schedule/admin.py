from django.contrib import admin

from duban.ledger.admin import ReadOnlyAdmin
from duban.schedule import models


@admin.register(models.Job)
class JobAdmin(ReadOnlyAdmin):
    """What the worker runs: last run, its result, next run, failures in a row."""

    list_display = ("label", "schedule", "last_run_at", "last_ok", "last_note", "next_run_at", "failures")


@admin.register(models.JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    list_display = ("job", "period", "started_at", "finished_at", "ok", "tries", "note")
    list_filter = ("job", "ok")
