from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class OpsConfig(AppConfig):
    """Operations: deployment checks, database safeguards, batch and maintenance tooling."""

    name = "duban.ops"
    label = "ops"

    def ready(self):
        from duban.ops import checks  # noqa: F401  (registers duban's deploy checks)
        from duban.ops.journal_guard import install_journal_guard

        # After every migrate, so a fresh database, a restored one and an upgraded one all
        # carry the trigger (the SQL is idempotent). Sent for the ledger: Django only sends
        # post_migrate for apps with a models module, which ops has not.
        post_migrate.connect(install_journal_guard, sender=apps.get_app_config("ledger"),
                             dispatch_uid="duban.ops.journal_guard")
