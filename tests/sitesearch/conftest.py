"""Helpers for the search tests: pages published in a site's schema as the product does."""

import itertools

import pytest

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale
from wagtail.rich_text import RichText

from news.models import NewsArticlePage, NewsIndexPage

_slugs = itertools.count(1)


def publish_article(title, *, lead="Sapo của bài viết.", text="", language="vi"):
    """A published news article under the site's "Tin tức" in ``language``; call inside ``in_site``.

    Created with ``add_child()`` then ``save_revision().publish()``, the way the
    provisioning service and the demo data make pages: no explicit indexing call.
    """
    index = NewsIndexPage.objects.get(locale__language_code=language)
    article = NewsArticlePage(
        title=title,
        slug=f"bai-{next(_slugs)}",
        lead=lead,
        locale=Locale.objects.get(language_code=language),
        body=[("paragraph", RichText(f"<p>{text or title}</p>"))],
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    return article


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
