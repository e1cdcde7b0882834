"""The cache key function: django-tenants' (the active schema first), except for
keys named ``global:…``, which are the same in every schema (they live in the
``public`` key space), so one ``get_many`` can read a site's key and a fleet-wide
one together (the page cache's province-wide generation)."""

from django_tenants.cache import make_key as tenant_make_key
from django_tenants.cache import reverse_key

GLOBAL_PREFIX = "global:"


def make_key(key, key_prefix, version):
    if isinstance(key, str) and key.startswith(GLOBAL_PREFIX):
        return f"public:{key_prefix}:{version}:{key}"
    return tenant_make_key(key, key_prefix, version)


__all__ = ["make_key", "reverse_key"]
