"""The site registry: validation with Vietnamese messages, and the console list."""

import pytest
from django_tenants.utils import schema_exists

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from provisioning.services import SiteSpec, provision_site
from tenants.models import AuditEvent, Domain, Tenant
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


@pytest.fixture
def operator_client(client, sites):
    user = get_user_model().objects.create_superuser("vanhanh", "v@example.vn", "mat-khau-van-hanh")
    client.force_login(user)
    return client


def test_console_lists_sites_with_search_and_filters(operator_client):
    host = {"HTTP_HOST": "console.localhost"}
    response = operator_client.get("/tenants/tenant/", **host)
    assert response.status_code == 200
    body = response.content.decode()
    for name in ("Cổng Thông tin điện tử Alpha", "Xã Bê Ta", "Cổng Đảng bộ Gamma"):
        assert name in body
    assert "Trung tâm Thông tin – Hội nghị" in body

    found = results(operator_client.get("/tenants/tenant/", {"q": "beta.test"}, **host))
    assert "Xã Bê Ta" in found and "Cổng Đảng bộ Gamma" not in found

    filtered = results(
        operator_client.get("/tenants/tenant/", {"kind__exact": "party_portal"}, **host)
    )
    assert "Cổng Đảng bộ Gamma" in filtered and "Xã Bê Ta" not in filtered


def results(response):
    """The result table of an admin change list, without the filter sidebar."""
    text = response.content.decode()
    start = text.index('id="result_list"')
    return text[start : text.index("</table>", start)]


def test_console_suspend_action_is_audited(operator_client, sites):
    response = operator_client.post(
        "/tenants/tenant/",
        {"action": "suspend", "_selected_action": [sites.beta.pk]},
        HTTP_HOST="console.localhost",
    )
    assert response.status_code == 302
    assert Tenant.objects.get(slug="beta").status == "suspended"
    event = AuditEvent.objects.get(action="site.suspended")
    assert (event.actor, event.site_key) == ("vanhanh", "beta")


def test_console_refuses_anonymous_visitors(client, sites):
    response = client.get("/tenants/tenant/", HTTP_HOST="console.localhost")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def _change_form_data(response):
    """The data a browser would post back from an admin change form, as rendered."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, list | tuple):
                value = ",".join(str(v) for v in value)
            data[form.add_prefix(name)] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def test_console_switches_english_on_for_a_site(
    operator_client, client, sites, django_capture_on_commit_callbacks
):
    url = f"/tenants/tenant/{sites.gamma.pk}/change/"
    data = _change_form_data(operator_client.get(url, HTTP_HOST="console.localhost"))
    assert client.get("/en/", HTTP_HOST="gamma.test").status_code == 302  # no English yet
    data["languages"] = "vi,en"
    data["name_en"] = "Gamma Party Portal"
    with django_capture_on_commit_callbacks(execute=True):  # the request's commit
        response = operator_client.post(url, data, HTTP_HOST="console.localhost")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Tenant.objects.get(slug="gamma").languages == ["vi", "en"]
    english = client.get("/en/", HTTP_HOST="gamma.test")
    assert english.status_code == 200
    html = english.content.decode()
    assert '<html lang="en">' in html and "Gamma Party Portal" in html
    assert 'hreflang="vi"' in html
