"""Per-site branding, edited by the site's administrators in Settings → Nhận diện trang.

A theme gives a family of sites its layout and colours; this setting gives one site
its own logo, emblem, banner, colours, the footer block the regulations require
(agency, address, phone, e-mail, responsible person, licence) and the national
monitoring (EMC) tracking script.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (_luminance(hex_colour) + 0.05)


def validate_colour(value: str) -> None:
    """A #RRGGBB colour dark enough for white text on it (WCAG AA, 4.5:1)."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Màu phải có dạng #RRGGBB, ví dụ #b71c1c."))
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        raise ValidationError(
            _(
                "Màu %(colour)s quá sáng: chữ trắng trên nền này chỉ đạt độ tương phản "
                "%(ratio).1f:1, cần tối thiểu 4.5:1 (WCAG 2.1 AA)."
            ),
            params={"colour": value, "ratio": ratio},
        )


def validate_tracking_script(value: str) -> None:
    """The EMC script must be an https URL on an allowed monitoring host."""
    if not value:
        return
    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    allowed = settings.TRACKING_SCRIPT_HOSTS
    if parts.scheme != "https" or not any(host == h or host.endswith("." + h) for h in allowed):
        raise ValidationError(
            _("Mã theo dõi phải là địa chỉ https thuộc hệ thống giám sát được phép (%(hosts)s)."),
            params={"hosts": ", ".join(allowed)},
        )


@register_setting(icon="image")
class SiteBranding(BaseGenericSetting):
    select_related = ["logo", "emblem", "banner"]

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng (quốc huy / đảng kỳ)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Để trống để dùng biểu trưng mặc định của giao diện."),
    )
    banner = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh băng rôn đầu trang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("màu chủ đạo"),
        max_length=7,
        blank=True,
        validators=[validate_colour],
        help_text=_("Dạng #RRGGBB; để trống để dùng màu của giao diện."),
    )
    accent_colour = models.CharField(
        _("màu nhấn"),
        max_length=7,
        blank=True,
        validators=[validate_colour],
        help_text=_("Dạng #RRGGBB; để trống để dùng màu của giao diện."),
    )
    agency = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    agency_en = models.CharField(_("cơ quan chủ quản (tiếng Anh)"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    address_en = models.CharField(_("địa chỉ (tiếng Anh)"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Ông Nguyễn Văn A – Chánh Văn phòng, Trưởng Ban Biên tập."),
    )
    licence = models.CharField(
        _("giấy phép"),
        max_length=255,
        blank=True,
        help_text=_("Số giấy phép thiết lập trang thông tin điện tử, cơ quan cấp, ngày cấp."),
    )
    tracking_script = models.URLField(
        _("mã theo dõi EMC"),
        blank=True,
        validators=[validate_tracking_script],
        help_text=_("Địa chỉ https của tập lệnh giám sát (EMC) do cơ quan quản lý cấp."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("emblem"),
                FieldPanel("banner"),
                FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")]),
            ],
            heading=_("Hình ảnh và màu sắc"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("agency"), FieldPanel("agency_en")]),
                FieldRowPanel([FieldPanel("address"), FieldPanel("address_en")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("responsible_person"),
                FieldPanel("licence"),
            ],
            heading=_("Chân trang (thông tin bắt buộc)"),
        ),
        FieldPanel("tracking_script"),
    ]

    class Meta:
        verbose_name = _("nhận diện trang")
        verbose_name_plural = _("nhận diện trang")
