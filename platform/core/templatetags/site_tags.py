"""Template tags of every site's layout: menu, language links, home URL, branding, embeds.

Each tag costs at most one query, whatever the size of the tree: the layout is
rendered on every page and its queries count against every page type's budget.
"""

import re

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.models import Page

register = template.Library()


def _root_path(page) -> str:
    """Tree path of the page's locale root (the home page, depth 2)."""
    return page.path[: Page.steplen * 2]


def home_url(language_code: str) -> str:
    """URL of a site's home page in a language: i18n_patterns without a default prefix."""
    return "/" if language_code == settings.LANGUAGE_CODE else f"/{language_code}/"


@register.simple_tag
def site_menu(page=None):
    """Live pages the board put in the menu, under the home page of the page's
    language, or of the active language on pages that are not Wagtail pages
    (search). One query."""
    pages = Page.objects.filter(depth=3, live=True, show_in_menus=True)
    if page is not None and getattr(page, "path", None):
        pages = pages.filter(path__startswith=_root_path(page))
    else:
        pages = pages.filter(
            locale__language_code=translation.get_language() or settings.LANGUAGE_CODE
        )
    return list(
        pages.order_by("path").only("id", "title", "url_path", "path", "depth", "locale_id")
    )


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """The site's languages as links for a language switch and ``hreflang``.

    Each entry: ``code``, ``name``, ``url``, ``current`` and ``translated`` (the
    page itself exists in that language; otherwise the link goes to that
    language's home page and must not be announced as ``hreflang``). Sites with
    one language get an empty list. One query.
    """
    site = context.get("current_site")
    languages = list(getattr(site, "languages", None) or [settings.LANGUAGE_CODE])
    if len(languages) < 2:
        return []
    current = translation.get_language() or settings.LANGUAGE_CODE
    translations = {}
    if page is not None and getattr(page, "translation_key", None):
        for other in (
            Page.objects.filter(translation_key=page.translation_key, live=True)
            .select_related("locale")
            .only("id", "url_path", "path", "depth", "locale__language_code", "translation_key")
        ):
            translations[other.locale.language_code] = other
    request = context.get("request")
    names = dict(settings.LANGUAGES)
    links = []
    for code in languages:
        other = translations.get(code)
        url = None
        if other is not None:
            with translation.override(code):
                url = other.get_url(request)
        links.append(
            {
                "code": code,
                "name": names.get(code, code),
                "url": url or home_url(code),
                "translated": url is not None,
                "current": code == current,
            }
        )
    return links


@register.simple_tag
def localized_home_url():
    return home_url(translation.get_language() or settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def site_branding(context):
    """The site's branding settings, or None outside a site's schema (the "site not
    found" and "site unavailable" pages are rendered from public). Loaded once per
    request."""
    from tenants.db import connection

    if connection.schema_name == "public":
        return None
    from branding.models import SiteBranding

    request = context.get("request")
    return SiteBranding.load(request_or_site=request) if request else SiteBranding.load()


_IFRAME = re.compile(r"<iframe\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r"\stitle\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)


@register.filter
def titled_iframes(html, title):
    """``html`` (trusted embed HTML) with every iframe's ``title`` set to ``title``.

    Providers name their players generically ("YouTube video player"); WCAG 4.1.2
    wants the frame's name to say what it holds.
    """
    attribute = f' title="{escape(title)}"'

    def retitle(match):
        tag = _TITLE.sub("", match.group(0))
        return tag[: len("<iframe")] + attribute + tag[len("<iframe") :]

    return mark_safe(_IFRAME.sub(retitle, str(html or "")))
