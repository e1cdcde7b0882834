"""Visitors' pages in a real headless Chromium (Debian's package, driven by Playwright)."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.browser]


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
