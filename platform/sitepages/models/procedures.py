from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.text import StrippedTextMixin
from sitepages.validators import validate_public_service_url

#: GET parameter of the filter by field (lĩnh vực)
FIELD_PARAM = "linh_vuc"


class ProcedureLevel(models.TextChoices):
    FULL = "toan_trinh", _("Toàn trình")
    PARTIAL = "mot_phan", _("Một phần")
    INFORMATION = "thong_tin", _("Cung cấp thông tin")


class ProceduresPage(StrippedTextMixin, Page):
    """Administrative procedures (thủ tục hành chính), each linked to its record on the
    national public service portal, listed by field."""

    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("procedures", heading=_("Thủ tục hành chính"), label=_("Thủ tục")),
    ]
    search_fields = [
        *Page.search_fields,
        index.RelatedFields("procedures", [index.SearchField("name"), index.SearchField("field")]),
    ]
    parent_page_types = ["home.HomePage", "sitepages.ContentPage", "organisation.OrganisationPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang thủ tục hành chính")
        verbose_name_plural = _("trang thủ tục hành chính")

    def get_context(self, request, *args, **kwargs):
        """Adds ``groups`` [(field, [procedures])] in the editors' order, ``fields`` (every
        field, for the filter) and ``selected_field`` (None when absent or unknown)."""
        context = super().get_context(request, *args, **kwargs)
        groups: dict[str, list] = {}
        for procedure in self.procedures.all():
            groups.setdefault(procedure.field, []).append(procedure)
        selected = request.GET.get(FIELD_PARAM)
        if selected not in groups:
            selected = None
        context.update(
            fields=list(groups),
            selected_field=selected,
            field_param=FIELD_PARAM,
            groups=[(f, items) for f, items in groups.items() if selected in (None, f)],
        )
        return context


class Procedure(StrippedTextMixin, Orderable):
    page = ParentalKey(ProceduresPage, on_delete=models.CASCADE, related_name="procedures")
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.CharField(
        _("lĩnh vực"), max_length=255, help_text=_("Ví dụ: Đất đai, Hộ tịch, Đầu tư.")
    )
    level = models.CharField(
        _("mức độ"), max_length=16, choices=ProcedureLevel.choices, default=ProcedureLevel.FULL
    )
    processing_time = models.CharField(_("thời hạn giải quyết"), max_length=255, blank=True)
    fee = models.CharField(_("phí, lệ phí"), max_length=255, blank=True)
    url = models.URLField(
        _("đường dẫn trên Cổng Dịch vụ công"),
        max_length=1000,
        validators=[validate_public_service_url],
        help_text=_(
            "Địa chỉ thủ tục trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) "
            "hoặc cổng dịch vụ công của tỉnh."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("field"), FieldPanel("level")]),
        FieldRowPanel([FieldPanel("processing_time"), FieldPanel("fee")]),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    def __str__(self):
        return self.name
