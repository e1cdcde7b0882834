"""The console's site registry (``provisioning.console.admin.TenantAdmin``): the list
with search, filters and actions, the change form (languages, domains through
``tenants.lifecycle.change_domains``) and the lifecycle buttons.

The console's requests run in the test's transaction, which never commits: where
the next request must see a change, the request's on-commit work is run
(``django_capture_on_commit_callbacks``), as its commit would.
"""

import pytest

from django.core.exceptions import ValidationError
from django.test import Client

from wagtail.models import Site

from tenants import lifecycle
from tenants.models import AuditEvent, Domain, Tenant
from tests.conftest import in_site

pytestmark = pytest.mark.django_db
CONSOLE = {"HTTP_HOST": "console.localhost"}


def visit(path, host, method="get", client=None, **data):
    return getattr(client or Client(), method)(path, data, HTTP_HOST=host)


def test_console_lists_sites_with_search_and_filters(operator_client):
    response = operator_client.get("/tenants/tenant/", **CONSOLE)
    assert response.status_code == 200
    body = response.content.decode()
    for name in ("Cổng Thông tin điện tử Alpha", "Xã Bê Ta", "Cổng Đảng bộ Gamma"):
        assert name in body
    assert "Trung tâm Thông tin – Hội nghị" in body

    found = results(operator_client.get("/tenants/tenant/", {"q": "beta.test"}, **CONSOLE))
    assert "Xã Bê Ta" in found and "Cổng Đảng bộ Gamma" not in found

    filtered = results(
        operator_client.get("/tenants/tenant/", {"kind__exact": "party_portal"}, **CONSOLE)
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
        **CONSOLE,
    )
    assert response.status_code == 302
    assert Tenant.objects.get(slug="beta").status == "suspended"
    event = AuditEvent.objects.get(action="site.suspended")
    assert (event.actor, event.site_key) == ("vanhanh", "beta")


def test_console_refuses_anonymous_visitors(client, sites):
    response = client.get("/tenants/tenant/", **CONSOLE)
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
    data = _change_form_data(operator_client.get(url, **CONSOLE))
    assert client.get("/en/", HTTP_HOST="gamma.test").status_code == 302  # no English yet
    data["languages"] = "vi,en"
    data["name_en"] = "Gamma Party Portal"
    with django_capture_on_commit_callbacks(execute=True):  # the request's commit
        response = operator_client.post(url, data, **CONSOLE)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Tenant.objects.get(slug="gamma").languages == ["vi", "en"]
    english = client.get("/en/", HTTP_HOST="gamma.test")
    assert english.status_code == 200
    html = english.content.decode()
    assert '<html lang="en">' in html and "Gamma Party Portal" in html
    assert 'hreflang="vi"' in html


def test_status_is_not_editable_in_the_change_form(operator_client, sites):
    url = f"/tenants/tenant/{sites.gamma.pk}/change/"
    response = operator_client.get(url, **CONSOLE)
    form = response.context["adminform"].form
    assert "status" not in form.fields
    text = response.content.decode()
    for action in ("suspend", "archive", "delete-site"):
        assert f"/tenants/tenant/{sites.gamma.pk}/{action}/" in text
    for action in ("resume", "unarchive"):  # not for an active site
        assert f"/tenants/tenant/{sites.gamma.pk}/{action}/" not in text


def test_suspended_site_serves_nobody_until_resumed(
    operator_client, sites, django_capture_on_commit_callbacks
):
    url = f"/tenants/tenant/{sites.beta.pk}/suspend/"
    assert "Tạm ngừng" in operator_client.get(url, **CONSOLE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the request's commit
        response = operator_client.post(url, **CONSOLE)
    assert response.status_code == 302
    assert Tenant.objects.get(slug="beta").status == "suspended"

    for method, path in [
        ("get", "/"),
        ("get", "/tin-tuc/"),
        ("get", "/admin/"),
        ("get", "/admin/login/"),
        ("post", "/admin/login/"),
        ("post", "/admin/pages/add/"),
    ]:
        response = visit(path, "beta.test", method)
        assert response.status_code == 503, (method, path)
        assert "tạm ngừng hoạt động" in response.content.decode()

    # resuming a site that is not suspended is refused with a message
    with pytest.raises(ValidationError, match="Không thể cho hoạt động lại"):
        lifecycle.resume(Tenant.objects.get(slug="alpha"), "vanhanh")

    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(f"/tenants/tenant/{sites.beta.pk}/resume/", **CONSOLE)
    assert response.status_code == 302
    assert visit("/", "beta.test").status_code == 200
    events = AuditEvent.objects.filter(site_key="beta").exclude(action="site.created")
    assert sorted((e.action, e.actor) for e in events) == [
        ("site.resumed", "vanhanh"),
        ("site.suspended", "vanhanh"),
    ]


def _domain_form(operator_client, site, rows, extra=()):
    """The console's change form of ``site`` with its domain rows set to ``rows``
    ({host: "primary" | "alias" | "delete"}) and ``extra`` new hosts (the first primary
    if ``rows`` names none)."""
    url = f"/tenants/tenant/{site.pk}/change/"
    data = _change_form_data(operator_client.get(url, **CONSOLE))
    total = int(data["domains-TOTAL_FORMS"])
    for i in range(total):
        host = data.get(f"domains-{i}-domain")
        if host in rows:
            data.pop(f"domains-{i}-is_primary", None)
            if rows[host] == "primary":
                data[f"domains-{i}-is_primary"] = "on"
            elif rows[host] == "delete":
                data[f"domains-{i}-DELETE"] = "on"
    initial = int(data["domains-INITIAL_FORMS"])
    for n, host in enumerate(extra):
        data[f"domains-{initial + n}-domain"] = host
        data[f"domains-{initial + n}-tenant"] = str(site.pk)
        if "primary" not in rows.values() and n == 0:
            data[f"domains-{initial + n}-is_primary"] = "on"
    data["domains-TOTAL_FORMS"] = str(initial + max(len(extra), 1))
    return url, data


def test_a_new_primary_domain_keeps_the_old_one_redirecting(
    operator_client, sites, django_capture_on_commit_callbacks
):
    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):  # the request's commit
            return operator_client.post(url, data, **CONSOLE)

    url, data = _domain_form(
        operator_client, sites.beta, {"beta.test": "alias"}, extra=["xa-beta.gov.test"]
    )
    response = post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    old = visit("/tin-tuc/?page=2", "beta.test")
    assert old.status_code == 301
    assert old["Location"] == "http://xa-beta.gov.test:8000/tin-tuc/?page=2"
    assert visit("/", "xa-beta.gov.test").status_code == 200
    with in_site(sites.beta):
        assert Site.objects.get(is_default_site=True).hostname == "xa-beta.gov.test"
    event = AuditEvent.objects.get(action="site.domains_changed", site_key="beta")
    assert event.actor == "vanhanh"
    assert event.details["before"] == [["beta.test", True]]
    assert event.details["after"] == [["xa-beta.gov.test", True], ["beta.test", False]]
    assert (event.details["primary_before"], event.details["primary_after"]) == (
        "beta.test",
        "xa-beta.gov.test",
    )

    # back to the first domain (saved before the current primary: demoted first),
    # then the alias removed: its URLs are then unknown
    url, data = _domain_form(
        operator_client, sites.beta, {"beta.test": "primary", "xa-beta.gov.test": "alias"}
    )
    assert post(url, data).status_code == 302
    assert visit("/", "xa-beta.gov.test")["Location"] == "http://beta.test:8000/"
    url, data = _domain_form(operator_client, sites.beta, {"xa-beta.gov.test": "delete"})
    assert post(url, data).status_code == 302
    assert visit("/", "xa-beta.gov.test").status_code == 404
    assert list(Domain.objects.filter(tenant=sites.beta).values_list("domain", "is_primary")) == [
        ("beta.test", True)
    ]
    assert AuditEvent.objects.filter(action="site.domains_changed", site_key="beta").count() == 3


def test_a_saved_domain_cannot_be_renamed_in_place(operator_client, sites):
    url, data = _domain_form(operator_client, sites.beta, {})
    [key] = [k for k, v in data.items() if v == "beta.test"]
    data[key] = "khac.test"
    assert operator_client.post(url, data, **CONSOLE).status_code == 302
    assert list(Domain.objects.filter(tenant=sites.beta).values_list("domain", flat=True)) == [
        "beta.test"
    ]
    assert not AuditEvent.objects.filter(action="site.domains_changed").exists()
