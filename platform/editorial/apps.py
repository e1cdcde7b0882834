from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Quy tắc của Ban Biên tập")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial import permissions, signals

        permissions.install()
        signals.connect()
