from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .portable import Export, Import, PortableBlock


class FigureBlock(PortableBlock, blocks.StructBlock):
    """An image with its caption. Alternative text is required unless the image is
    marked decorative (Wagtail's ImageBlock enforces it).

    It travels as it is, its image listed in the story's manifest; where it lands it
    shows the accepting site's copy of the image, or is left out when there is none.
    """

    image = ImageBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=500)

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "blocks/figure.html"

    def to_portable(self, value, export: Export):
        export.list_image(value["image"]["image"])
        return value

    def from_portable(self, value, into: Import):
        image_id = into.image_id(value["image"]["image"])
        if image_id is None:
            return None
        return {**value, "image": {**value["image"], "image": image_id}}
