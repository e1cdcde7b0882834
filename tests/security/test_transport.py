"""HSTS, secure cookies and the proxy header follow SITE_SCHEME (docs/deployment.md)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAMES = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
]


def _settings(**environ) -> dict:
    """The transport settings as ``config.settings`` computes them in a fresh process."""
    code = (
        "import json, sys; sys.path.insert(0, 'platform');"
        "from config.settings import base as s;"
        f"print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "SITE_", "TRUST_", "DJANGO_SETTINGS"))
    }
    env.update(environ)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def https():
    return _settings(SITE_SCHEME="https", SITE_PORT="443")


def test_https_turns_on_hsts_secure_cookies_and_the_proxy_header(https):
    assert https["SECURE_HSTS_SECONDS"] == 31536000
    assert https["SESSION_COOKIE_SECURE"] is True
    assert https["CSRF_COOKIE_SECURE"] is True
    assert https["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert https["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert https["SECURE_SSL_REDIRECT"] is False


def test_http_has_none_of_them():
    http = _settings(SITE_SCHEME="http")
    assert http["SECURE_HSTS_SECONDS"] == 0
    assert http["SESSION_COOKIE_SECURE"] is False
    assert http["CSRF_COOKIE_SECURE"] is False
    assert http["SECURE_PROXY_SSL_HEADER"] is None


def test_the_environment_overrides_them():
    values = _settings(
        SITE_SCHEME="https",
        SECURE_HSTS_SECONDS="600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        TRUST_X_FORWARDED_PROTO="false",
        SECURE_SSL_REDIRECT="true",
    )
    assert values["SECURE_HSTS_SECONDS"] == 600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["SECURE_SSL_REDIRECT"] is True
