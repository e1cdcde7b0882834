"""Every redirect the platform makes stays on the site's own host (docs/security.md)."""

from urllib.parse import urlsplit

import pytest

from core.security import safe_path

pytestmark = pytest.mark.django_db

#: what browsers would read as another host once the /en prefix is cut off
HOSTILE_PATHS = [
    "/en//evil.example/",
    "/en/%09//evil.example",
    "/en/\t//evil.example",
    "/en/%2F%2Fevil.example",
    "/en/%2f%2Fevil.example/x",
    "/en/%5C%5Cevil.example",
    "/en/\\\\evil.example",
    "/en/%5C/evil.example",
    "/en//%09/evil.example",
    "/en/%0D%0A//evil.example",
    "/en///evil.example",
]


def _stays_on_host(location: str, host: str | None = None) -> None:
    # the Location a browser would follow: as it parses it (tabs and newlines dropped,
    # backslashes read as slashes)
    browser_view = location.replace("\t", "").replace("\n", "").replace("\r", "")
    browser_view = browser_view.replace("\\", "/")
    parts = urlsplit(browser_view)
    if host is None:
        assert not parts.scheme and not parts.netloc, location
        assert browser_view.startswith("/") and not browser_view.startswith("//"), location
    else:
        assert parts.netloc.split(":")[0] == host, location


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_english_prefix_redirect_stays_on_the_site(client, sites, path):
    response = client.get(path, HTTP_HOST="beta.test")  # beta has no English
    assert response.status_code == 302
    _stays_on_host(response["Location"])


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_alias_redirect_stays_on_the_primary_domain(client, sites, path):
    response = client.get(path, HTTP_HOST="www.alpha.test")
    assert response.status_code == 301
    _stays_on_host(response["Location"], host="alpha.test")
    assert response["Location"].startswith("http://alpha.test:8000/")
    assert not response["Location"].startswith("http://alpha.test:8000//")


def test_ordinary_redirects_are_unchanged(client, sites):
    response = client.get("/en/tin-tuc/?page=2", HTTP_HOST="beta.test")
    assert response["Location"] == "/tin-tuc/?page=2"
    assert client.get("/en", HTTP_HOST="beta.test")["Location"] == "/"
    assert client.get("/en/", HTTP_HOST="beta.test")["Location"] == "/"
    response = client.get("/tin-tuc/?page=2", HTTP_HOST="www.alpha.test")
    assert response["Location"] == "http://alpha.test:8000/tin-tuc/?page=2"
    response = client.get("/gioi-thieu/lịch-sử/", HTTP_HOST="www.alpha.test")
    assert response["Location"] == "http://alpha.test:8000/gioi-thieu/l%E1%BB%8Bch-s%E1%BB%AD/"


def test_the_query_string_cannot_break_out_either(client, sites):
    response = client.get("/en/x", {"next": "//evil.example"}, HTTP_HOST="beta.test")
    assert response["Location"].startswith("/x?")
    _stays_on_host(response["Location"])


@pytest.mark.parametrize(
    "target, expected",
    [
        ("//evil.example/", "/evil.example/"),
        ("/\t/evil.example", "/evil.example"),
        ("\\\\evil.example", "/evil.example"),
        ("/\\evil.example", "/evil.example"),
        ("https://evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("evil.example", "/"),
        ("", "/"),
        ("/tin-tuc/", "/tin-tuc/"),
    ],
)
def test_safe_path(target, expected):
    assert safe_path(target) == expected
