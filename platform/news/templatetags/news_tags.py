"""Date formats of the news pages, by the language of the page being shown, and the
site's news feed that every page advertises."""

from django import template
from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.translation import get_language

from core.page_cache import remember
from tenants.db import connection

register = template.Library()

# Vietnamese readers expect day/month/year and a 24-hour clock; English readers
# would misread 03/04 as March, so they get the month's name.
DATETIME_FORMATS = {"vi": "d/m/Y H:i", "en": "j F Y, H:i"}
DATE_FORMATS = {"vi": "d/m/Y", "en": "j F Y"}


def _format(value, formats):
    if not value:
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    language = (get_language() or "vi").split("-")[0]
    return dateformat.format(value, formats.get(language, formats["vi"]))


@register.filter
def news_datetime(value):
    """A datetime in the site's time zone.

    ``25/11/2026 08:30`` in Vietnamese, ``25 November 2026, 08:30`` in English.
    """
    return _format(value, DATETIME_FORMATS)


@register.filter
def news_date(value):
    """A date: ``25/11/2026`` (Vietnamese), ``25 November 2026`` (English)."""
    return _format(value, DATE_FORMATS)


def _main_feed(request, language: str) -> dict | None:
    from news.models import NewsIndexPage

    indexes = list(
        NewsIndexPage.objects.live()
        .public()
        .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
        .order_by("path")
    )
    in_language = [index for index in indexes if index.locale.language_code == language]
    index = (in_language or indexes or [None])[0]
    if index is None:
        return None
    return {"url": index.feed_url(request), "title": index.title}


@register.simple_tag(takes_context=True)
def site_feed(context):
    """The site's news feed, for the ``<link rel="alternate">`` every page carries.

    The feed (``url``, ``title``) of the site's first news index in tree order in
    the active language, else in Vietnamese; None outside a site's schema or when
    the site has no public news index. The title names the site, as the feed's own
    title does. Remembered until the site changes (``core.page_cache.remember``):
    no query while the site is unchanged.
    """
    if connection.schema_name == "public":
        return None
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    request = context.get("request")
    feed = remember(f"news-feed:{language}", lambda: _main_feed(request, language))
    if feed is None:
        return None
    site = context.get("current_site")
    site_name = ((site.name_en if language == "en" else "") or site.name) if site else ""
    return {
        "url": feed["url"],
        "title": " – ".join(part for part in (feed["title"], site_name) if part),
    }
