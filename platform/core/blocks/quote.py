import html

import nh3

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .portable import Export, Import, PortableBlock


class QuoteBlock(PortableBlock, blocks.StructBlock):
    """A quotation and who said it. It travels as it is; where it lands each of its
    texts is reduced to plain text (the template escapes it when it renders)."""

    quote = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói / nguồn"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote.html"

    def to_portable(self, value, export: Export):
        return value

    def from_portable(self, value, into: Import):
        # plain text, not HTML: no tags (nor a script's content), and no entities,
        # which the template would escape a second time ("&" shown as "&amp;")
        return {
            name: html.unescape(nh3.clean(str(text), tags=set())) for name, text in value.items()
        }
