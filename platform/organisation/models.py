"""The organisation page (giới thiệu / cơ cấu tổ chức): functions, tasks, structure,
leaders and units of an agency or of one of its units.

National rules make the organisation, functions and contacts mandatory in
English: translators translate the page with wagtail-localize like any other.
"""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import content_blocks
from core.text import StrippedTextMixin
from sitepages.validators import phone_validator

#: rendition of a leader's portrait (the template uses the same spec)
LEADER_PHOTO = "fill-160x200"
OFFICIAL_EMAIL_HELP = _("Nên dùng hộp thư công vụ (địa chỉ có đuôi .gov.vn).")


class OrganisationPage(StrippedTextMixin, Page):
    intro = RichTextField(_("giới thiệu chung"), blank=True)
    functions = RichTextField(_("chức năng"), blank=True)
    tasks = RichTextField(_("nhiệm vụ, quyền hạn"), blank=True)
    structure = StreamField(
        content_blocks(),
        verbose_name=_("cơ cấu tổ chức"),
        blank=True,
        help_text=_("Mô tả bộ máy; có thể kèm sơ đồ tổ chức (ảnh có chú thích)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("functions"),
        FieldPanel("tasks"),
        FieldPanel("structure"),
        InlinePanel("leaders", heading=_("Lãnh đạo"), label=_("Lãnh đạo")),
        InlinePanel("units", heading=_("Đơn vị trực thuộc"), label=_("Đơn vị")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("functions"),
        index.SearchField("tasks"),
        index.SearchField("structure"),
        index.RelatedFields(
            "leaders", [index.SearchField("full_name"), index.SearchField("title")]
        ),
        index.RelatedFields("units", [index.SearchField("name")]),
    ]
    parent_page_types = ["home.HomePage", "organisation.OrganisationPage", "sitepages.ContentPage"]
    subpage_types = [
        "organisation.OrganisationPage",
        "sitepages.ContentPage",
        "sitepages.ContactPage",
    ]

    class Meta:
        verbose_name = _("trang cơ cấu tổ chức")
        verbose_name_plural = _("trang cơ cấu tổ chức")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Previews hold the leaders in memory (modelcluster's FakeQuerySet, whose
        # prefetch_related is a no-op); saved pages fetch photos and their renditions
        # in two queries whatever the number of leaders.
        photos = get_image_model().objects.prefetch_renditions(LEADER_PHOTO)
        context["leaders"] = self.leaders.prefetch_related(Prefetch("photo", queryset=photos))
        context["units"] = self.units.all()
        return context


class Leader(StrippedTextMixin, Orderable):
    """A leader of the agency, in the order editors give (head first)."""

    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="leaders")
    full_name = models.CharField(_("họ và tên"), max_length=255)
    title = models.CharField(_("chức vụ"), max_length=255)
    phone = models.CharField(
        _("điện thoại"), max_length=40, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("thư điện tử công vụ"), blank=True, help_text=OFFICIAL_EMAIL_HELP)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh chân dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Không bắt buộc. Văn bản thay thế của ảnh là họ tên lãnh đạo."),
    )
    responsibilities = models.CharField(
        _("lĩnh vực phụ trách"),
        max_length=500,
        blank=True,
        help_text=_("Tóm tắt các lĩnh vực, nhiệm vụ được phân công."),
    )

    panels = [
        FieldRowPanel([FieldPanel("full_name"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("photo"),
        FieldPanel("responsibilities"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")

    def __str__(self):
        return f"{self.full_name} – {self.title}"


class Unit(StrippedTextMixin, Orderable):
    """A unit under the agency (đơn vị trực thuộc) and how to reach it."""

    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("tên đơn vị"), max_length=255)
    head = models.CharField(
        _("người đứng đầu"),
        max_length=255,
        blank=True,
        help_text=_("Họ tên và chức vụ, ví dụ: Nguyễn Văn A – Chánh Văn phòng."),
    )
    phone = models.CharField(
        _("điện thoại"), max_length=40, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("thư điện tử"), blank=True, help_text=OFFICIAL_EMAIL_HELP)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("head"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("address"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("đơn vị trực thuộc")
        verbose_name_plural = _("đơn vị trực thuộc")

    def __str__(self):
        return self.name
