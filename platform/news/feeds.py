"""RSS 2.0 feeds of a news index and of its categories.

Links are absolute with the host and scheme of the request (Django's syndication
framework adds them when ``django.contrib.sites`` is absent), so each site's feed
points at that site's own address.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 30


class NewsFeed(Feed):
    """The latest ``FEED_LENGTH`` articles of ``index`` (of ``category`` when given).

    One instance serves one request: ``NewsFeed(index, category)(request)``. The
    feed is in the index's language.
    """

    feed_type = Rss201rev2Feed

    def __init__(self, index, category=None):
        self.index = index
        self.category = category
        self.language = index.locale.language_code
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, obj):
        site = getattr(self.request, "tenant", None)
        site_name = ""
        if site is not None and hasattr(site, "name"):
            site_name = (site.name_en if self.language == "en" else "") or site.name
        parts = [self.category.name if self.category else obj.title, site_name]
        return " – ".join(part for part in parts if part)

    def link(self, obj):
        url = obj.get_url(self.request)
        if self.category is not None:
            url += obj.reverse_subpage("category", kwargs={"slug": self.category.slug})
        return url

    def feed_url(self, obj):
        return obj.feed_url(self.request, self.category)

    def description(self, obj):
        if self.category is not None:
            return _("Tin mới chuyên mục %(category)s") % {"category": self.category.name}
        return _("Tin mới của %(section)s") % {"section": obj.title}

    def items(self, obj):
        return obj.articles(self.category)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.category.name] if item.category else []

    def item_guid_is_permalink(self, item):
        # The guid defaults to the item's absolute link, which is stable.
        return True
