"""Helpers for the search tests: pages published in a site's schema as the product does."""

import pytest

from django.urls import reverse
from django.utils import translation

from wagtail.rich_text import RichText

from tests.news.factories import NewsArticlePageFactory, news_index


def publish_article(title, *, lead="Sapo của bài viết.", text="", language="vi"):
    """A published news article under the site's "Tin tức" in ``language``; call inside ``in_site``.

    Its words are only ``title``, ``lead`` and ``text`` (the body, the title when empty).
    Made by ``add_child()`` then ``save_revision().publish()`` (NewsArticlePageFactory),
    the way editors and the demo data make pages: no explicit indexing call.
    """
    return NewsArticlePageFactory(
        parent=news_index(language),
        title=title,
        lead=lead,
        body=[("paragraph", RichText(f"<p>{text or title}</p>"))],
    )


def search(client, host="alpha.test", language="vi", **params):
    """GET the search page of ``host`` in ``language`` with ``params`` as the query string."""
    with translation.override(language):
        url = reverse("sitesearch:search")
    return client.get(url, params, HTTP_HOST=host)


def titles(response):
    """Titles of the results on the page, in order."""
    return [result.title for result in response.context["results"]]


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    return settings
