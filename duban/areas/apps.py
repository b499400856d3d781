from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "duban.areas"
    label = "areas"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "工作领域"
