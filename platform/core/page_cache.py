"""The anonymous page cache: every site's pages served from Redis until they change.

Entries are keyed per site (the cache's key function prefixes the active schema)
and stamped with the site's *generation*, a token stored next to them. Publishing,
unpublishing, moving or deleting a page — or changing the site's branding or
categories, which every page shows — replaces the generation, which invalidates
all of that site's entries at once in O(1): listings, the home page and feeds
change with any story, so purging single URLs would leave them stale, and
``cache.clear()`` would empty every site's cache. A hit costs one round trip
(``get_many`` of the generation and the entry).

Only anonymous GET/HEAD requests are served or stored: no session cookie, a
query string of at most ``page``, a 200 response without cookies and not marked
private. See docs/caching.md.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
#: paths never cached: admin, files, search results (one entry per query would
#: let anyone fill the cache)
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/", "/tim-kiem/", "/en/tim-kiem/")
CACHEABLE_QUERY_KEYS = {"page"}


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


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_TIMEOUT <= 0:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    return set(request.GET.keys()) <= CACHEABLE_QUERY_KEYS


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.cookies or getattr(response, "streaming", False):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PageCacheMiddleware:
    """Serve and store anonymous pages; must come right after SiteRoutingMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if connection.schema_name == "public" or not _cacheable_request(request):
            return self.get_response(request)
        cache = _cache()
        key = f"pagecache:page:{request.get_host()}:{request.get_full_path()}"
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception:
            logger.warning("Bộ nhớ đệm trang không truy cập được", exc_info=True)
            return self.get_response(request)
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if generation is not None and entry is not None and entry[0] == generation:
            response = entry[1]
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if _cacheable_response(request, response):
            if generation is None:
                generation = _new_generation()
                if not cache.add(GENERATION_KEY, generation, None):
                    generation = cache.get(GENERATION_KEY)
            response["X-Page-Cache"] = "miss"
            try:
                cache.set(key, (generation, response), settings.PAGE_CACHE_TIMEOUT)
            except Exception:
                logger.warning("Không lưu được trang vào bộ nhớ đệm", exc_info=True)
        return response
