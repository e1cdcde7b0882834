"""The webmaster's admin in a real headless Chromium (issue 15): nothing is loaded from
another host by the public pages or the admin (dashboard, page editor, inbox, guide),
no image is broken, and on a phone (375 px) the dashboard, the editor and the inbox
do not scroll sideways and keep their main actions in reach.

The browser signs in with a session committed for the module (the server's threads
see committed rows only), removed afterwards with the device it needed.
"""

from urllib.parse import urlsplit

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction

from tests.conftest import in_site

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

PHONE = {"width": 375, "height": 740}
#: what every loaded URL may be besides the page's own host
LOCAL_SCHEMES = {"data", "blob", "about"}
BROKEN_IMAGES = """() => [...document.images]
  .filter((img) => img.complete && img.naturalWidth === 0 && img.getAttribute("src"))
  .map((img) => img.currentSrc || img.src)"""
SIDEWAYS = "() => document.scrollingElement.scrollWidth - window.innerWidth"


@pytest.fixture(scope="module")
def sessions(sites, django_db_blocker):
    """A signed-in session (with the second factor done) for the portal's head of board
    and the commune's reporter: {host: session key}."""
    made = []
    keys = {}
    with django_db_blocker.unblock():
        for site, role, host in [
            (sites.alpha, "truong_ban", "alpha.test"),
            (sites.beta, "phong_vien", "beta.test"),
        ]:
            with in_site(site), transaction.atomic():
                user = get_user_model().objects.get(email=f"{role}@{site.slug}.test")
                device = TOTPDevice.objects.create(
                    user=user, name="trình duyệt thử", confirmed=True
                )
                store = SessionStore()
                store[SESSION_KEY] = str(user.pk)
                store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
                store[HASH_SESSION_KEY] = user.get_session_auth_hash()
                store[DEVICE_ID_SESSION_KEY] = device.persistent_id
                store.create()
                keys[host] = store.session_key
                made.append((site, device.pk, store.session_key))
        # an offer in the portal's inbox, so its listing and dashboard panel have a row
        from django.utils import timezone

        from syndication.models import Offer

        now = timezone.now()
        offer = Offer.objects.create(
            source=sites.beta,
            source_key="beta",
            source_name="Xã Bê Ta",
            source_kind="commune",
            target=sites.alpha,
            page_id=999_001,
            revision_id=1,
            content_hash="0" * 64,
            title="Xã Bê Ta ra quân làm đường giao thông nông thôn, hoàn thành 5 km đường bê tông",
            lead="Sapo.",
            body="<p>Nội dung.</p>",
            category="Kinh tế",
            url="http://beta.test/tin-tuc/ra-quan/",
            published_at=now,
            changed_at=now,
        )
    keys["offer"] = offer.pk
    yield keys
    with django_db_blocker.unblock():
        Offer.objects.filter(pk=offer.pk).delete()
        for site, device_id, key in made:
            with in_site(site), transaction.atomic():
                TOTPDevice.objects.filter(pk=device_id).delete()
                SessionStore(session_key=key).delete()


@pytest.fixture(scope="module")
def editor_paths(sites, django_db_blocker):
    """The page editor of each site's home page."""
    from wagtail.models import Site

    paths = {}
    with django_db_blocker.unblock():
        for site, host in [(sites.alpha, "alpha.test"), (sites.beta, "beta.test")]:
            with in_site(site):
                root = Site.objects.get(is_default_site=True).root_page_id
                paths[host] = f"/admin/pages/{root}/edit/"
    return paths


def _signed_in(browser, site_url, sessions, host, viewport=None):
    context = browser.new_context(viewport=viewport) if viewport else browser.new_context()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": sessions[host], "url": site_url(host)}]
    )
    return context


def _foreign_requests(page, host) -> list[str]:
    """Start recording the requests of ``page`` to anything but ``host``."""
    foreign: list[str] = []

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme not in LOCAL_SCHEMES and parts.hostname != host:
            foreign.append(f"{page.url} → {request.url}")

    page.on("request", record)
    return foreign


def test_nothing_is_loaded_from_another_host(browse, site_url, sessions, editor_paths):
    def tour(browser):
        problems = []
        for host in ("alpha.test", "beta.test"):
            visitor = browser.new_context()
            page = visitor.new_page()
            foreign = _foreign_requests(page, host)
            for path in ("/", "/tin-tuc/", "/admin/login/"):
                page.goto(site_url(host, path))
                page.wait_for_load_state("networkidle")
                problems += [f"broken image {src}" for src in page.evaluate(BROKEN_IMAGES)]
            problems += foreign
            visitor.close()
        for host in ("alpha.test", "beta.test"):
            context = _signed_in(browser, site_url, sessions, host)
            page = context.new_page()
            foreign = _foreign_requests(page, host)
            paths = ["/admin/", editor_paths[host], "/admin/huong-dan/", "/admin/account/"]
            if host == "alpha.test":
                paths += ["/admin/syndication/", f"/admin/syndication/{sessions['offer']}/"]
            else:
                paths.append("/admin/syndication/da-gui/")
            for path in paths:
                response = page.goto(site_url(host, path))
                page.wait_for_load_state("networkidle")
                if response.status != 200 or "/login/" in page.url:
                    problems.append(f"{host}{path}: {response.status} at {page.url}")
                problems += [
                    f"{host}{path}: broken image {s}" for s in page.evaluate(BROKEN_IMAGES)
                ]
            problems += foreign
            context.close()
        return problems

    assert browse(tour) == []


def test_the_admin_shows_the_sites_name_logo_and_the_vietnamese_guide(browse, site_url, sessions):
    def look(browser):
        context = _signed_in(browser, site_url, sessions, "beta.test")
        page = context.new_page()
        page.goto(site_url("beta.test", "/admin/"))
        found = {
            "title": page.title(),
            "h1": page.locator("h1").first.inner_text().strip(),
            "logo": page.locator(".sidebar-custom-branding img, .adminui-logo").first.get_attribute(
                "alt"
            ),
        }
        # the help menu holds the platform's guide, not Wagtail's English one
        page.get_by_role("button", name="Trợ giúp").click()
        guide = page.locator(".sidebar-menu-item__link", has_text="Hướng dẫn sử dụng")
        found["help"] = guide.get_attribute("href")
        found["editor_guide"] = page.locator("a[href*='guide.wagtail.org']").count()
        context.close()
        return found

    found = browse(look)
    assert found["title"].endswith("- Xã Bê Ta") and found["h1"] == "Xã Bê Ta"
    assert found["logo"] == "Xã Bê Ta"
    assert found["help"] == "/admin/huong-dan/" and found["editor_guide"] == 0


def test_dashboard_editor_and_inbox_on_a_phone(browse, site_url, sessions, editor_paths):
    def phone(browser):
        problems = []
        context = _signed_in(browser, site_url, sessions, "alpha.test", viewport=PHONE)
        page = context.new_page()
        checks = [
            ("/admin/", "h1"),
            (editor_paths["alpha.test"], "footer .button.action-save, footer button[type=submit]"),
            ("/admin/syndication/", "#listing-results a[href*='/admin/syndication/']"),
            (f"/admin/syndication/{sessions['offer']}/", "button[value=accept]"),
            ("/admin/huong-dan/viet-bai/", ".adminui-help h2"),
        ]
        for path, action in checks:
            page.goto(site_url("alpha.test", path))
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate(SIDEWAYS)
            if overflow > 0:
                problems.append(f"{path}: {overflow}px sideways scroll at 375 px")
            target = page.locator(action).first
            if not target.is_visible():
                problems.append(f"{path}: {action} not visible")
            else:
                box = target.bounding_box()
                if box["x"] < 0 or box["x"] + box["width"] > PHONE["width"] + 1:
                    problems.append(f"{path}: {action} outside the screen ({box})")
        # the inbox's filters open in Wagtail's drawer, the dates in dd/mm/yyyy
        page.goto(site_url("alpha.test", "/admin/syndication/"))
        page.locator(".w-slim-header-action-button").first.click()
        page.locator(".w-drilldown__toggle", has_text="Ngày cập nhật").click()
        date_input = page.locator("input[name=changed_from]")
        if not date_input.is_visible():
            problems.append("inbox: the date filter is not reachable on a phone")
        else:
            date_input.fill("01/12/2026")
            date_input.press("Enter")
            page.wait_for_load_state("networkidle")
            if page.evaluate(SIDEWAYS) > 0:
                problems.append("inbox: sideways scroll with the filters open")
        context.close()
        return problems

    assert browse(phone) == []
