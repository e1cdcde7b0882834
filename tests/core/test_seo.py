"""sitemap.xml and robots.txt per site."""

import xml.etree.ElementTree as ET

import pytest

from tenants.registry import site_url

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_both_languages_on_the_sites_host(client, sites):
    response = client.get("/sitemap.xml", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    home = site_url("alpha.test", "/")
    assert home in locations
    assert any(loc.startswith(site_url("alpha.test", "/en/")) for loc in locations)
    assert all(loc.startswith(home) for loc in locations)


def test_sitemap_of_another_site_has_only_its_pages(client, sites):
    root = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST="beta.test").content)
    locations = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    assert locations and all(loc.startswith(site_url("beta.test", "/")) for loc in locations)


def test_robots_points_to_the_sites_sitemap(client, sites):
    response = client.get("/robots.txt", HTTP_HOST="beta.test")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://beta.test/sitemap.xml" in text
    assert "Disallow: /admin/" in text
