from django.contrib import admin

from duban.schedule import models


class ReadOnly(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Job)
class JobAdmin(ReadOnly):
    """What the worker runs: last run, its result, next run, failures in a row."""

    list_display = ("label", "schedule", "last_run_at", "last_ok", "last_note", "next_run_at", "failures")


@admin.register(models.JobRun)
class JobRunAdmin(ReadOnly):
    list_display = ("job", "period", "started_at", "finished_at", "ok", "tries", "note")
    list_filter = ("job", "ok")
