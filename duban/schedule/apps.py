from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    """The worker's jobs and the record of their runs."""

    name = "duban.schedule"
    label = "schedule"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "定时任务"

    def ready(self):
        from duban.schedule import checks  # noqa: F401  (registers the deployment checks)
