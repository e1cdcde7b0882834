import re
from functools import partial

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from deadlines.kinds import Kind as DeadlineKind
from deadlines.kinds import field_errors as deadline_field_errors
from deadlines.panels import deadline_panels
from documents.admin_forms import LegalDocumentPageForm
from documents.choices import DocumentStatus, DocumentType
from documents.queries import used_values
from documents.validators import (
    normalise_number,
    normalise_text,
    validate_attachment,
    validate_number,
)
from documents.widgets import SuggestionsTextInput


class LegalDocumentPage(Page):
    """A legal or administrative document with the fields national rules require.

    ``clean()`` normalises the number and symbol, issuing body and field (NFC,
    whitespace) so the index's filter lists hold one spelling of each, and
    checks the dates are in order. Rules that depend on today's date live in
    the admin form (``documents.admin_forms.LegalDocumentPageForm``), so publishing a
    scheduled revision never fails on them.
    """

    number = models.CharField(
        _("số ký hiệu"),
        max_length=64,
        db_index=True,
        help_text=_("Ví dụ: 12/2025/QĐ-UBND."),
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=32, choices=DocumentType.choices)
    issuer = models.CharField(
        _("cơ quan ban hành"),
        max_length=255,
        help_text=_("Chọn trong danh sách gợi ý nếu cơ quan đã có, để tra cứu gộp đúng."),
    )
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    field = models.CharField(
        _("lĩnh vực"),
        max_length=255,
        blank=True,
        help_text=_("Chọn trong danh sách gợi ý nếu lĩnh vực đã có."),
    )
    issued_on = models.DateField(_("ngày ban hành"), db_index=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng hiệu lực"),
        max_length=16,
        choices=DocumentStatus.choices,
        default=DocumentStatus.IN_FORCE,
    )
    expired_on = models.DateField(
        _("ngày hết hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Bắt buộc khi văn bản đã hết hiệu lực."),
    )
    legal_normative = models.BooleanField(_("văn bản quy phạm pháp luật"), default=False)
    summary = models.TextField(_("trích yếu"))
    body = RichTextField(_("toàn văn"), blank=True)
    deadline_kind = models.CharField(
        _("loại thông tin (tính hạn đăng)"),
        max_length=32,
        choices=DeadlineKind.choices,
        blank=True,
        help_text=_(
            "Văn bản quy phạm pháp luật: 7 ngày làm việc từ khi nhận; văn bản hành chính: 2."
        ),
    )
    deadline_starts_at = models.DateTimeField(
        _("thời điểm tính hạn"),
        null=True,
        blank=True,
        help_text=_("Nhận hoặc ký văn bản (ngày/tháng/năm giờ:phút)."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "issuer", widget=SuggestionsTextInput(partial(used_values, "issuer"))
                        ),
                        FieldPanel("signer"),
                    ]
                ),
                FieldPanel("field", widget=SuggestionsTextInput(partial(used_values, "field"))),
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("effective_on")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("expired_on")]),
                FieldPanel("legal_normative"),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        deadline_panels(),
        InlinePanel("attachments", heading=_("Tệp đính kèm"), label=_("Tệp")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("number", boost=3),
        # the number's parts as words: the text search parser reads "15/2024/QD-UBND"
        # as one path token, but "15/2024/QĐ-UBND" as several
        index.SearchField("number_words", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("doc_type"),
        index.FilterField("issued_on"),
        index.FilterField("status"),
    ]
    parent_page_types = ["documents.DocumentIndexPage"]

    @property
    def number_words(self) -> str:
        """The number and symbol with its separators as spaces: "15 2024 QĐ UBND"."""
        return re.sub(r"[/\-.]+", " ", self.number or "").strip()

    subpage_types: list[str] = []
    base_form_class = LegalDocumentPageForm

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def clean(self):
        super().clean()
        self.number = normalise_number(self.number)
        self.issuer = normalise_text(self.issuer)
        self.signer = normalise_text(self.signer)
        self.field = normalise_text(self.field)
        self.summary = normalise_text(self.summary)
        errors: dict[str, object] = {}
        try:
            validate_number(self.number)
        except ValidationError as error:
            errors["number"] = error
        if not self.issuer:
            errors["issuer"] = _("Hãy nhập cơ quan ban hành.")
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("Ngày có hiệu lực không được trước ngày ban hành.")
        start = self.effective_on or self.issued_on
        if start and self.expired_on and self.expired_on < start:
            errors["expired_on"] = _(
                "Ngày hết hiệu lực không được trước ngày có hiệu lực (hoặc ngày ban hành)."
            )
        errors.update(deadline_field_errors(self.deadline_kind, self.deadline_starts_at))
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the files and their documents (in preview, the rows in memory).
        context["attachments"] = list(self.attachments.select_related("document"))
        return context


class LegalDocumentFile(Orderable):
    """One file of a legal document (the signed PDF, an editable DOCX, an annex…)."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("tệp"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("nhãn"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Bản ký số, Phụ lục I. Để trống thì dùng tên tệp."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.label or self.document.title

    def clean(self):
        super().clean()
        self.label = normalise_text(self.label)
        if self.document_id:
            try:
                validate_attachment(self.document)
            except ValidationError as error:
                raise ValidationError({"document": error}) from error
