"""The site registry: validation with Vietnamese messages (the console's list of sites
is tested in tests/console/test_admin.py)."""

import pytest
from django_tenants.utils import schema_exists

from django.core.exceptions import ValidationError

from provisioning.services import SiteSpec, provision_site
from tenants.models import Domain, Tenant
from tests.conftest import board

pytestmark = pytest.mark.django_db


def spec(**overrides):
    values = {
        "slug": "delta",
        "kind": "department",
        "parent": "alpha",
        "name": "Sở Delta",
        "domains": ["delta.test"],
        "languages": ["vi"],
        "board": board("delta"),
        **overrides,
    }
    return SiteSpec(**values)


def errors_of(exc_info):
    return {field: " ".join(messages) for field, messages in exc_info.value.message_dict.items()}


@pytest.mark.parametrize(
    "overrides, field, fragment",
    [
        ({"slug": "Delta-1"}, "slug", "chữ thường không dấu"),
        ({"slug": "d"}, "slug", "chữ thường không dấu"),
        ({"slug": "alpha"}, "slug", "đã tồn tại"),
        ({"domains": ["beta.test"]}, "domains", "đã được trang “Xã Bê Ta” sử dụng"),
        ({"domains": ["not a host"]}, "domains", "không phải là tên miền hợp lệ"),
        ({"domains": []}, "domains", "ít nhất một tên miền"),
        ({"parent": "gamma"}, "parent", "không thể trực thuộc"),
        ({"parent": None}, "parent", "phải thuộc một cổng"),
        ({"parent": "khong_co"}, "parent", "Không tìm thấy trang cấp trên"),
        ({"kind": "provincial_portal"}, "parent", "cấp cao nhất"),
        ({"theme": "khong-co"}, "theme", "không có trên hệ thống"),
        ({"languages": ["en"]}, "languages", "Tiếng Việt là ngôn ngữ bắt buộc"),
    ],
)
def test_bad_specs_are_refused_with_vietnamese_messages(sites, overrides, field, fragment):
    before = (Tenant.objects.count(), Domain.objects.count())
    with pytest.raises(ValidationError) as exc_info:
        provision_site(spec(**overrides))
    assert fragment in errors_of(exc_info)[field]
    assert (Tenant.objects.count(), Domain.objects.count()) == before
    assert not schema_exists("site_delta")


def test_cycles_are_refused(sites):
    portal = Tenant.objects.get(slug="gamma")
    body = Tenant(
        slug="ban_a", name="Ban A", kind="party_body", parent=portal, schema_name="site_ban_a"
    )
    body.save()
    child = Tenant(
        slug="ban_b", name="Ban B", kind="party_body", parent=body, schema_name="site_ban_b"
    )
    child.save()
    body.parent = child
    with pytest.raises(ValidationError) as exc_info:
        body.full_clean()
    assert "vòng lặp" in errors_of(exc_info)["parent"]


def test_the_stable_key_cannot_change(sites):
    site = Tenant.objects.get(slug="beta")
    site.slug = "beta2"
    with pytest.raises(ValidationError) as exc_info:
        site.full_clean()
    assert "không thể thay đổi" in errors_of(exc_info)["slug"]


def test_schema_name_is_generated_from_the_slug(sites):
    assert sites.alpha.schema_name == "site_alpha"
    assert Tenant.objects.get(slug="alpha").domains.get(is_primary=True).domain == "alpha.test"


def test_names_are_stored_as_nfc(sites):
    decomposed = "Xa\u0303 Ho\u0300a Bi\u0300nh"  # combining marks, as pasted from some editors
    site = Tenant(slug="hoabinh", name=decomposed, kind="commune", parent=sites.alpha)
    site.full_clean(exclude=["schema_name"])
    assert site.name == "Xã Hòa Bình"
