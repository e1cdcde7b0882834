import pytest


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Tests here change restrictions and look again at once (the page cache is
    invalidated on commit only); the cache's own behaviour is tested explicitly."""
    settings.PAGE_CACHE_TIMEOUT = 0
