from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .figure import FigureBlock
from .portable import Export, Import, PortableBlock


class GalleryBlock(PortableBlock, blocks.StructBlock):
    """A titled set of captioned images, shown as a grid.

    Each image travels as a figure does; where it lands the images that could not be
    copied are left out, and the gallery too when none could.
    """

    title = blocks.CharBlock(label=_("Tiêu đề"), required=False, max_length=255)
    images = blocks.ListBlock(FigureBlock(), label=_("Ảnh"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Bộ ảnh")
        template = "blocks/gallery.html"

    def to_portable(self, value, export: Export):
        figure = self.child_blocks["images"].child_block
        for item in value["images"]:
            figure.to_portable(item["value"], export)
        return value

    def from_portable(self, value, into: Import):
        figure = self.child_blocks["images"].child_block
        items = []
        for item in value["images"]:
            rebuilt = figure.from_portable(item["value"], into)
            if rebuilt is not None:
                items.append({**item, "value": rebuilt})
        return {**value, "images": items} if items else None
