from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    DECISION = "quyet_dinh", _("Quyết định")
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    NOTICE = "thong_bao", _("Thông báo")
    PLAN = "ke_hoach", _("Kế hoạch")
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    REGULATION = "quy_che", _("Quy chế")
    GUIDANCE = "huong_dan", _("Hướng dẫn")


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Còn hiệu lực")
    EXPIRED = "expired", _("Hết hiệu lực")
