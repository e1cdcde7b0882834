"""Address ranges (docs/security.md, "Giới hạn theo dải mạng"): the console only to
CONSOLE_ALLOWED_NETWORKS, and a site's restricted pages and their files only to its
internal networks when the site asks for it -- even to a signed-in user."""

import pytest
from accounts.models import NetworkAccess
from accounts.networks import address_in, parse_networks

from django.core.exceptions import ValidationError
from django.test import Client, TestCase

from wagtail.models import PageViewRestriction

from tests.conftest import in_site
from tests.documents.factories import DocumentFactory, LegalDocumentPageFactory, attach
from tests.sections.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

HOST = "alpha.test"
INSIDE = "10.20.30.40"
OUTSIDE = "203.0.113.9"


def test_parsing_and_matching_networks():
    networks = parse_networks(["10.0.0.0/8", "", "# ghi chú", "2001:db8::/32  # IPv6"])
    assert address_in("10.1.1.1", networks)
    assert address_in("::ffff:10.1.1.1", networks)
    assert address_in("2001:db8::1", networks)
    assert not address_in("11.0.0.1", networks)
    assert not address_in("", networks) and not address_in("khong-phai-ip", networks)
    with pytest.raises(ValidationError):
        parse_networks(["10.0.0.0/33"])


def test_the_console_answers_only_its_networks(settings, sites):
    settings.CONSOLE_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    outside = Client().get("/", HTTP_HOST="console.localhost", REMOTE_ADDR=OUTSIDE)
    assert outside.status_code == 403
    assert "Truy cập bị từ chối" in outside.content.decode()
    login = Client().get("/login/", HTTP_HOST="console.localhost", REMOTE_ADDR=OUTSIDE)
    assert login.status_code == 403
    inside = Client().get("/login/", HTTP_HOST="console.localhost", REMOTE_ADDR=INSIDE)
    assert inside.status_code == 200
    # the sites themselves are not limited
    assert Client().get("/", HTTP_HOST=HOST, REMOTE_ADDR=OUTSIDE).status_code == 200


def test_the_console_reads_the_address_behind_trusted_proxies(settings, sites):
    settings.CONSOLE_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    settings.AXES_IPWARE_PROXY_COUNT = 1
    proxied = Client().get(
        "/login/",
        HTTP_HOST="console.localhost",
        REMOTE_ADDR="192.168.0.2",
        HTTP_X_FORWARDED_FOR=f"{INSIDE}, {OUTSIDE}",  # the client forged the first entry
    )
    assert proxied.status_code == 403
    allowed = Client().get(
        "/login/",
        HTTP_HOST="console.localhost",
        REMOTE_ADDR="192.168.0.2",
        HTTP_X_FORWARDED_FOR=INSIDE,
    )
    assert allowed.status_code == 200


def test_no_networks_means_any_address(settings, sites):
    settings.CONSOLE_ALLOWED_NETWORKS = []
    response = Client().get("/login/", HTTP_HOST="console.localhost", REMOTE_ADDR=OUTSIDE)
    assert response.status_code == 200


def _limit(site, networks="10.0.0.0/8", on=True):
    # the save purges the site's cache when it commits: run that, as a commit would
    with in_site(site), TestCase.captureOnCommitCallbacks(execute=True):
        setting = NetworkAccess.load()
        setting.internal_networks = networks
        setting.restricted_pages_internal_only = on
        setting.full_clean()
        setting.save()


@pytest.fixture
def restricted(sites):
    with in_site(sites.alpha):
        page = ContentPageFactory(title="Văn bản nội bộ Đảng", slug="noi-bo-dang")
        child = ContentPageFactory(parent=page, title="Tài liệu sinh hoạt", slug="tai-lieu")
        open_page = ContentPageFactory(title="Giới thiệu chung", slug="gioi-thieu-chung")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        legal = LegalDocumentPageFactory(title="Nghị quyết nội bộ", slug="nq-noi-bo")
        document = DocumentFactory(filename="nghi-quyet.pdf", title="Nghị quyết")
        attach(legal, document)
        PageViewRestriction.objects.create(page=legal, restriction_type=PageViewRestriction.LOGIN)
        return page.url, child.url, open_page.url, document.url


def test_restricted_pages_need_the_internal_network_even_when_signed_in(
    sites, restricted, editor_client
):
    page, child, open_page, document = restricted
    user = editor_client(sites.alpha)
    # off: the login is enough
    assert user.get(page, HTTP_HOST=HOST, REMOTE_ADDR=OUTSIDE).status_code == 200

    _limit(sites.alpha)
    for url in (page, child, document):
        refused = user.get(url, HTTP_HOST=HOST, REMOTE_ADDR=OUTSIDE)
        assert refused.status_code == 403, url
        assert "mạng nội bộ" in refused.content.decode()
        assert "no-store" in refused["Cache-Control"]
        assert user.get(url, HTTP_HOST=HOST, REMOTE_ADDR=INSIDE).status_code == 200, url
    # inside the network the login is still needed
    assert Client().get(page, HTTP_HOST=HOST, REMOTE_ADDR=INSIDE).status_code == 302
    # pages without a restriction are for everyone
    assert Client().get(open_page, HTTP_HOST=HOST, REMOTE_ADDR=OUTSIDE).status_code == 200


def test_the_setting_validates_its_networks(sites):
    with pytest.raises(ValidationError):
        _limit(sites.alpha, networks="10.0.0.0/8\nmang-noi-bo")
    with pytest.raises(ValidationError):
        _limit(sites.alpha, networks="", on=True)
    _limit(sites.alpha, networks="", on=False)
