"""The directory of component sites reads the registry: alpha's active children, by kind."""

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Locale

from tenants.models import Domain, Tenant
from tests.conftest import in_site
from tests.sections.factories import SiteDirectoryPageFactory

from .conftest import HOST, assert_valid_html

pytestmark = pytest.mark.django_db


def add_child_site(parent, slug, kind="department", status="active", domain=True, **fields):
    """A registry row only (no schema): the directory reads nothing else.

    The domain is added while the site is still "provisioning", as the provisioning
    service does, so that no Wagtail Site is synced into a schema that does not exist.
    """
    connection.set_schema_to_public()  # a request leaves the connection on its site
    site = Tenant.objects.create(
        slug=slug,
        name=fields.pop("name", f"Sở {slug}"),
        kind=kind,
        parent=parent,
        status="provisioning",
        **fields,
    )
    if domain:
        Domain.objects.create(domain=f"{slug}.alpha.test", tenant=site, is_primary=True)
    Tenant.objects.filter(pk=site.pk).update(status=status)
    return site


def directory_html(client, url):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    return assert_valid_html(response.content)


def test_lists_the_active_children_of_the_current_site_by_kind(client, sites):
    add_child_site(sites.alpha, "sokhcn", name="Sở Khoa học và Công nghệ")
    add_child_site(sites.alpha, "sotamngung", status="suspended", name="Sở Tạm Ngừng")
    add_child_site(sites.alpha, "sokhongmien", domain=False, name="Sở Không Tên Miền")
    add_child_site(sites.gamma, "bantuyengiao", kind="party_body", name="Ban Tuyên giáo")
    with in_site(sites.alpha):
        url = SiteDirectoryPageFactory().url
    html = directory_html(client, url)
    sections = {
        section.h2.get_text(strip=True): [a.get_text() for a in section.find_all("a")]
        for section in html.select("main section")
    }
    assert sections == {
        "Sở, ban, ngành": ["Sở Khoa học và Công nghệ"],
        "Xã, phường": ["Xã Bê Ta"],
    }
    assert html.find("a", string="Xã Bê Ta")["href"] == "http://beta.test:8000/"
    assert (
        html.find("a", string="Sở Khoa học và Công nghệ")["href"]
        == "http://sokhcn.alpha.test:8000/"
    )


def test_a_site_without_children_says_so(client, sites):
    with in_site(sites.gamma):
        url = SiteDirectoryPageFactory().url
    html = BeautifulSoup(client.get(url, HTTP_HOST="gamma.test").content, "html.parser")
    assert "Chưa có trang thành phần." in html.get_text()


def test_english_page_shows_english_names(client, sites):
    add_child_site(
        sites.alpha,
        "sokhcn",
        name="Sở Khoa học và Công nghệ",
        name_en="Department of Science and Technology",
        languages=["vi", "en"],
    )
    with in_site(sites.alpha):
        page = SiteDirectoryPageFactory()
        english = page.copy_for_translation(Locale.objects.get(language_code="en"))
        english.title = "Component sites"
        english.save_revision().publish()
        english.refresh_from_db()
        url = english.url
    html = directory_html(client, url)
    translation.activate("vi")
    link = html.find("a", string="Department of Science and Technology")
    assert link["href"] == "http://sokhcn.alpha.test:8000/en/"
    assert html.find(lang="vi", string="Sở Khoa học và Công nghệ")
    # Beta has no English name: its Vietnamese name, marked as Vietnamese.
    assert html.find("a", string="Xã Bê Ta")["lang"] == "vi"
    assert "Communes and wards" in html.get_text()


def test_one_query_whatever_the_number_of_children(client, sites, no_page_cache):
    with in_site(sites.alpha):
        url = SiteDirectoryPageFactory().url
    client.get(url, HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as few:
        directory_html(client, url)
    for number in range(6):
        add_child_site(sites.alpha, f"so{number}")
    directory_html(client, url)  # back on alpha's search path, as for the first measurement
    with CaptureQueriesContext(connection) as many:
        html = directory_html(client, url)
    assert len(html.select(".directory-list li")) == 7
    assert len(many) == len(few)
    registry_reads = [q["sql"] for q in many if "tenants_tenant" in q["sql"]]
    assert len(registry_reads) == 1, registry_reads


def test_query_budget(client, sites, no_page_cache, django_assert_max_num_queries):
    with in_site(sites.alpha):
        url = SiteDirectoryPageFactory().url
    client.get(url, HTTP_HOST=HOST)
    # Serving and the layout cost 11 (routing, the alias check and view restrictions,
    # branding, language links, menu, breadcrumb); the directory adds one registry query.
    with django_assert_max_num_queries(12):
        directory_html(client, url)
