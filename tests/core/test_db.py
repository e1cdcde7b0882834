"""The database backend: few search-path round trips, and never the wrong schema."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def _search_path_sets(queries):
    return [q["sql"] for q in queries if q["sql"].upper().startswith("SET SEARCH_PATH")]


def test_a_page_request_sets_the_search_path_at_most_once(client, sites):
    client.get("/tin-tuc/", HTTP_HOST="alpha.test")  # warm the caches
    client.get("/tin-tuc/", HTTP_HOST="beta.test")  # the connection now has beta's path
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tin-tuc/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert _search_path_sets(queries) == ['SET search_path = "site_alpha","public"']
    with CaptureQueriesContext(connection) as queries:
        client.get("/tin-tuc/", HTTP_HOST="alpha.test")
    assert _search_path_sets(queries) == [], "same site, same connection: nothing to set"
    assert not any("tenants_domain" in q["sql"] for q in queries), "host lookup was not cached"
    assert not any("django_content_type" in q["sql"] for q in queries)


def test_savepoint_rollback_never_leaves_another_sites_search_path(sites):
    """django-tenants #1262: a SET rolled back with a savepoint must be issued again."""
    with transaction.atomic():
        connection.set_tenant(sites.alpha)
        alpha_root = Page.objects.get(depth=2, locale__language_code="vi").title
        try:
            with transaction.atomic():
                connection.set_tenant(sites.beta)
                assert Page.objects.get(depth=2, locale__language_code="vi").title == "Xã Bê Ta"
                raise RuntimeError("roll back to the savepoint")
        except RuntimeError:
            pass
        # The server went back to alpha's search path with the savepoint ...
        connection.set_tenant(sites.beta)
        # ... and beta must still be what the next query sees.
        assert Page.objects.get(depth=2, locale__language_code="vi").title == "Xã Bê Ta"
        connection.set_tenant(sites.alpha)
        assert Page.objects.get(depth=2, locale__language_code="vi").title == alpha_root


def test_switching_sites_always_switches_the_schema(sites):
    for site, title in [
        (sites.alpha, "Cổng Thông tin điện tử Alpha"),
        (sites.beta, "Xã Bê Ta"),
        (sites.alpha, "Cổng Thông tin điện tử Alpha"),
    ]:
        with in_site(site):
            assert Page.objects.get(depth=2, locale__language_code="vi").title == title


def test_content_type_cache_is_kept_per_schema(sites):
    with in_site(sites.alpha):
        page_ct = ContentType.objects.get_for_model(Page)
    connection.set_schema_to_public()
    with CaptureQueriesContext(connection) as queries, in_site(sites.alpha):
        assert ContentType.objects.get_for_model(Page) == page_ct
    assert not any("django_content_type" in q["sql"] for q in queries)
