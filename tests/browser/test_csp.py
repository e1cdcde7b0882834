"""The Content-Security-Policy blocks nothing the platform's own pages need
(docs/security.md): Chromium reports every violation as a console error."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.browser]


def test_no_csp_violations_on_public_pages_and_the_admin_login(browse, site_url):
    assert browse(lambda browser: _violations(browser, site_url)) == []


def _violations(browser, site_url) -> list[str]:
    page = browser.new_page()
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for host, path in [
        ("alpha.test", "/"),
        ("alpha.test", "/tin-tuc/"),
        ("alpha.test", "/en/"),
        ("beta.test", "/"),
        ("alpha.test", "/admin/login/"),
        ("khong-co.test", "/"),
    ]:
        response = page.goto(site_url(host, path))
        assert response is not None and response.headers.get("content-security-policy")
        page.wait_for_load_state("load")
    page.close()
    return found
