from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisioningConfig(AppConfig):
    name = "provisioning"
    verbose_name = _("Khởi tạo trang")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from provisioning.board import forget_group_names

        m2m_changed.connect(
            forget_group_names,
            sender=get_user_model().groups.through,
            dispatch_uid="provisioning.forget_group_names",
        )
