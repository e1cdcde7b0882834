"""The anonymous page cache: per site, served without touching the database, purged on change."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from home.models import HomePage
from tests.conftest import in_site

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    return settings


def _publish_child(parent, title, slug):
    from sitepages.models import ContentPage

    page = ContentPage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_second_anonymous_request_is_a_hit_with_no_queries(client, sites, cached):
    first = client.get("/", HTTP_HOST="alpha.test")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/", HTTP_HOST="alpha.test")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert len(queries) == 0


def test_sites_do_not_share_entries(client, sites, cached):
    alpha = client.get("/", HTTP_HOST="alpha.test")
    beta = client.get("/", HTTP_HOST="beta.test")
    assert beta["X-Page-Cache"] == "miss"
    assert sites.beta.name.encode() in beta.content
    assert sites.beta.name.encode() not in alpha.content


def test_publishing_purges_the_site_but_not_others(
    client, sites, cached, django_capture_on_commit_callbacks
):
    client.get("/", HTTP_HOST="alpha.test")
    client.get("/", HTTP_HOST="beta.test")
    with in_site(sites.alpha), django_capture_on_commit_callbacks(execute=True):
        home = HomePage.objects.get(locale__language_code="vi")
        _publish_child(home, "Trang mới đăng", "trang-moi-dang")
    connection.set_schema_to_public()
    assert client.get("/", HTTP_HOST="alpha.test")["X-Page-Cache"] == "miss"
    assert client.get("/", HTTP_HOST="beta.test")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("action", ["unpublish", "move", "delete"])
def test_unpublish_move_delete_purge(
    client, sites, cached, django_capture_on_commit_callbacks, action
):
    with in_site(sites.alpha), django_capture_on_commit_callbacks(execute=True):
        home = HomePage.objects.get(locale__language_code="vi")
        page = _publish_child(home, "Trang thử", f"trang-thu-{action}")
        other = _publish_child(home, "Trang khác", f"trang-khac-{action}")
    connection.set_schema_to_public()
    client.get("/", HTTP_HOST="alpha.test")
    assert client.get("/", HTTP_HOST="alpha.test")["X-Page-Cache"] == "hit"
    with in_site(sites.alpha), django_capture_on_commit_callbacks(execute=True):
        page = Page.objects.get(pk=page.pk)
        if action == "unpublish":
            page.unpublish()
        elif action == "move":
            page.move(Page.objects.get(pk=other.pk), pos="last-child")
        else:
            page.delete()
    connection.set_schema_to_public()
    assert client.get("/", HTTP_HOST="alpha.test")["X-Page-Cache"] == "miss"


def test_logged_in_editors_and_query_strings_bypass_the_cache(client, sites, cached):
    client.get("/", HTTP_HOST="alpha.test")
    client.cookies["sessionid"] = "anything"
    response = client.get("/", HTTP_HOST="alpha.test")
    assert "X-Page-Cache" not in response
    del client.cookies["sessionid"]
    assert "X-Page-Cache" not in client.get("/?utm=1", HTTP_HOST="alpha.test")


@pytest.mark.parametrize(
    "tracked",
    ["utm_source=zalo&utm_medium=social&utm_campaign=tet", "fbclid=IwAR0abc", "gclid=Cj0KCQ"],
)
def test_tracking_parameters_are_served_the_cached_page(client, sites, cached, tracked):
    first = client.get("/", HTTP_HOST="alpha.test")
    with CaptureQueriesContext(connection) as queries:
        tracked_response = client.get(f"/?{tracked}", HTTP_HOST="alpha.test")
    assert tracked_response["X-Page-Cache"] == "hit"
    assert tracked_response.content == first.content
    assert len(queries) == 0


def test_a_first_visit_with_tracking_parameters_fills_the_plain_pages_entry(client, sites, cached):
    assert client.get("/?utm_source=facebook", HTTP_HOST="alpha.test")["X-Page-Cache"] == "miss"
    assert client.get("/", HTTP_HOST="alpha.test")["X-Page-Cache"] == "hit"


def test_tracking_parameters_keep_the_page_number(client, sites, cached):
    client.get("/tin-tuc/", HTTP_HOST="alpha.test")
    second = client.get("/tin-tuc/?page=2&utm_source=zalo", HTTP_HOST="alpha.test")
    assert second["X-Page-Cache"] == "miss"  # not the first page's entry
    again = client.get("/tin-tuc/?utm_campaign=x&page=2&fbclid=y", HTTP_HOST="alpha.test")
    assert again["X-Page-Cache"] == "hit"
    assert client.get("/tin-tuc/?page=2", HTTP_HOST="alpha.test")["X-Page-Cache"] == "hit"


def test_other_parameters_still_bypass_the_cache_with_tracking_ones(client, sites, cached):
    client.get("/", HTTP_HOST="alpha.test")
    assert "X-Page-Cache" not in client.get("/?utm_source=x&q=1", HTTP_HOST="alpha.test")
    assert "X-Page-Cache" not in client.get("/?utm=1&fbclid=y", HTTP_HOST="alpha.test")


def test_disabled_with_zero_timeout(client, sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    client.get("/", HTTP_HOST="alpha.test")
    assert "X-Page-Cache" not in client.get("/", HTTP_HOST="alpha.test")
