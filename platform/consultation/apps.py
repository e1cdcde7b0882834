from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Lấy ý kiến dự thảo")
    default_auto_field = "django.db.models.BigAutoField"
