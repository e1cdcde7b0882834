from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .listing import ListingBlock


class FeaturedStoryBlock(ListingBlock):
    """The story the board puts first; the latest one when none is chosen."""

    page = blocks.PageChooserBlock(
        page_type="news.NewsArticlePage",
        required=False,
        label=_("Bài viết"),
        help_text=_("Để trống để tự động hiển thị bài mới nhất."),
    )

    page_model = "news.NewsArticlePage"
    fields = None  # the template shows the story's category, date and lead
    context_name = "story"

    class Meta:
        icon = "pick"
        label = _("Tin nổi bật")
        template = "blocks/featured_story.html"

    def listed(self, value, parent_context):
        story = value.get("page")
        if story is not None and story.live:
            return story.specific
        return self.pages(value, parent_context).select_related("category", "feed_image").first()
