"""The news app's models, one page type per module (see STYLE.md)."""

from .article import NewsArticlePage, NewsArticleRelatedStory, NewsArticleTag, for_listing
from .category import NewsCategory
from .index import NewsIndexPage

__all__ = [
    "NewsArticlePage",
    "NewsArticleRelatedStory",
    "NewsArticleTag",
    "NewsCategory",
    "NewsIndexPage",
    "for_listing",
]
