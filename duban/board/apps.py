from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "duban.board"
    label = "board"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "政务公开"
