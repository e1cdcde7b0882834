from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "syndication"
    verbose_name = _("Chia sẻ tin lên cổng cấp trên")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from syndication import signals

        signals.connect()
