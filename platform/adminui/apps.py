from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminUIConfig(AppConfig):
    name = "adminui"
    verbose_name = _("Giao diện quản trị")

    def ready(self):
        from adminui import identity

        identity.connect()
