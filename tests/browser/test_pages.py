"""Visitors' pages in a real headless Chromium (Debian's package, driven by Playwright)."""

import os
import shutil
import threading

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

pytestmark = [pytest.mark.django_db, pytest.mark.browser]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; Django's database
    # calls made by the fixtures around the test are still synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        pytest.fail("Chromium is missing: run the suite with `python3 manage.py test`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                # the test sites' host names all lead to the live server on loopback
                "--host-resolver-rules=MAP *.test 127.0.0.1, MAP *.localhost 127.0.0.1",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_url(sites):
    """The platform's WSGI application on a loopback port, served from a thread.

    Not pytest-django's ``live_server``: that one forces ``transactional_db``,
    whose flush would empty the site registry the whole session shares.
    """
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    yield lambda host, path="/": f"http://{host}:{port}{path}"
    server.shutdown()
    server.server_close()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def test_portal_home_news_and_english(browser, site_url):
    page = browser.new_page()
    response = page.goto(site_url("alpha.test"))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Cổng Thông tin điện tử Alpha"
    page.get_by_role("link", name="Tin tức").first.click()
    assert page.locator("h1").inner_text() == "Tin tức"

    response = page.goto(site_url("alpha.test", "/en/"))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Alpha Portal"
    assert page.get_by_role("link", name="Skip to main content").count() == 1
    page.close()


def test_unknown_host_and_commune_site(browser, site_url):
    page = browser.new_page()
    response = page.goto(site_url("khong-co.test"))
    assert response.status == 404
    assert "Không tìm thấy trang thông tin" in page.locator("h1").inner_text()
    response = page.goto(site_url("beta.test"))
    assert response.status == 200
    assert page.title().startswith("Xã Bê Ta")
    page.close()
