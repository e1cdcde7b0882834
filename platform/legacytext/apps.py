from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegacyTextConfig(AppConfig):
    name = "legacytext"
    verbose_name = _("Chuyển mã tiếng Việt cũ")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from legacytext import signals

        signals.connect()
