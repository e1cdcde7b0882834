from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class FigureBlock(blocks.StructBlock):
    """An image with its caption. Alternative text is required unless the image is
    marked decorative (Wagtail's ImageBlock enforces it)."""

    image = ImageBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=500)

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "blocks/figure.html"
