"""A plain single-schema Wagtail project serving the platform's page types.

The baseline the platform is measured against: the same page apps, templates,
context processors, middleware and database server as the platform, without
django-tenants. The differences are the tenant machinery itself:

* the engine is Django's own PostgreSQL backend (``bench.plain_db`` only adds the
  constant ``connection.schema_name`` and ``connection.tenant`` that platform code
  reads) on a database of its own (``bench_plain``) instead of a schema per
  site, and there is no router;
* there is no ``core.middleware.SiteRoutingMiddleware``: Wagtail finds its Site
  from the request as it does in any project;
* ``core.middleware.SiteRedirectMiddleware`` is Wagtail's ``RedirectMiddleware``;
* caches use the same backend without django-tenants' key function;
* with ``BENCH_PAGE_CACHE_TIMEOUT`` > 0, Django's per-site cache middleware
  (``UpdateCacheMiddleware`` first, ``FetchFromCacheMiddleware`` last) takes
  the place of the platform's page cache;
* media go to a folder of their own with Django's FileSystemStorage.
"""

import os
from pathlib import Path

os.environ.setdefault(
    "PLATFORM_DATA_DIR", str(Path(__file__).resolve().parents[1] / ".data" / "bench")
)
os.environ.setdefault("LOG_LEVEL", "WARNING")

from config.settings import base as platform
from config.settings.base import *  # noqa: F403

#: apps only the tenant machinery needs (the registry models stay: platform code imports them)
TENANCY_APPS = {"django_tenants", "provisioning", "provisioning.console"}
INSTALLED_APPS = [app for app in platform.INSTALLED_APPS if app not in TENANCY_APPS]

PAGE_CACHE_SECONDS = int(os.environ.get("BENCH_PAGE_CACHE_TIMEOUT", "0"))

_REPLACED = {
    "core.middleware.SiteRedirectMiddleware": (
        "wagtail.contrib.redirects.middleware.RedirectMiddleware"
    ),
}
MIDDLEWARE = [
    _REPLACED.get(name, name)
    for name in platform.MIDDLEWARE
    if name != "core.middleware.SiteRoutingMiddleware"
    # The platform's own page cache: replaced by Django's below.
    and not (name.startswith("core.") and "cache" in name.lower())
]
if PAGE_CACHE_SECONDS > 0:
    MIDDLEWARE.insert(0, "django.middleware.cache.UpdateCacheMiddleware")
    MIDDLEWARE.append("django.middleware.cache.FetchFromCacheMiddleware")
    CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
    CACHE_MIDDLEWARE_KEY_PREFIX = "plain-pages"
    CACHE_MIDDLEWARE_ALIAS = "default"

ROOT_URLCONF = "bench.plain_urls"
PUBLIC_SCHEMA_URLCONF = None

DATABASES = {
    "default": {
        **platform.DATABASES["default"],
        "ENGINE": "bench.plain_db",
        "NAME": os.environ.get("BENCH_PLAIN_DB", "bench_plain"),
        "CONN_MAX_AGE": int(
            os.environ.get("BENCH_CONN_MAX_AGE", platform.DATABASES["default"]["CONN_MAX_AGE"])
        ),
    }
}
DATABASE_ROUTERS = []

CACHES = {
    alias: {
        **{k: v for k, v in conf.items() if k not in ("KEY_FUNCTION", "REVERSE_KEY_FUNCTION")},
        "KEY_PREFIX": f"plain-{alias}",
    }
    for alias, conf in platform.CACHES.items()
}

MEDIA_ROOT = platform.DATA_DIR / "plain-media"
STORAGES = {
    **platform.STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    },
}
