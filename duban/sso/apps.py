from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "duban.sso"
    label = "sso"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "统一身份认证"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from duban.sso import checks  # noqa: F401  (registers the intranet features' checks)
        from duban.sso.mapping import remember_refusal

        user_logged_in.connect(remember_refusal, dispatch_uid="duban.sso.refusal")
