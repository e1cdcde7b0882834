"""Idle sessions end after SESSION_COOKIE_AGE; saving the session on every request
must not give anonymous visitors a session (the page cache serves them cookie-free)."""

import pytest

from django.conf import settings

pytestmark = pytest.mark.django_db


def test_idle_sessions_are_configured():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 24 * 3600


def test_an_anonymous_page_sets_no_cookie(client, sites):
    response = client.get("/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_an_anonymous_page_from_the_page_cache_sets_no_cookie(client, sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    first = client.get("/", HTTP_HOST="alpha.test")
    second = client.get("/", HTTP_HOST="alpha.test")
    assert first.status_code == second.status_code == 200
    assert not first.cookies and not second.cookies


def test_a_signed_in_request_moves_the_expiry_forward(sites, editor_client):
    admin = editor_client(sites.alpha)
    response = admin.get("/admin/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
