"""The browser harness's fixtures (tests/browser/conftest.py) for this directory's
Chromium test."""

from tests.browser.conftest import browse, site_url  # noqa: F401
