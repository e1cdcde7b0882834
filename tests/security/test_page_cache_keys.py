"""Nobody can fill the page cache: normalised keys and a per-site cap (docs/caching.md)."""

import pytest

from django.core.cache import caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    settings.PAGE_CACHE_MAX_ENTRIES = 5000
    return settings


def _page_entries() -> list[str]:
    cache = caches["default"]
    return [key for key in cache._cache if ":pagecache:page:" in key]  # locmem


@pytest.mark.parametrize(
    "page", ["0", "01", "-1", "1.0", "1e3", "abc", "1001", "99999999999", " 2", "2 ", "", "２"]
)
def test_junk_page_numbers_are_served_but_not_stored(client, sites, cached, page):
    response = client.get("/tin-tuc/", {"page": page}, HTTP_HOST="alpha.test")
    assert response.status_code in (200, 404)
    assert "X-Page-Cache" not in response
    assert _page_entries() == []


def test_repeated_page_parameters_are_not_stored(client, sites, cached):
    response = client.get("/tin-tuc/?page=1&page=2", HTTP_HOST="alpha.test")
    assert "X-Page-Cache" not in response
    assert _page_entries() == []


def test_valid_page_numbers_are_cached(client, sites, cached):
    for page in ("1", "2", "1000"):
        response = client.get("/tin-tuc/", {"page": page}, HTTP_HOST="alpha.test")
        if response.status_code == 200:
            assert response["X-Page-Cache"] == "miss"
            again = client.get("/tin-tuc/", {"page": page}, HTTP_HOST="alpha.test")
            assert again["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "host", ["alpha.test:8000", "alpha.test:1", "ALPHA.TEST:65535", "alpha.test."]
)
def test_ports_and_case_of_the_host_share_one_entry(client, sites, cached, host):
    assert client.get("/", HTTP_HOST="alpha.test")["X-Page-Cache"] == "miss"
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert len(_page_entries()) == 1


def test_a_site_stores_at_most_its_cap(client, sites, cached):
    cached.PAGE_CACHE_MAX_ENTRIES = 2
    statuses = [
        client.get("/tin-tuc/", {"page": str(n)}, HTTP_HOST="alpha.test") for n in (1, 2, 3)
    ]
    assert all(r.status_code in (200, 404) for r in statuses)
    stored = [r.get("X-Page-Cache") for r in statuses]
    assert stored.count("miss") <= 2
    assert len([k for k in _page_entries() if "alpha" in k]) <= 2
    # still served, and other sites have caps of their own
    assert client.get("/", HTTP_HOST="beta.test")["X-Page-Cache"] == "miss"
    assert client.get("/", HTTP_HOST="beta.test")["X-Page-Cache"] == "hit"


def test_a_full_site_is_served_uncached(client, sites, cached):
    cached.PAGE_CACHE_MAX_ENTRIES = 1
    assert client.get("/", HTTP_HOST="alpha.test")["X-Page-Cache"] == "miss"
    response = client.get("/lien-he/", HTTP_HOST="alpha.test")
    if response.status_code == 200:
        assert response["X-Page-Cache"] == "full"
        assert client.get("/lien-he/", HTTP_HOST="alpha.test")["X-Page-Cache"] == "full"
    assert client.get("/", HTTP_HOST="alpha.test")["X-Page-Cache"] == "hit"
