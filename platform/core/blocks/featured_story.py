from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .listing import visible_in_language


class FeaturedStoryBlock(blocks.StructBlock):
    """The story the board puts first; the latest one when none is chosen."""

    page = blocks.PageChooserBlock(
        page_type="news.NewsArticlePage",
        required=False,
        label=_("Bài viết"),
        help_text=_("Để trống để tự động hiển thị bài mới nhất."),
    )

    class Meta:
        icon = "pick"
        label = _("Tin nổi bật")
        template = "blocks/featured_story.html"

    def get_context(self, value, parent_context=None):
        from news.models import NewsArticlePage

        context = super().get_context(value, parent_context)
        story = value.get("page")
        if story is None or not story.live:
            stories = visible_in_language(NewsArticlePage, parent_context).select_related(
                "category"
            )
            story = stories.order_by("-first_published_at").first()
        else:
            story = story.specific
        context["story"] = story
        return context
