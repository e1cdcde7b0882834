"""Helpers for the news tests: articles made in a site's schema the way the demo makes them."""

import datetime as dt
from io import BytesIO

import pytest
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from news.models import NewsArticlePage, NewsCategory, NewsIndexPage
from tests.conftest import in_site

BASE_TIME = timezone.make_aware(dt.datetime(2026, 4, 3, 8, 0))


def news_index(language="vi"):
    """The site's news index ("Tin tức", /tin-tuc/) in ``language``; call inside ``in_site``."""
    return NewsIndexPage.objects.get(locale__language_code=language)


def make_category(name, slug, language="vi"):
    """The category ``slug`` named ``name`` (the site's skeleton may have made it)."""
    return NewsCategory.objects.update_or_create(
        slug=slug, locale=Locale.objects.get(language_code=language), defaults={"name": name}
    )[0]


def make_article(index, title, slug, *, hours=0, tags=(), body=None, **fields):
    """A published article under ``index``, first published ``hours`` after BASE_TIME."""
    fields.setdefault("lead", f"Sapo của bài {title}.")
    article = NewsArticlePage(
        title=title,
        slug=slug,
        body=body or [("paragraph", RichText(f"<p>Nội dung bài {title}.</p>"))],
        first_published_at=BASE_TIME + dt.timedelta(hours=hours),
        **fields,
    )
    index.add_child(instance=article)
    for tag in tags:
        article.tags.add(tag)
    article.save_revision().publish()
    return article


def make_image(title="Ảnh hội nghị", filename="hoi-nghi.png"):
    buffer = BytesIO()
    PILImage.new("RGB", (960, 540), "#2b6cb0").save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=filename))


@pytest.fixture
def editor_client(client, sites):
    """A client logged in as a superuser of the alpha site (accounts are per site)."""
    with in_site(sites.alpha):
        user = get_user_model().objects.create_superuser(
            "bientap-tin", "bientap-tin@alpha.test", "mat-khau-bien-tap-2026"
        )
        client.force_login(user)
    return client
