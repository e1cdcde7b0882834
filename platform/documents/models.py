from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


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


class DocumentIndexPage(Page):
    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["documents.LegalDocumentPage"]

    class Meta:
        verbose_name = _("cơ sở dữ liệu văn bản")
        verbose_name_plural = _("cơ sở dữ liệu văn bản")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = (
            LegalDocumentPage.objects.child_of(self).live().public().order_by("-issued_on")[:50]
        )
        return context


class LegalDocumentPage(Page):
    """A legal or administrative document with the fields national rules require."""

    number = models.CharField(_("số ký hiệu"), max_length=64, db_index=True)
    doc_type = models.CharField(_("loại văn bản"), max_length=32, choices=DocumentType.choices)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng hiệu lực"), max_length=16, choices=DocumentStatus.choices,
        default=DocumentStatus.IN_FORCE,
    )
    legal_normative = models.BooleanField(_("văn bản quy phạm pháp luật"), default=False)
    summary = models.TextField(_("trích yếu"))
    body = RichTextField(_("toàn văn"), blank=True)
    file = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp đính kèm"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
                FieldPanel("field"),
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("effective_on")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("legal_normative")]),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("file"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("number", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("doc_type"),
        index.FilterField("issued_on"),
    ]
    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
