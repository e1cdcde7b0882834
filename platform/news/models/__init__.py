"""The news app's models, one page type per module, re-exported here."""

from .article import NewsArticlePage, NewsArticleRelatedStory, NewsArticleTag, for_listing
from .category import NewsCategory
from .index import NewsIndexPage
from .settings import NewsSettings

__all__ = [
    "NewsArticlePage",
    "NewsArticleRelatedStory",
    "NewsArticleTag",
    "NewsCategory",
    "NewsIndexPage",
    "NewsSettings",
    "for_listing",
]
