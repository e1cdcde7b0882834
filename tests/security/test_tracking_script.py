"""The EMC tracking script loads only from an allowed monitoring host (docs/security.md)."""

import pytest

from django.core.exceptions import ValidationError

from branding.models import SiteBranding, tracking_script_host_allowed, validate_tracking_script
from tests.conftest import in_site

REFUSED = [
    "https://evil.example\\@emc.gov.vn/x.js",  # browsers load it from evil.example
    "https://evil.example\\\\@emc.gov.vn/x.js",
    "https://evil.example%5C@emc.gov.vn/x.js",
    "https://emc.gov.vn@evil.example/x.js",
    "https://user:pw@emc.gov.vn/x.js",
    "https://emc.gov.vn.evil.example/x.js",
    "https://evilemc.gov.vn/x.js",
    "https://evil.example/emc.gov.vn/x.js",
    "https://evil.example/?u=https://emc.gov.vn/x.js",
    "https://evil.example#emc.gov.vn",
    "//evil.example/x.js",
    "//emc.gov.vn/x.js",
    "http://emc.gov.vn/x.js",
    "javascript:alert(1)//emc.gov.vn",
    "https:/emc.gov.vn/x.js",
    "https:\\\\emc.gov.vn/x.js",
    "https://emc.gov.vn\\x.js",
    "https://emc.gov.vn/x.js\t",
    "https://emc.gov.vn/\nx.js",
    " https://emc.gov.vn/x.js",
    "https://emc.gov.vn/x .js",
    "https://emc.gov.vn\x00.evil.example/x.js",
    "https://emc.gov.vn:99999999/x.js",
    "https://emc.gov.vn./x.js",
    "https://.emc.gov.vn/x.js",
    "https://a..emc.gov.vn/x.js",
    "https://emc.gov.vn/x.js#frag",
    "https://[::1]/emc.gov.vn",
    "https://xn--emc-gov-vn.evil.example/x.js",
]

ALLOWED = [
    "https://emc.gov.vn/scripts/site.js",
    "https://EMC.GOV.VN/scripts/site.js",
    "https://emc.gov.vn:443/scripts/site.js",
    "https://emc.gov.vn",
    "https://emc.gov.vn/",
    "https://script.emc.gov.vn/v2/site.js?id=abc-123&s=tq",
    "https://tinnhiemmang.vn/handle_cert?id=tuyenquang.gov.vn",
]


@pytest.mark.parametrize("url", REFUSED)
def test_tricky_addresses_are_refused(url):
    assert not tracking_script_host_allowed(url)
    with pytest.raises(ValidationError, match="hệ thống giám sát được phép"):
        validate_tracking_script(url)


@pytest.mark.parametrize("url", ALLOWED)
def test_addresses_on_allowed_hosts_pass(url):
    assert tracking_script_host_allowed(url)
    validate_tracking_script(url)


def test_the_allow_list_is_the_setting(settings):
    settings.TRACKING_SCRIPT_HOSTS = ["giamsat.tuyenquang.gov.vn"]
    assert tracking_script_host_allowed("https://giamsat.tuyenquang.gov.vn/x.js")
    assert not tracking_script_host_allowed("https://emc.gov.vn/x.js")


@pytest.mark.django_db
def test_a_stored_bypass_is_not_rendered(client, sites, settings):
    """A value saved before the check was strict (or a host since removed from the
    list) does not reach the page."""
    settings.PAGE_CACHE_TIMEOUT = 0
    with in_site(sites.gamma):
        branding = SiteBranding.load()
        branding.tracking_script = "https://evil.example\\@emc.gov.vn/x.js"
        branding.save()  # save() does not validate: as an old row would be
    try:
        page = client.get("/", HTTP_HOST="gamma.test").content.decode()
        assert "evil.example" not in page
    finally:
        with in_site(sites.gamma):
            branding.tracking_script = ""
            branding.save()
