from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tên liên kết"), max_length=255)
    url = blocks.URLBlock(label=_("Địa chỉ"))


class LinksBlock(blocks.StructBlock):
    """Links to other agencies' portals and services, as the rules require."""

    heading = blocks.CharBlock(label=_("Tiêu đề khối"), max_length=120, default=_("Liên kết"))
    links = blocks.ListBlock(LinkBlock(), label=_("Liên kết"), min_num=1)

    class Meta:
        icon = "link"
        label = _("Liên kết website")
        template = "blocks/links.html"
