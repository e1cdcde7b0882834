"""Helpers of the section page tests (their pages come from tests/sections/factories.py)."""

import collections

import html5lib
import pytest
from bs4 import BeautifulSoup

HOST = "alpha.test"


@pytest.fixture
def no_page_cache(settings):
    """Query budgets measure rendering, not the page cache."""
    settings.PAGE_CACHE_TIMEOUT = 0


def assert_valid_html(content: bytes):
    """The page parses as HTML5 without errors, has one <h1> and no duplicate ids."""
    html5lib.HTMLParser(strict=True).parse(content)
    html = BeautifulSoup(content, "html.parser")
    assert len(html.find_all("h1")) == 1
    ids = collections.Counter(element["id"] for element in html.find_all(id=True))
    assert not [name for name, count in ids.items() if count > 1]
    assert all(img.has_attr("alt") for img in html.find_all("img"))
    return html
