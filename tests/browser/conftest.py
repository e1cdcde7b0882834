"""Fixtures of the browser tests: the platform on a loopback port, and one headless Chromium."""

import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler


@pytest.fixture(scope="module")
def browse(site_url):
    """Run ``fn(browser)`` in a thread that owns Playwright and its headless Chromium.

    Playwright's sync API keeps an event loop on its thread; inside one, Django would
    give the test a second, context-local database connection. Keeping the browser
    on a thread of its own leaves the test's thread (and its transaction) alone.
    One Chromium serves the whole module.
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
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
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
    """``site_url(host, path="/")``: the address of a page of the platform's WSGI
    application, served from a thread on a loopback port.

    Not pytest-django's ``live_server``: that one forces ``transactional_db``,
    whose flush would empty the site registry the whole session shares. The
    server's threads have connections of their own, so they see committed rows
    only, never what a test writes inside its transaction.
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
