from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock


class VideoBlock(blocks.StructBlock):
    """An embedded video (YouTube and the other oEmbed providers Wagtail knows).

    The title becomes the iframe's accessible name, which WCAG requires.
    """

    video = EmbedBlock(label=_("Địa chỉ video"), max_width=960)
    title = blocks.CharBlock(label=_("Tiêu đề video"), max_length=255)
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=500)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"
