"""A lifecycle change reaches every process within seconds, with or without Redis
(docs/site-lifecycle.md, docs/caching.md).

The server process's local-memory cache is never told here: the status changes
with ``QuerySet.update`` (no signal, no invalidation), as another process's change
would look from this one.
"""

import pytest

from tenants import registry
from tenants.models import Tenant

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The cache's clock (locmem reads time.time), advanced by hand."""
    import django.core.cache.backends.locmem as locmem

    now = [locmem.time.time()]

    class Clock:
        @staticmethod
        def time():
            return now[0]

        @staticmethod
        def advance(seconds):
            now[0] += seconds

    monkeypatch.setattr(locmem, "time", Clock)
    return Clock


def test_without_redis_host_entries_live_seconds(settings):
    from django.conf import settings as live

    assert not live.REDIS_URL
    assert registry.host_ttl() == live.HOST_TTL <= 5


def test_a_suspension_no_one_announced_is_served_within_seconds(client, sites, clock):
    assert client.get("/", HTTP_HOST="beta.test").status_code == 200  # cached entry
    Tenant.objects.filter(slug="beta").update(status="suspended")  # not invalidated
    assert client.get("/", HTTP_HOST="beta.test").status_code == 200  # still the entry
    clock.advance(registry.host_ttl() + 1)
    assert client.get("/", HTTP_HOST="beta.test").status_code == 503


def test_with_a_shared_cache_entries_live_longer(settings):
    settings.HOST_TTL = registry.SHARED_HOST_TTL
    assert registry.host_ttl() == 300
