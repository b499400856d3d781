from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "duban.areas"
    label = "areas"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "工作领域"

    def ready(self):
        from duban.ledger.signals import proposals_imported

        proposals_imported.connect(_flag_repeats, dispatch_uid="areas.flag_repeats")


def _flag_repeats(sender, source, items, **kwargs):
    """再次交办: link each new proposal to the earlier items of its subject it repeats."""
    from duban.areas.recurrence import flag_recurrences

    for item in items:
        if item.subject_id:
            flag_recurrences(item)
