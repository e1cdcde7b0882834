"""The news tests' former helpers, now thin wrappers over tests/news/factories.py, kept
for the tests that still import them from here (test_feeds.py, tests/syndication/).
New tests use the factories."""

from tests.factories import ImageFactory
from tests.news.factories import (
    BASE_TIME,
    NewsArticlePageFactory,
    NewsCategoryFactory,
    news_index,
)

__all__ = ["BASE_TIME", "make_article", "make_category", "make_image", "news_index"]


def make_category(name, slug, language="vi"):
    """``NewsCategoryFactory``: the category ``slug`` named ``name``."""
    return NewsCategoryFactory(name=name, slug=slug, language=language)


def make_article(index, title, slug, **fields):
    """``NewsArticlePageFactory`` under ``index`` (``hours``, ``tags``, any field)."""
    return NewsArticlePageFactory(parent=index, title=title, slug=slug, **fields)


def make_image(title="Ảnh hội nghị", filename="hoi-nghi.png"):
    """``ImageFactory``: a 960×540 PNG in the site's library."""
    return ImageFactory(title=title, file__filename=filename)
