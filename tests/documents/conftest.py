import pytest


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """These tests change documents and look again at once; the anonymous page cache
    would only be invalidated on commit, which a test transaction never reaches."""
    settings.PAGE_CACHE_TIMEOUT = 0
