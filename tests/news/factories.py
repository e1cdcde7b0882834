"""Factories for news: categories, articles and indexes, made in the active site's
schema (call inside ``in_site``) under its real tree."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale
from wagtail.rich_text import RichText

from news.models import NewsArticlePage, NewsCategory, NewsIndexPage
from tests.factories import PageFactory

#: when an article made with ``hours=0`` was first published
BASE_TIME = timezone.make_aware(dt.datetime(2026, 4, 3, 8, 0))


def news_index(language="vi") -> NewsIndexPage:
    """The site's news index ("Tin tức", /tin-tuc/) in ``language``, which provisioning
    makes on every site."""
    return NewsIndexPage.objects.get(locale__language_code=language)


class NewsCategoryFactory(DjangoModelFactory):
    """The category ``slug`` (by default the name's) in ``language``, named ``name``:
    updated when the site's skeleton made it already."""

    class Meta:
        model = NewsCategory

    class Params:
        language = "vi"

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))
    locale = factory.LazyAttribute(
        lambda category: Locale.objects.get(language_code=category.language)
    )

    @classmethod
    def _create(cls, model_class, *args, slug, locale, **fields):
        return model_class.objects.update_or_create(slug=slug, locale=locale, defaults=fields)[0]


class NewsIndexPageFactory(PageFactory):
    """Another news index; pass ``parent=`` (e.g. ``home_page()``, tests/home/factories.py)."""

    class Meta:
        model = NewsIndexPage

    title = factory.Sequence(lambda n: f"Tin tức chuyên đề {n}")


class NewsArticlePageFactory(PageFactory):
    """A published article under the site's Vietnamese news index (``parent=`` another),
    first published ``hours`` after BASE_TIME, tagged with ``tags``."""

    class Meta:
        model = NewsArticlePage

    class Params:
        hours = 0

    parent = factory.LazyFunction(news_index)
    title = factory.Sequence(lambda n: f"Bài viết số {n}")
    lead = factory.LazyAttribute(lambda article: f"Sapo của bài {article.title}.")
    body = factory.LazyAttribute(
        lambda article: [("paragraph", RichText(f"<p>Nội dung bài {article.title}.</p>"))]
    )
    first_published_at = factory.LazyAttribute(
        lambda article: BASE_TIME + dt.timedelta(hours=article.hours)
    )

    @classmethod
    def _create(cls, model_class, *args, tags=(), **kwargs):
        article = super()._create(model_class, *args, **kwargs)
        article.tags.add(*tags)  # before the publish hook, which saves them with the revision
        return article
