from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class BannerBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Ảnh"))
    url = blocks.URLBlock(label=_("Liên kết tới"), required=False)


class BannersBlock(blocks.StructBlock):
    """Static banners (no carousel: nothing on the page moves by itself, WCAG 2.2.2)."""

    banners = blocks.ListBlock(BannerBlock(), label=_("Băng rôn"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Băng rôn, ảnh quảng bá")
        template = "blocks/banners.html"
