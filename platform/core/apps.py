from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Lõi nền tảng")

    def ready(self):
        from core import signals
        from core.patches import admin_base_url, admin_menu, atomic_publish, contenttypes

        contenttypes.apply()
        admin_base_url.apply()
        atomic_publish.apply()
        admin_menu.apply()
        signals.connect()
