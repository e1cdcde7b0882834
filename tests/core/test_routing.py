"""Each host goes to its site's schema; unknown, suspended and console hosts behave."""

import pytest

from django.db import connection

from tenants.models import Domain, Tenant

pytestmark = pytest.mark.django_db


def test_each_host_serves_its_own_site(client, sites):
    for host, name in [("alpha.test", "Cổng Thông tin điện tử Alpha"), ("beta.test", "Xã Bê Ta")]:
        response = client.get("/", HTTP_HOST=host)
        assert response.status_code == 200
        assert name in response.content.decode()
        assert response.wsgi_request.tenant.slug == host.split(".")[0]


def test_host_lookup_ignores_port_and_case(client, sites):
    assert client.get("/", HTTP_HOST="ALPHA.test:8000").status_code == 200


def test_unknown_host_gets_a_vietnamese_404(client, sites):
    response = client.get("/", HTTP_HOST="khong-ton-tai.test")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy trang thông tin" in text
    assert "khong-ton-tai.test" in text
    assert "Alpha" not in text and "Bê Ta" not in text


def test_malformed_host_is_not_a_500(client, sites):
    assert client.get("/", HTTP_HOST="bad host!").status_code in (400, 404)


def test_alias_domain_redirects_to_the_primary_domain(client, sites):
    response = client.get("/tin-tuc/?page=2", HTTP_HOST="www.alpha.test")
    assert response.status_code == 301
    assert response["Location"] == "http://alpha.test:8000/tin-tuc/?page=2"


def test_suspended_site_answers_503_with_a_notice(client, sites):
    Tenant.objects.filter(slug="beta").update(status="suspended")
    from tenants.registry import forget_hosts

    forget_hosts("beta.test")
    for path in ("/", "/admin/"):
        response = client.get(path, HTTP_HOST="beta.test")
        assert response.status_code == 503
        assert "tạm ngừng hoạt động" in response.content.decode()
        assert response["Retry-After"]


def test_suspending_through_the_model_invalidates_the_cached_host(
    client, sites, django_capture_on_commit_callbacks
):
    assert client.get("/", HTTP_HOST="beta.test").status_code == 200
    site = Tenant.objects.get(slug="beta")
    site.status = "suspended"
    with django_capture_on_commit_callbacks(execute=True):  # the commit
        site.save()
    assert client.get("/", HTTP_HOST="beta.test").status_code == 503


def test_a_new_domain_is_served_at_once(client, sites, django_capture_on_commit_callbacks):
    assert client.get("/", HTTP_HOST="xa-beta.test").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):  # the commit
        Domain.objects.create(domain="xa-beta.test", tenant=sites.beta, is_primary=False)
    response = client.get("/", HTTP_HOST="xa-beta.test")
    assert response.status_code == 301
    assert response["Location"].startswith("http://beta.test:8000/")


def test_console_host_serves_only_the_console(client, sites):
    response = client.get("/login/", HTTP_HOST="console.localhost")
    assert response.status_code == 200
    assert "Trung tâm Thông tin – Hội nghị" in response.content.decode()
    assert connection.schema_name == "public"
    # Wagtail's admin and pages are not on the console host ...
    assert client.get("/admin/", HTTP_HOST="console.localhost").status_code == 404
    # ... and the console is not on a site's host.
    assert client.get("/tenants/tenant/", HTTP_HOST="alpha.test").status_code == 404


def test_site_admin_is_in_vietnamese(client, sites):
    response = client.get("/admin/login/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
    assert "Đăng nhập" in response.content.decode()  # Wagtail's own strings, see platform/locale/vi


def test_english_is_served_only_where_the_site_has_it(client, sites):
    assert client.get("/en/", HTTP_HOST="alpha.test").status_code == 200
    response = client.get("/en/tin-tuc/?p=1", HTTP_HOST="beta.test")
    assert response.status_code == 302
    assert response["Location"] == "/tin-tuc/?p=1"


@pytest.mark.django_db
def test_site_admin_page_explorer_works_without_wagtails_sites_admin(editor_client, sites):
    editor = editor_client(sites.beta)
    assert editor.get("/admin/pages/", HTTP_HOST="beta.test").status_code == 200
    response = editor.get("/admin/sites/", HTTP_HOST="beta.test")
    assert response.status_code == 302
