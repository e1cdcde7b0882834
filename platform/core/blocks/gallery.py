from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .figure import FigureBlock


class GalleryBlock(blocks.StructBlock):
    """A titled set of captioned images, shown as a grid."""

    title = blocks.CharBlock(label=_("Tiêu đề"), required=False, max_length=255)
    images = blocks.ListBlock(FigureBlock(), label=_("Ảnh"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Bộ ảnh")
        template = "blocks/gallery.html"
