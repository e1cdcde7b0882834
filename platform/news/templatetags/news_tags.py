"""Date formats of the news pages, by the language of the page being shown."""

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import get_language

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
