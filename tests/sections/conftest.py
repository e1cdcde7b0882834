"""Fixtures of the section page tests: a site's home page and an editor's client."""

import collections

import html5lib
import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model

from home.models import HomePage
from tests.conftest import in_site

HOST = "alpha.test"


def home_page():
    """The Vietnamese home page of the active site (call inside ``in_site``)."""
    return HomePage.objects.get(locale__language_code="vi")


def add_page(parent, page, *, publish=True):
    """Add ``page`` under ``parent`` as an editor would, with a published revision."""
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


@pytest.fixture
def alpha_editor(client, sites):
    """A client logged in to alpha's Wagtail admin as a superuser of that site."""
    with in_site(sites.alpha):
        user = get_user_model().objects.create_superuser(
            "quantri-test", "quantri@alpha.test", "mat-khau-thu-nghiem-2026"
        )
        client.force_login(user)
    return client


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
