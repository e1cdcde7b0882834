from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from .portable import Export, Import, PortableBlock


class AttachmentsBlock(PortableBlock, blocks.StructBlock):
    """Files to download (PDF, DOCX…), listed with their type and size.

    The files stay at the source: the block travels as a paragraph of links to them
    (its title in bold above), which the accepting site keeps as rich text.
    """

    portable_as = "paragraph"

    title = blocks.CharBlock(label=_("Tiêu đề"), required=False, max_length=255)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Tệp")), label=_("Tệp"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Tệp đính kèm")
        template = "blocks/attachments.html"

    def to_portable(self, value, export: Export):
        from wagtail.documents import get_document_model

        ids = [item["value"] for item in value["documents"]]
        documents = get_document_model().objects.in_bulk(ids)
        links = "".join(
            f'<li><a href="{escape(export.absolute_url(d.url))}">{escape(d.title)}</a></li>'
            for d in (documents.get(i) for i in ids)
            if d is not None
        )
        title = f"<p><b>{escape(value['title'])}</b></p>" if value.get("title") else ""
        return export.sanitise(f"{title}<ul>{links}</ul>")

    def from_portable(self, value, into: Import):
        return None  # never in the exchange as attachments (see portable_as)
