"""Visitors' pages in a real headless Chromium (Debian's package, driven by Playwright)."""

import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

pytestmark = [pytest.mark.django_db, pytest.mark.browser]


@pytest.fixture(scope="module")
def browse(site_url):
    """Run ``fn(browser)`` in a thread that owns Playwright and its headless Chromium.

    Playwright's sync API keeps an event loop on its thread; inside one, Django would
    give the test a second, context-local database connection. Keeping the browser
    on a thread of its own leaves the test's thread (and its transaction) alone.
    """
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        pytest.fail("Chromium is missing: run the suite with `python3 manage.py test`.")
    pool = ThreadPoolExecutor(max_workers=1)
    state = {}

    def start():
        state["playwright"] = sync_playwright().start()
        state["browser"] = state["playwright"].chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                # the test sites' host names all lead to the server on loopback
                "--host-resolver-rules=MAP *.test 127.0.0.1, MAP *.localhost 127.0.0.1",
            ],
        )

    def stop():
        state["browser"].close()
        state["playwright"].stop()

    pool.submit(start).result()
    yield lambda fn: pool.submit(fn, state["browser"]).result()
    pool.submit(stop).result()
    pool.shutdown()


@pytest.fixture(scope="module")
def site_url(sites):
    """The platform's WSGI application on a loopback port, served from a thread.

    Not pytest-django's ``live_server``: that one forces ``transactional_db``,
    whose flush would empty the site registry the whole session shares.
    """
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.daemon_threads = False  # server_close() joins the request threads, which
    server.block_on_close = True  # close their database connections as they end
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


def test_portal_home_news_and_english(browse, site_url):
    browse(lambda browser: _portal_tour(browser, site_url))


def _portal_tour(browser, site_url):
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


def test_unknown_host_and_commune_site(browse, site_url):
    browse(lambda browser: _unknown_and_commune(browser, site_url))


def _unknown_and_commune(browser, site_url):
    page = browser.new_page()
    response = page.goto(site_url("khong-co.test"))
    assert response.status == 404
    assert "Không tìm thấy trang thông tin" in page.locator("h1").inner_text()
    response = page.goto(site_url("beta.test"))
    assert response.status == 200
    assert page.title().startswith("Xã Bê Ta")
    page.close()
