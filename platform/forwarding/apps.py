from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForwardingConfig(AppConfig):
    name = "forwarding"
    verbose_name = _("Chuyển câu hỏi đến trang có thẩm quyền")
    default_auto_field = "django.db.models.BigAutoField"
