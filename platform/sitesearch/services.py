"""Searching the pages of the site being served (the active schema).

Full-text search runs on Wagtail's database backend with the text search
configuration ``public.vietnamese_unaccent`` (settings.SEARCH_CONFIG): indexed
text and query words both go through ``unaccent`` and then lower case, so
"tuyen quang", "TUYÊN QUANG" and "Tuyên Quang" are the same words and "đ"/"Đ"
match "d". Each site's index (``wagtailsearch_indexentry``) lives in its own
schema, so a search only ever sees the site it runs on.

Wagtail indexes a page on every save (``post_save`` enqueues modelsearch's
indexing task), including ``add_child()`` and ``save_revision().publish()``;
nothing needs to be called after creating pages in code. The task runs at once
on django-tasks' default immediate backend, in the request's schema: a queued
backend would need the schema passed along, or pages would be indexed in the
wrong site. ``manage.py tenant_command update_index --schema=<schema>``
rebuilds a site's index after a bulk import that bypassed ``save()``.

Each word the visitor types becomes a phrase query (``phraseto_tsquery``), all
of them joined with AND. A plain-text query would be split at hyphens first and
miss document numbers: the parser reads "15/2024/QĐ-UBND" as the tokens
"15/2024/q", "d-ubnd", "d", "ubnd" in a row (a path-like "file" token that
ends at the first non-ASCII letter), and only the whole word, parsed the way
the indexer parsed it, lines up with them. Typed without diacritics,
"15/2024/QD-UBND" is one "file" token that no indexed text contains, so a word
with "/" or "-" also matches as its parts in a row ("15 2024 QD UBND"): that
finds any field indexed in that form (see the lead's notes on documents).

Autocomplete is deliberately not used: modelsearch builds it with the
``simple`` configuration, which keeps the diacritics.
"""

import html
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.models import Locale, Page
from wagtail.search.query import And, Or, Phrase

from .forms import Kind

#: Fields that hold a page's summary, in order of preference: the SEO
#: description an editor wrote, a news lead, a document's trích yếu, an intro.
SNIPPET_FIELDS = ("search_description", "lead", "summary", "intro")

#: The page model behind each kind of the ``loai`` filter.
KIND_MODELS: dict[str, str] = {
    Kind.NEWS: "news.NewsArticlePage",
    Kind.DOCUMENTS: "documents.LegalDocumentPage",
}

_WORD_CHARACTER = re.compile(r"\w")
_SEPARATORS = re.compile(r"[/\-]+")


@dataclass(frozen=True)
class Result:
    """What a result shows: the page's title and link, its type, summary and date."""

    title: str
    url: str
    type_name: str
    snippet: str
    date: date | datetime | None


def build_query(query: str) -> Phrase | Or | And | None:
    """The search query for a normalised ``query``: every word must match.

    A word matches as typed, or, when it has "/" or "-", as its parts in a row.
    Words without a letter or digit ("-", "…") are dropped; None when none is left.
    """
    words = [_word_query(word) for word in query.split() if _WORD_CHARACTER.search(word)]
    if not words:
        return None
    return words[0] if len(words) == 1 else And(words)


def _word_query(word: str) -> Phrase | Or:
    parts = _SEPARATORS.sub(" ", word).strip()
    if parts == word or not parts:
        return Phrase(word)
    return Or([Phrase(word), Phrase(parts)])


def search_pages(query: str, kind: str = Kind.ALL, locale: Locale | None = None):
    """Live, public pages of ``locale`` matching every word of ``query``, best first.

    ``query`` is normalised (see :func:`sitesearch.forms.normalise_query`).
    Returns lazy search results of specific pages (slice them to paginate: a
    slice costs one query plus one per page type in it), or an empty queryset.
    ``locale`` defaults to the active language's; a language the site does
    not have finds nothing.
    """
    search_query = build_query(query)
    if search_query is None:
        return Page.objects.none()
    if locale is None:
        try:
            # Not Locale.get_active(): it falls back to the default language.
            locale = Locale.objects.get_for_language(translation.get_language())
        except (Locale.DoesNotExist, LookupError):
            return Page.objects.none()
    # depth > 1: never the tree's technical root, which has no URL.
    pages = Page.objects.live().public().filter(locale=locale, depth__gt=1)
    if kind == Kind.OTHER:
        pages = pages.not_type(*(apps.get_model(label) for label in KIND_MODELS.values()))
    elif kind in KIND_MODELS:
        pages = pages.type(apps.get_model(KIND_MODELS[kind]))
    # Specific pages for the snippet fields; bodies are not shown, so not loaded.
    pages = pages.specific().defer_streamfields()
    return pages.search(search_query)


def describe(page: Page, request=None) -> Result:
    """The :class:`Result` of a (specific) page."""
    return Result(
        title=page.title,
        url=page.get_url(request) or "",
        type_name=page.get_verbose_name(),
        snippet=snippet(page),
        date=getattr(page, "issued_on", None) or page.first_published_at,
    )


def snippet(page: Page) -> str:
    """The page's first non-empty summary field as plain text ("" if none)."""
    for name in SNIPPET_FIELDS:
        value = getattr(page, name, None)
        if value:
            # Rich text (an intro) is HTML: keep the words only.
            text = html.unescape(strip_tags(str(value))).strip()
            if text:
                return text
    return ""
