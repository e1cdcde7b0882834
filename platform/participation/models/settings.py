"""A site's settings for visitors' questions and feedback (Settings → Hỏi – đáp)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="help")
class ParticipationSettings(BaseGenericSetting):
    due_working_days = models.PositiveSmallIntegerField(
        _("thời hạn trả lời (ngày làm việc)"),
        default=10,
        help_text=_("Số ngày làm việc kể từ khi nhận câu hỏi, phản ánh để trả lời."),
    )
    retention_days = models.PositiveIntegerField(
        _("thời gian giữ thông tin liên hệ (ngày)"),
        default=365,
        help_text=_(
            "Sau khi một câu hỏi, phản ánh đã xử lý xong, họ tên, địa chỉ, thư điện tử, "
            "điện thoại và tệp đính kèm của người gửi được xoá sau số ngày này "
            "(Nghị định 13/2023/NĐ-CP)."
        ),
    )
    secretary_email = models.EmailField(
        _("thư điện tử của thư ký"),
        blank=True,
        help_text=_("Nhận thư báo mỗi khi có câu hỏi, phản ánh mới."),
    )

    class Meta:
        verbose_name = _("Hỏi – đáp")


def default_due_days() -> int:
    return getattr(settings, "PARTICIPATION_DUE_WORKING_DAYS", 10)
