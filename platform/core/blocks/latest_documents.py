from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .listing import ListingBlock


class LatestDocumentsBlock(ListingBlock):
    """The latest legal and administrative documents (one query)."""

    heading = blocks.CharBlock(label=_("Tiêu đề khối"), max_length=120, default=_("Văn bản mới"))
    count = blocks.IntegerBlock(label=_("Số văn bản"), default=5, min_value=1, max_value=12)

    page_model = "documents.LegalDocumentPage"
    ordering = ("-issued_on", "-id")
    fields = ("number", "issued_on", "summary")
    context_name = "documents"

    class Meta:
        icon = "doc-full-inverse"
        label = _("Văn bản mới")
        template = "blocks/latest_documents.html"
