"""The portal's home block of stories from its component sites."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from tenants.db import connection


class ComponentNewsBlock(blocks.StructBlock):
    """The latest stories the site republished from its component sites, each with
    its source site: one query on the syndication exchange, whatever the number of
    sites (the exchange records the republished copy's URL when it is published)."""

    heading = blocks.CharBlock(
        label=_("Tiêu đề khối"), max_length=120, default=_("Tin từ các xã, phường, sở, ngành")
    )
    count = blocks.IntegerBlock(label=_("Số bài"), default=6, min_value=1, max_value=20)

    class Meta:
        icon = "mail"
        label = _("Tin từ trang thành phần")
        template = "blocks/component_news.html"

    def get_context(self, value, parent_context=None):
        from syndication.models import Offer

        context = super().get_context(value, parent_context)
        current = connection.tenant
        offers = Offer.objects.filter(parent_published_at__isnull=False)
        if getattr(current, "pk", None):
            offers = offers.filter(target_id=current.pk)
        else:
            offers = offers.filter(target__schema_name=connection.schema_name)
        context["stories"] = list(
            offers.order_by("-parent_published_at").values(
                "title", "source_name", "parent_url", "parent_published_at"
            )[: value.get("count") or 6]
        )
        return context
