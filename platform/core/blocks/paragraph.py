from wagtail import blocks

from .portable import Export, Import, PortableBlock


class ParagraphBlock(PortableBlock, blocks.RichTextBlock):
    """Rich text: Wagtail's block, with its portable form. It travels as HTML any site
    can show (links absolute, sanitised) and is sanitised again where it lands."""

    def to_portable(self, value, export: Export):
        return export.rich_text(value or "")

    def from_portable(self, value, into: Import):
        return into.sanitise(str(value or ""))


#: migrations name it as the rich-text block it stores (Wagtail's own aliasing, as for
#: its field blocks): the portable form adds no option, so the StreamFields that
#: switched to it need no migration
DECONSTRUCT_ALIASES = {ParagraphBlock: "wagtail.blocks.RichTextBlock"}
