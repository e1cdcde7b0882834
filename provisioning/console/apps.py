from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    name = "provisioning.console"
    label = "console"
    verbose_name = _("Bảng điều khiển vận hành")
