from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "duban.ledger"
    label = "ledger"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "督办台账"

    def ready(self):
        from duban.ledger import throttle  # noqa: F401  (connects the login signal receivers)
