from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .listing import ListingBlock


class LatestNewsBlock(ListingBlock):
    """The latest stories, of one category or of all (one query)."""

    heading = blocks.CharBlock(label=_("Tiêu đề khối"), max_length=120)
    category = SnippetChooserBlock("news.NewsCategory", required=False, label=_("Chuyên mục"))
    count = blocks.IntegerBlock(label=_("Số bài"), default=5, min_value=1, max_value=12)

    page_model = "news.NewsArticlePage"
    fields = ("first_published_at", "lead")
    context_name = "stories"

    class Meta:
        icon = "list-ul"
        label = _("Tin mới theo chuyên mục")
        template = "blocks/latest_news.html"

    def pages(self, value, parent_context):
        stories = super().pages(value, parent_context)
        category = value.get("category")
        if category is not None:
            # The category chosen on the Vietnamese home; its translation on others.
            stories = stories.filter(category__translation_key=category.translation_key)
        return stories
