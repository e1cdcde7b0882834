"""Tenant safety: what one site keeps stays its own -- cache entries (Wagtail's site
root paths among them), users and sessions, media, its Wagtail Site, and the host in
the links its e-mails carry (docs/adr/0001-tenant-apps-and-control-plane.md)."""

import io

import pytest
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.template import Context, Template

from wagtail.images.models import Image
from wagtail.models import Site

from tenants import lifecycle
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def test_cache_entries_are_per_site(sites):
    with in_site(sites.alpha):
        cache.set("wagtail_site_root_paths", ["alpha"])
    with in_site(sites.beta):
        assert cache.get("wagtail_site_root_paths") is None
        cache.set("wagtail_site_root_paths", ["beta"])
    with in_site(sites.alpha):
        assert cache.get("wagtail_site_root_paths") == ["alpha"]


def test_wagtail_root_paths_do_not_leak_between_sites(client, sites):
    """Wagtail caches its site root paths under one fixed key; the key is per schema."""
    client.get("/", HTTP_HOST="alpha.test")
    with in_site(sites.beta):
        paths = Site.get_site_root_paths()
    assert {p.root_url for p in paths} == {"http://beta.test:8000"}


def test_users_and_sessions_are_per_site(client, sites):
    User = get_user_model()
    with in_site(sites.alpha):
        editor = User.objects.create_user("bientap_alpha", "e@alpha.test", "mat-khau-dai-1")
        editor.groups.add(Group.objects.get(name="Biên tập viên"))
    with in_site(sites.beta):
        assert not User.objects.filter(username="bientap_alpha").exists()

    response = client.post(
        "/admin/login/",
        {"username": "bientap_alpha", "password": "mat-khau-dai-1"},
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302  # logged in on alpha
    assert client.get("/admin/", HTTP_HOST="alpha.test").status_code == 200
    # The same session cookie means nothing on beta: its schema has no such session.
    response = client.get("/admin/", HTTP_HOST="beta.test")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # Nor can the alpha account sign in on beta.
    response = client.post(
        "/admin/login/",
        {"username": "bientap_alpha", "password": "mat-khau-dai-1"},
        HTTP_HOST="beta.test",
    )
    assert response.status_code == 200  # the form again, with an error


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    buffer.seek(0)
    return ImageFile(buffer, name="anh-thu.png")


def test_media_is_stored_under_the_stable_key_and_served_from_any_host(client, sites):
    with in_site(sites.beta):
        image = Image.objects.create(title="Ảnh thử", file=_png())
        rendition = image.get_rendition("fill-20x20")
        name, url = image.file.name, image.file.url
    assert name.startswith("sites/beta/original_images/")
    assert rendition.file.name.startswith("sites/beta/images/")
    assert url == f"/media/{name}"
    # The URL works the same from the parent portal's host (syndication needs this).
    for host in ("beta.test", "alpha.test"):
        response = client.get(url, HTTP_HOST=host)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_local_media_serving_is_limited_to_images(client, sites):
    for path in ("/media/secret_key", "/media/../secret_key", "/media/sites/beta/documents/x.pdf"):
        assert client.get(path, HTTP_HOST="beta.test", follow=True).status_code == 404


def test_wagtail_site_is_derived_from_the_primary_domain(sites):
    with in_site(sites.gamma):
        site = Site.objects.get()
        assert (site.hostname, site.port, site.is_default_site) == ("gamma.test", 8000, True)
        assert site.site_name == "Cổng Đảng bộ Gamma"
    # through the service every change of domains goes through (tenants.services.apply_domains)
    lifecycle.change_domains(
        sites.gamma, "tests", add=["dangbo-gamma.test"], primary="dangbo-gamma.test"
    )
    with in_site(sites.gamma):
        assert list(Site.objects.values_list("hostname", flat=True)) == ["dangbo-gamma.test"]


def test_admin_links_in_emails_point_at_the_site_host(sites):
    template = Template("{% load wagtailadmin_tags %}{% base_url_setting %}")
    with in_site(sites.alpha):
        assert template.render(Context()) == "http://alpha.test:8000"
    with in_site(sites.beta):
        assert template.render(Context()) == "http://beta.test:8000"


def test_password_reset_email_links_to_the_requesting_site(client, sites):
    with in_site(sites.beta):
        get_user_model().objects.create_user("thuky", "thuky@beta.test", "mat-khau-dai-2")
    response = client.post(
        "/admin/password_reset/", {"email": "thuky@beta.test"}, HTTP_HOST="beta.test"
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "beta.test" in mail.outbox[0].body
    assert "alpha.test" not in mail.outbox[0].body
