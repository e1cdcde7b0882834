from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class AttachmentsBlock(blocks.StructBlock):
    """Files to download (PDF, DOCX…), listed with their type and size."""

    title = blocks.CharBlock(label=_("Tiêu đề"), required=False, max_length=255)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Tệp")), label=_("Tệp"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Tệp đính kèm")
        template = "blocks/attachments.html"
