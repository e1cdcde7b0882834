from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("Thời hạn đăng tin")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from deadlines import signals  # noqa: F401
