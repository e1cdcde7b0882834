"""Security headers and the Content-Security-Policy on every response (docs/security.md),
including those the routing middleware answers itself and cached pages."""

import pytest

from tenants.models import Tenant
from tenants.registry import forget_hosts

pytestmark = pytest.mark.django_db

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def _assert_security_headers(response):
    for name, value in HEADERS.items():
        assert response[name] == value, name
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions
    policy = _policy(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]


def test_a_page_has_them(client, sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    _assert_security_headers(client.get("/", HTTP_HOST="alpha.test"))


def test_a_cached_page_has_them(client, sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    client.get("/", HTTP_HOST="alpha.test")
    response = client.get("/", HTTP_HOST="alpha.test")
    assert response["X-Page-Cache"] == "hit"
    _assert_security_headers(response)


def test_the_unknown_host_404_has_them(client, sites):
    response = client.get("/", HTTP_HOST="khong-ton-tai.test")
    assert response.status_code == 404
    _assert_security_headers(response)


def test_the_suspended_503_has_them(client, sites):
    Tenant.objects.filter(slug="beta").update(status="suspended")
    forget_hosts("beta.test")
    response = client.get("/", HTTP_HOST="beta.test")
    assert response.status_code == 503
    _assert_security_headers(response)


def test_redirects_have_them(client, sites):
    alias = client.get("/", HTTP_HOST="www.alpha.test")
    assert alias.status_code == 301
    _assert_security_headers(alias)
    english = client.get("/en/", HTTP_HOST="beta.test")
    assert english.status_code == 302
    _assert_security_headers(english)


def test_the_console_has_them(client, sites):
    response = client.get("/login/", HTTP_HOST="console.localhost")
    _assert_security_headers(response)
    assert "'unsafe-inline'" in _policy(response)["style-src"]


def test_public_pages_allow_no_inline_script_or_style(client, sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    policy = _policy(client.get("/", HTTP_HOST="alpha.test"))
    assert policy["script-src"][0] == "'self'"
    assert "https://emc.gov.vn" in policy["script-src"]
    assert "https://*.emc.gov.vn" in policy["script-src"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "https://www.youtube.com" in policy["frame-src"]
    assert "data:" in policy["img-src"]


def test_pages_have_no_inline_script_or_style(client, sites, settings):
    """What the policy forbids must not be in the themes' pages either."""
    import re

    settings.PAGE_CACHE_TIMEOUT = 0
    for path in ("/", "/tin-tuc/", "/lien-he/"):
        html = client.get(path, HTTP_HOST="alpha.test").content.decode()
        assert "<style" not in html
        assert not re.search(r"\sstyle=", html)
        assert not re.search(r"\son[a-z]+=", html)
        for script in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in script or "application/ld+json" in script or "json" in script


def test_the_wagtail_admin_gets_the_admin_policy(editor_client, sites):
    editor = editor_client(sites.alpha)
    response = editor.get("/admin/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    _assert_security_headers(response)
    policy = _policy(response)
    assert "'unsafe-inline'" in policy["style-src"]
    assert "'unsafe-inline'" in policy["script-src"]
    login = editor_client(sites.alpha).get("/en/admin/login/", HTTP_HOST="alpha.test")
    assert "'unsafe-inline'" in _policy(login)["style-src"]


def test_the_admin_calls_no_third_party_for_avatars(editor_client, sites):
    """Wagtail's default avatars come from gravatar.com, which would learn each
    editor's e-mail hash (and which the admin policy blocks): they are off."""
    response = editor_client(sites.alpha).get("/admin/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert b"gravatar.com" not in response.content


def test_hsts_only_over_https(client, sites, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.PAGE_CACHE_TIMEOUT = 0
    assert "Strict-Transport-Security" not in client.get("/", HTTP_HOST="alpha.test")
    secure = client.get("/", HTTP_HOST="alpha.test", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")
    unknown = client.get("/", HTTP_HOST="khong-ton-tai.test", secure=True)
    assert unknown["Strict-Transport-Security"].startswith("max-age=31536000")
