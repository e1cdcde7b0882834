from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.blocks import home_blocks
from core.pages import public


class HomePage(Page):
    """The root page of a site's tree, arranged by the board from blocks.

    One type serves every kind of site; what differs by kind (portal, department,
    commune, party body) is the arrangement of blocks the site starts with and
    the theme's template. With an empty body the page shows the latest news.
    """

    intro = RichTextField(_("giới thiệu"), blank=True)
    body = StreamField(home_blocks(), verbose_name=_("các khối trang chủ"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not self.body:
            from news.models import NewsArticlePage

            context["latest_news"] = (
                public(NewsArticlePage.objects.live())
                .filter(locale_id=self.locale_id)
                .select_related("category")
                .order_by("-first_published_at")[:6]
            )
        return context
