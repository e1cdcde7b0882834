"""Each site's admin carries its own name and logo (adminui.identity), at no query
cost on a warm request; the console carries the operations centre's."""

import io
import re

import pytest
from PIL import Image as PILImage

from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model

from adminui.identity import site_identity
from branding.models import SiteBranding
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_the_login_page_names_the_site_and_shows_its_emblem(sites):
    html = Client().get("/admin/login/", HTTP_HOST="beta.test").content.decode()
    assert '<span class="adminui-login-site">Xã Bê Ta</span>' in html
    assert title_of(html).endswith("- Xã Bê Ta")
    # no logo uploaded: the theme's emblem (the commune's theme is "local")
    assert 'src="/static/themes/local/img/emblem.svg" alt="Xã Bê Ta"' in html
    assert "Cổng Thông tin điện tử" not in title_of(html)  # not WAGTAIL_SITE_NAME


def test_every_admin_page_is_titled_with_the_site_and_shows_its_logo(sites, editor_client):
    client = editor_client(sites.alpha)
    home = client.get("/admin/", HTTP_HOST="alpha.test").content.decode()
    assert re.search(r'<h1 class="w-h1 w-mt-0">\s*Cổng Thông tin điện tử Alpha\s*</h1>', home)
    assert title_of(home).endswith("- Cổng Thông tin điện tử Alpha")
    assert 'class="adminui-logo" src="/static/themes/gov/img/emblem.svg"' in home
    for path in ("/admin/pages/", "/admin/images/", "/admin/syndication/", "/admin/huong-dan/"):
        html = client.get(path, HTTP_HOST="alpha.test").content.decode()
        assert title_of(html).endswith("- Cổng Thông tin điện tử Alpha"), path
    beta = editor_client(sites.beta).get("/admin/", HTTP_HOST="beta.test").content.decode()
    assert title_of(beta).endswith("- Xã Bê Ta")


def _png() -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 300), "#b71c1c").save(buffer, "PNG")
    return ImageFile(buffer, name="logo-xa.png")


def test_an_uploaded_logo_replaces_the_emblem_and_is_cached(sites, editor_client, rf):
    with in_site(sites.beta):
        image = get_image_model().objects.create(title="Logo xã", file=_png())
        branding = SiteBranding.load()
        branding.logo = image
        branding.save()  # clears the cached logo
    client = editor_client(sites.beta)
    html = client.get("/admin/", HTTP_HOST="beta.test").content.decode()
    assert re.search(r'class="adminui-logo" src="/media/sites/beta/images/logo-xa[^"]*"', html)

    # warm: the name comes from the routed tenant, the logo from the site's cache
    with in_site(sites.beta):
        request = rf.get("/admin/", HTTP_HOST="beta.test")
        request.tenant = sites.beta
        with CaptureQueriesContext(connection) as queries:
            identity = site_identity(request)
        assert len(queries) == 0 and identity.own_logo and identity.name == "Xã Bê Ta"
    # a whole admin page reads neither the branding settings nor the logo's rendition
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/pages/", HTTP_HOST="beta.test")
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "branding_sitebranding" not in sql and "wagtailimages_rendition" not in sql

    # another site's admin keeps its own identity (cache keys carry the schema)
    html = editor_client(sites.alpha).get("/admin/", HTTP_HOST="alpha.test").content.decode()
    assert "logo-xa" not in html


def test_the_console_carries_the_operations_centres_name_and_emblem(sites):
    html = Client().get("/login/", HTTP_HOST="console.localhost").content.decode()
    assert "Trung tâm Thông tin – Hội nghị" in title_of(html)
    assert 'class="console-emblem" src="/static/themes/base/img/emblem.svg"' in html
