from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: deployment checks, database safeguards, batch and maintenance tooling."""

    name = "duban.ops"
    label = "ops"
