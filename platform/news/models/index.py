"""The news index: the paginated list of a section's articles, by category or tag, and its feeds."""

import unicodedata

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.pages import public

from .article import NewsArticlePage, for_listing
from .category import NewsCategory

PER_PAGE = 12


class NewsIndexPage(RoutablePageMixin, Page):
    """The list of the articles under it, newest first, 12 to a page (``?page=``).

    Routes: ``chuyen-muc/<slug>/`` (one category), ``the/<tag>/`` (one tag),
    ``rss/`` and ``chuyen-muc/<slug>/rss/`` (RSS 2.0). An unknown category or tag
    is a 404.
    """

    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["news.NewsArticlePage"]

    class Meta:
        verbose_name = _("trang danh sách tin")
        verbose_name_plural = _("trang danh sách tin")

    def articles(self, category=None, tag=None):
        """The live, public articles of this index, newest first, ready for a listing."""
        articles = public(NewsArticlePage.objects.child_of(self).live())
        if category is not None:
            # Untranslated English articles may still point at the Vietnamese category.
            articles = articles.filter(category__translation_key=category.translation_key)
        if tag is not None:
            articles = articles.filter(tagged_items__tag=tag)
        return for_listing(articles).order_by("-first_published_at", "-pk")

    def get_categories(self):
        """The categories in this index's language, by name."""
        return list(NewsCategory.objects.filter(locale_id=self.locale_id))

    def get_category(self, slug, categories=()):
        """The category named by ``slug``, in this index's language if it has one; else 404.

        ``categories`` (from ``get_categories``) spares the query when it holds the slug.
        """
        for category in categories:
            if category.slug == slug:
                return category
        in_this_language_first = models.Case(
            models.When(locale_id=self.locale_id, then=models.Value(0)), default=models.Value(1)
        )
        category = NewsCategory.objects.filter(slug=slug).order_by(in_this_language_first).first()
        if category is None:
            raise Http404("Unknown news category")
        return category

    def get_context(self, request, *args, category=None, tag=None, categories=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # get_page() answers a missing or malformed number with the first page and
        # a number past the end with the last one, never an error.
        page_obj = Paginator(self.articles(category, tag), PER_PAGE).get_page(
            request.GET.get("page")
        )
        context.update(
            page_obj=page_obj,
            articles=page_obj.object_list,
            category=category,
            tag=tag,
            categories=self.get_categories() if categories is None else categories,
            feed_url=self.feed_url(request, category),
        )
        return context

    def feed_url(self, request, category=None):
        """URL (path) of the RSS feed of this index, or of one of its categories."""
        if category is None:
            return self.get_url(request) + self.reverse_subpage("feed")
        return self.get_url(request) + self.reverse_subpage(
            "category_feed", kwargs={"slug": category.slug}
        )

    @path("chuyen-muc/<slug:slug>/", name="category")
    def category_view(self, request, slug):
        categories = self.get_categories()
        return self.render(
            request, category=self.get_category(slug, categories), categories=categories
        )

    @path("the/<str:slug>/", name="tag")
    def tag_view(self, request, slug):
        # Tag slugs keep Vietnamese letters (taggit's default); browsers may send them decomposed.
        tag = Tag.objects.filter(slug=unicodedata.normalize("NFKC", slug)).first()
        if tag is None:
            raise Http404("Unknown tag")
        return self.render(request, tag=tag)

    @path("rss/", name="feed")
    def feed_view(self, request):
        from news.feeds import NewsFeed

        return NewsFeed(self)(request)

    @path("chuyen-muc/<slug:slug>/rss/", name="category_feed")
    def category_feed_view(self, request, slug):
        from news.feeds import NewsFeed

        return NewsFeed(self, self.get_category(slug))(request)
