"""Keep Django's ContentType cache per schema instead of clearing it on every switch.

Why: ContentType ids differ between the public schema and site schemas (and may
differ between sites migrated at different times), so django-tenants clears
the whole cache on every ``set_tenant`` -- two extra queries on every request.
This patch keys the cache by (database alias, schema) and keeps the most
recently used schemas, so a warm process serves a page with no ContentType
query at all. ``core.db.DatabaseWrapper.set_tenant`` no longer clears it.

Upstream: django-tenants #482 (the cache should only be cleared when
contenttypes is a tenant app; PR #826 tried, and was held back by multi-type
tenants). Keying the cache per schema answers both; the text to propose is in
``docs/upstream.md``. Remove when django-tenants keeps a per-schema cache itself.
"""

from collections import OrderedDict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections

#: how many schemas' ContentType maps one process keeps (about 50 KB each)
MAX_SCHEMAS = 256


class PerSchemaCache(OrderedDict):
    """``ContentTypeManager._cache`` replacement: ``cache[alias]`` is per active schema."""

    def _key(self, using):
        return (using, getattr(connections[using], "schema_name", None))

    def __getitem__(self, using):
        key = self._key(using)
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value

    def setdefault(self, using, default=None):
        key = self._key(using)
        if not dict.__contains__(self, key):
            super().__setitem__(key, default)
            while len(self) > MAX_SCHEMAS:
                self.popitem(last=False)
        return super().__getitem__(key)

    def get(self, using, default=None):
        return super().get(self._key(using), default)

    def __contains__(self, using):
        return super().__contains__(self._key(using))


def apply():
    manager: Any = ContentType.objects  # _cache is private: not in Django's type stubs
    if not isinstance(manager._cache, PerSchemaCache):
        manager._cache = PerSchemaCache()
