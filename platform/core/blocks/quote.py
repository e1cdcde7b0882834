from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói / nguồn"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote.html"
