"""A site's news settings (Settings → Tin tức in its admin)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="doc-full")
class NewsSettings(BaseGenericSetting):
    offer_to_parent = models.BooleanField(
        _("gửi tin lên cổng cấp trên"),
        default=True,
        help_text=_(
            "Bài viết mới xuất bản được gửi tới cổng cấp trên để xem xét đăng lại "
            "(từng bài có thể bỏ chọn). Tắt để trang không gửi bài nào."
        ),
    )

    class Meta:
        verbose_name = _("Tin tức")
