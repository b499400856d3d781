from django.apps import AppConfig


class NotifyConfig(AppConfig):
    """Notification channels (plugins), users' channel choices and the delivery log."""

    name = "duban.notify"
    label = "notify"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "通知"
