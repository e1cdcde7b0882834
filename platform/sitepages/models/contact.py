from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.text import StrippedTextMixin
from sitepages.validators import phone_validator


class ContactPage(StrippedTextMixin, Page):
    """The agency's contact information (mandatory in English too: translators use
    wagtail-localize, as for any page)."""

    intro = RichTextField(_("giới thiệu"), blank=True)
    agency_name = models.CharField(_("tên cơ quan"), max_length=255)
    address = models.TextField(_("địa chỉ"))
    phone = models.CharField(
        _("điện thoại"), max_length=40, blank=True, validators=[phone_validator]
    )
    fax = models.CharField(_("fax"), max_length=40, blank=True, validators=[phone_validator])
    email = models.EmailField(
        _("thư điện tử"),
        blank=True,
        help_text=_("Nên dùng hộp thư công vụ (địa chỉ có đuôi .gov.vn)."),
    )
    working_hours = models.TextField(
        _("thời gian làm việc"),
        blank=True,
        help_text=_("Ví dụ: Sáng 7h30–11h30, chiều 13h30–17h00, từ thứ Hai đến thứ Sáu."),
    )
    map_url = models.URLField(
        _("đường dẫn bản đồ"),
        blank=True,
        help_text=_("Liên kết tới vị trí cơ quan trên bản đồ trực tuyến."),
    )
    officer = models.CharField(
        _("người phụ trách"),
        max_length=255,
        blank=True,
        help_text=_("Họ tên, chức vụ người chịu trách nhiệm tiếp nhận thông tin liên hệ."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("agency_name"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
                FieldPanel("email"),
                FieldPanel("working_hours"),
                FieldPanel("map_url"),
                FieldPanel("officer"),
            ],
            heading=_("Thông tin liên hệ"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("agency_name"),
        index.SearchField("address"),
    ]
    parent_page_types = ["home.HomePage", "organisation.OrganisationPage", "sitepages.ContentPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang liên hệ")
        verbose_name_plural = _("trang liên hệ")
