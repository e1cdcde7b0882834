from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from .portable import Export, Import, PortableBlock


class VideoBlock(PortableBlock, blocks.StructBlock):
    """An embedded video (YouTube and the other oEmbed providers Wagtail knows).

    The title becomes the iframe's accessible name, which WCAG requires. It travels
    as it is; where it lands only an http(s) address is kept.
    """

    video = EmbedBlock(label=_("Địa chỉ video"), max_width=960)
    title = blocks.CharBlock(label=_("Tiêu đề video"), max_length=255)
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=500)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"

    def to_portable(self, value, export: Export):
        return value

    def from_portable(self, value, into: Import):
        if not str((value or {}).get("video") or "").startswith(("https://", "http://")):
            return None
        return value
