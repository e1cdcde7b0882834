from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .listing import LINK_FIELDS, visible_in_language


class LatestDocumentsBlock(blocks.StructBlock):
    """The latest legal and administrative documents (one query)."""

    heading = blocks.CharBlock(label=_("Tiêu đề khối"), max_length=120, default=_("Văn bản mới"))
    count = blocks.IntegerBlock(label=_("Số văn bản"), default=5, min_value=1, max_value=12)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Văn bản mới")
        template = "blocks/latest_documents.html"

    def get_context(self, value, parent_context=None):
        from documents.models import LegalDocumentPage

        context = super().get_context(value, parent_context)
        documents = visible_in_language(LegalDocumentPage, parent_context)
        context["documents"] = list(
            documents.order_by("-issued_on", "-id").only(
                *LINK_FIELDS, "number", "issued_on", "summary"
            )[: value.get("count") or 5]
        )
        return context
