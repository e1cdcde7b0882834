"""The anonymous page cache: every site's pages served from Redis until they change.

Entries are keyed per site (the cache's key function prefixes the active schema)
and stamped with the site's *generation*, a token stored next to them. Publishing,
unpublishing, moving or deleting a page — or changing the site's branding or
categories, which every page shows — replaces the generation, which invalidates
all of that site's entries at once in O(1): listings, the home page and feeds
change with any story, so purging single URLs would leave them stale, and
``cache.clear()`` would empty every site's cache. A hit costs one round trip
(``get_many`` of the generation and the entry). ``remember`` keeps values the
layout derives from the site's pages (its news feed) under the same generation.

Only anonymous GET/HEAD requests are served or stored: no session cookie, a
query string of at most ``page`` (a page number: 1 to ``MAX_PAGE_NUMBER``, no
leading zero) besides tracking parameters (which are left out of the key), a 200
response without cookies and not marked private. Keys name the host without its
port, so neither junk queries nor ports in the Host header make new entries, and
a site stores at most ``PAGE_CACHE_MAX_ENTRIES`` entries per generation and
timeout window. See docs/caching.md.
"""

import logging
import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils.encoding import escape_uri_path

from tenants.db import connection

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
#: one generation for every site at once (a province-wide notice): stamped on each
#: entry next to the site's own, read in the same round trip (core.cache_keys)
GLOBAL_GENERATION_KEY = "global:pagecache:generation"
#: paths never cached: admin, files, search results (one entry per query would
#: let anyone fill the cache)
EXCLUDED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/anh-rieng/",
    "/media/",
    "/static/",
    "/tim-kiem/",
    "/tham-gia/",
    "/en/tim-kiem/",
)
CACHEABLE_QUERY_KEYS = {"page"}
#: query parameters that only tell analytics where a visitor came from (a campaign's
#: ``utm_source``, a link shared on Facebook or clicked in a Google ad): the page is
#: the same without them, so they are left out of the key instead of bypassing the cache
TRACKING_QUERY_PREFIX = "utm_"
TRACKING_QUERY_KEYS = {"fbclid", "gclid"}
#: the highest ``?page=`` kept in the cache (no listing has more pages; a higher one
#: is still served, just not stored)
MAX_PAGE_NUMBER = 1000
PAGE_NUMBER = re.compile(r"^[1-9][0-9]{0,3}$")


def _cache():
    return caches["default"]


def _new_generation() -> str:
    return str(time.time_ns())


def purge_site(schema_name: str | None = None) -> None:
    """Invalidate every cached page of the active site (or of the site whose schema is
    ``schema_name``: a parent portal showing a child's headlines), once the
    transaction commits."""
    from django_tenants.utils import schema_context

    schema = schema_name or connection.schema_name
    if schema == "public":
        return

    def bump():
        try:
            if schema == connection.schema_name:
                _cache().set(GENERATION_KEY, _new_generation(), None)
                return
            # the cache's key function prefixes the active schema
            with schema_context(schema):
                _cache().set(GENERATION_KEY, _new_generation(), None)
        except Exception:
            logger.exception("Không xoá được bộ nhớ đệm trang của %s", schema)

    transaction.on_commit(bump)


def purge_all_sites() -> None:
    """Invalidate every site's cached pages at once (O(1), no loop over the sites),
    once the transaction commits: a province-wide notice every page shows."""

    def bump():
        try:
            _cache().set(GLOBAL_GENERATION_KEY, _new_generation(), None)
        except Exception:
            logger.exception("Không xoá được bộ nhớ đệm trang của các trang")

    transaction.on_commit(bump)


def _generation_to_stamp(cache, generation: str | None) -> str:
    """The generation to stamp a new entry with: ``generation`` as read, or the site's
    first one (set now, unless a concurrent request set it first)."""
    if generation is not None:
        return generation
    generation = _new_generation()
    if not cache.add(GENERATION_KEY, generation, None):
        generation = cache.get(GENERATION_KEY)
    return generation


#: how long a remembered value may outlive its generation before the cache drops it
REMEMBER_TIMEOUT = 24 * 3600


def remember(name: str, compute):
    """``compute()``, cached for the active site until its content next changes.

    For what the layout shows on every page and only an edit changes (the site's
    news feed): the value is stamped with the site's generation, which the same
    publishes, moves, deletions and settings changes that purge the page cache
    replace, so it costs one cache round trip and no query while the site is
    unchanged, whether or not pages themselves are cached (``PAGE_CACHE_TIMEOUT``).
    ``name`` must say everything the value depends on besides the site (e.g. the
    language); the value must pickle. Outside a site, or when the cache cannot be
    reached, ``compute()`` is called every time.
    """
    if connection.schema_name == "public":
        return compute()
    cache = _cache()
    key = f"pagecache:value:{name}"
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except Exception:
        logger.warning("Bộ nhớ đệm trang không truy cập được", exc_info=True)
        return compute()
    generation = found.get(GENERATION_KEY)
    entry = found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1]
    value = compute()
    try:
        cache.set(key, (_generation_to_stamp(cache, generation), value), REMEMBER_TIMEOUT)
    except Exception:
        logger.warning("Không lưu được giá trị vào bộ nhớ đệm", exc_info=True)
    return value


def _is_tracking(key: str) -> bool:
    return key.startswith(TRACKING_QUERY_PREFIX) or key in TRACKING_QUERY_KEYS


def _page_key(request) -> str | None:
    """The cache key of the page ``request`` asks for, or None when it may not be served
    from the cache or stored: not an anonymous GET/HEAD, an excluded path, or a query
    parameter other than ``page`` and the tracking ones (which the key leaves out)."""
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_TIMEOUT <= 0:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    if request.path.startswith(EXCLUDED_PREFIXES):
        return None
    query: list[tuple[str, str]] = []
    for name, values in request.GET.lists():
        if _is_tracking(name):
            continue
        if name not in CACHEABLE_QUERY_KEYS or not _valid_page(values):
            return None
        query.extend((name, value) for value in values)
    path = escape_uri_path(request.path)
    if query:
        path = f"{path}?{urlencode(query)}"
    return f"pagecache:page:{_host(request)}:{path}"


def _valid_page(values: list[str]) -> bool:
    """One page number, 1 to ``MAX_PAGE_NUMBER``, written without leading zeros."""
    return (
        len(values) == 1
        and PAGE_NUMBER.match(values[0]) is not None
        and int(values[0]) <= MAX_PAGE_NUMBER
    )


def _host(request) -> str:
    """The host name as routing reads it: lowercase, without port or trailing dot."""
    return request.get_host().rsplit(":", 1)[0].lower().rstrip(".")


def _count_key(generation: str) -> str:
    return f"pagecache:count:{generation}"


def _may_store(cache, generation: str) -> bool:
    """Whether the site may store one more entry under ``generation``: at most
    ``PAGE_CACHE_MAX_ENTRIES`` (0: no limit) within a window of ``PAGE_CACHE_TIMEOUT``
    seconds, counted in the cache next to the entries (a new generation counts anew).
    Entries live for the timeout, so no more than twice the limit are alive at once."""
    limit = settings.PAGE_CACHE_MAX_ENTRIES
    if limit <= 0:
        return True
    key = _count_key(generation)
    cache.add(key, 0, settings.PAGE_CACHE_TIMEOUT)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(key, 1, settings.PAGE_CACHE_TIMEOUT)
        count = 1
    return count <= limit


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.cookies or getattr(response, "streaming", False):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _timeout(response) -> int:
    """How long to keep ``response``: ``PAGE_CACHE_TIMEOUT``, or less when the page
    said it changes sooner by itself (``response.page_cache_timeout``, seconds: a
    draft open for comments closes at its deadline, consultation.models)."""
    limit = getattr(response, "page_cache_timeout", None)
    if limit is None:
        return settings.PAGE_CACHE_TIMEOUT
    return max(1, min(int(limit), settings.PAGE_CACHE_TIMEOUT))


class PageCacheMiddleware:
    """Serve and store anonymous pages; must come right after SiteRoutingMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None if connection.schema_name == "public" else _page_key(request)
        if key is None:
            return self.get_response(request)
        cache = _cache()
        try:
            found = cache.get_many([GENERATION_KEY, GLOBAL_GENERATION_KEY, key])
        except Exception:
            logger.warning("Bộ nhớ đệm trang không truy cập được", exc_info=True)
            return self.get_response(request)
        generation = found.get(GENERATION_KEY)
        fleet_generation = found.get(GLOBAL_GENERATION_KEY, "0")
        entry = found.get(key)
        if (
            generation is not None
            and entry is not None
            and entry[0] == generation
            and entry[2:3] == (fleet_generation,)
        ):
            response = entry[1]
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if _cacheable_response(request, response):
            response["X-Page-Cache"] = "miss"
            try:
                generation = _generation_to_stamp(cache, generation)
                if _may_store(cache, generation):
                    cache.set(key, (generation, response, fleet_generation), _timeout(response))
                else:
                    response["X-Page-Cache"] = "full"
            except Exception:
                logger.warning("Không lưu được trang vào bộ nhớ đệm", exc_info=True)
        return response
