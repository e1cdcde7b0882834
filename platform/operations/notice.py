"""The province-wide notice: set once in the console, shown by every site at once.

The active notice is read through the cache under a ``global:`` key (the same for
every schema, core.cache_keys), so a page rendered on any site costs at most one
cache read for it; saving a notice forgets that key and bumps the page cache's
province-wide generation (``core.page_cache.purge_all_sites``): every site's cached
pages are stale at once, without a loop over the sites.
"""

from __future__ import annotations

from django_tenants.utils import get_public_schema_name, schema_context

from django.core.cache import cache
from django.db import transaction

from core.page_cache import purge_all_sites
from operations.models import ProvinceNotice

CACHE_KEY = "global:operations:notice"
#: what the cache holds when no notice is active (None would mean "not cached")
NONE: dict[str, object] = {}


def active_notice() -> dict | None:
    """The active notice as ``{"kind", "message", "grey"}``, or None."""
    value = cache.get(CACHE_KEY)
    if value is None:
        with schema_context(get_public_schema_name()):
            notice = ProvinceNotice.objects.filter(active=True).order_by("-updated_at").first()
        value = (
            {"kind": notice.kind, "message": notice.message, "grey": notice.grey_colours}
            if notice
            else NONE
        )
        cache.set(CACHE_KEY, value, None)
    return value or None


def changed() -> None:
    """A notice was saved or removed: every site shows the change on its next page."""

    def forget():
        cache.delete(CACHE_KEY)

    transaction.on_commit(forget)
    purge_all_sites()
