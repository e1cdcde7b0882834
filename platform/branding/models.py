"""Per-site branding, edited by the site's administrators in Settings → Nhận diện trang.

A theme gives a family of sites its layout and colours; this setting gives one site
its own logo, emblem, banner, colours, the footer block the regulations require
(agency, address, phone, e-mail, responsible person, licence) and the national
monitoring (EMC) tracking script.
"""

import re

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


#: the only shape a tracking script's address may have: https, a host name (letters,
#: digits, dots, hyphens), an optional port, then a path and query of plain URL
#: characters. No userinfo (``@``), no backslash, no whitespace or control character,
#: nothing a browser would read as another host (``https://evil.example\@emc.gov.vn/``
#: loads from evil.example, which a parser such as urlsplit does not see).
TRACKING_SCRIPT_URL = re.compile(
    r"^https://(?P<host>[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::[0-9]{1,5})?"
    r"(?:/[A-Za-z0-9._~!$&'()*+,;=:%/?-]*)?\Z",
    re.IGNORECASE,
)


def tracking_script_host_allowed(value: str) -> bool:
    """Whether ``value`` is an https address on a host of ``TRACKING_SCRIPT_HOSTS`` (or a
    subdomain of one), in the strict shape ``TRACKING_SCRIPT_URL``."""
    match = TRACKING_SCRIPT_URL.match(value or "")
    if match is None:
        return False
    host = match["host"].lower()
    if ".." in host:
        return False
    return any(host == h or host.endswith("." + h) for h in settings.TRACKING_SCRIPT_HOSTS)


def validate_tracking_script(value: str) -> None:
    """The EMC script must be an https URL on an allowed monitoring host."""
    if not value:
        return
    allowed = settings.TRACKING_SCRIPT_HOSTS
    if not tracking_script_host_allowed(value):
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

    @property
    def safe_tracking_script(self) -> str:
        """The tracking script's address if it is still allowed (a value saved before a
        stricter check, or before a host left ``TRACKING_SCRIPT_HOSTS``, is not shown)."""
        value = self.tracking_script
        return value if value and tracking_script_host_allowed(value) else ""

    @property
    def stylesheet_version(self) -> str:
        """A short digest of what ``branding.css`` renders (for its cache-busting URL);
        empty when the site has no colours or banner of its own."""
        import hashlib

        if not (self.primary_colour or self.accent_colour or self.banner_id):
            return ""
        parts = f"{self.primary_colour}|{self.accent_colour}|{self.banner_id}"
        if self.banner is not None:
            parts += f"|{self.banner.file.name}"
        return hashlib.sha256(parts.encode()).hexdigest()[:12]

    class Meta:
        verbose_name = _("nhận diện trang")
        verbose_name_plural = _("nhận diện trang")
