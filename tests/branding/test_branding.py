"""Per-site branding: edited in the admin, validated, shown in every page's header and footer."""

import re

import pytest

from django.core.exceptions import ValidationError

from branding.models import SiteBranding, contrast_with_white, validate_colour
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def test_contrast_ratio_matches_wcag():
    assert contrast_with_white("#000000") == pytest.approx(21, rel=1e-3)
    assert contrast_with_white("#ffffff") == pytest.approx(1, rel=1e-3)


@pytest.mark.parametrize("colour", ["red", "#fff", "#12345g", ""])
def test_malformed_colours_are_refused_in_vietnamese(colour):
    with pytest.raises(ValidationError, match="#RRGGBB"):
        validate_colour(colour)


def test_a_colour_too_light_for_white_text_is_refused():
    with pytest.raises(ValidationError, match="4.5:1"):
        validate_colour("#f2c200")
    validate_colour("#a31515")


def test_tracking_script_only_from_allowed_https_hosts(sites):
    with in_site(sites.alpha):
        branding = SiteBranding.load()
        branding.tracking_script = "http://evil.example/x.js"
        with pytest.raises(ValidationError) as error:
            branding.full_clean()
        assert "tracking_script" in error.value.message_dict
        branding.tracking_script = "https://evil.example/x.js"
        with pytest.raises(ValidationError):
            branding.full_clean()
        branding.tracking_script = "https://emc.gov.vn/scripts/site.js"
        branding.full_clean()


def test_branding_shows_in_header_and_footer_of_that_site_only(client, sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    with in_site(sites.beta):
        branding = SiteBranding.load()
        branding.agency = "Ủy ban nhân dân xã Bê Ta"
        branding.address = "Thôn Nà Lạn, xã Bê Ta, tỉnh Tuyên Quang"
        branding.phone = "0207 3822 123"
        branding.email = "ubndbeta@tuyenquang.gov.vn"
        branding.responsible_person = "Ông Nguyễn Văn An – Chủ tịch UBND xã"
        branding.licence = "Giấy phép số 01/GP-TTĐT do Sở Văn hoá cấp ngày 02/01/2026"
        branding.primary_colour = "#0b4f8a"
        branding.tracking_script = "https://emc.gov.vn/scripts/site.js"
        branding.save()
    page = client.get("/", HTTP_HOST="beta.test").content.decode()
    for text in (
        "Ủy ban nhân dân xã Bê Ta",
        "0207 3822 123",
        "ubndbeta@tuyenquang.gov.vn",
        "Chịu trách nhiệm chính",
        "01/GP-TTĐT",
        '<script src="https://emc.gov.vn/scripts/site.js" async>',
    ):
        assert text in page
    # the colours come in a stylesheet of the site's own (no inline style: CSP)
    stylesheet = re.search(r'href="(/branding\.css\?v=[0-9a-f]+)"', page)
    assert stylesheet is not None and "<style" not in page
    css = client.get(stylesheet[1], HTTP_HOST="beta.test")
    assert css["Content-Type"].startswith("text/css")
    assert "--brand:#0b4f8a" in css.content.decode()
    other = client.get("/", HTTP_HOST="alpha.test").content.decode()
    assert "Ủy ban nhân dân xã Bê Ta" not in other
    assert "emc.gov.vn" not in other


def test_site_admin_edits_branding_in_the_admin(editor_client, sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    editor = editor_client(sites.beta)
    with in_site(sites.beta):
        url = "/admin/settings/branding/sitebranding/"
        response = editor.get(url, HTTP_HOST="beta.test", follow=True)
        assert response.status_code == 200
        response = editor.post(
            response.redirect_chain[-1][0] if response.redirect_chain else url,
            {
                "primary_colour": "#ffff00",
                "accent_colour": "",
                "agency": "UBND xã Bê Ta",
                "agency_en": "",
                "address": "",
                "address_en": "",
                "phone": "",
                "email": "",
                "responsible_person": "",
                "licence": "",
                "tracking_script": "",
            },
            HTTP_HOST="beta.test",
        )
        assert response.status_code == 200  # form shown again with the error
        assert "quá sáng" in response.content.decode()
        assert SiteBranding.load().agency != "UBND xã Bê Ta"
