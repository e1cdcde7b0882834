"""The console's new-site form: checked before anything is queued, then a Celery job
provisions the site while its page shows the steps."""

import pytest

from django.core import mail

from provisioning.models import ProvisioningJob
from tenants.models import AuditEvent, Tenant

pytestmark = pytest.mark.django_db
CONSOLE = {"HTTP_HOST": "console.localhost"}


def request_form(**overrides):
    data = {
        "name": "Xã Thử Nghiệm",
        "name_en": "Thu Nghiem Commune",
        "slug_field": "xa_thu",
        "kind": "commune",
        "parent": "alpha",
        "domains": "xathu.test\nthu.alpha.test",
        "theme": "",
        "members": "truong_ban, tb@xathu.test, Nguyễn Thị Hoa\n"
        "phong_vien, pv@xathu.test, Lò Văn Páo",
    }
    data.update(overrides)
    return data


def test_the_tenant_add_button_leads_to_the_request_form(operator_client):
    response = operator_client.get("/tenants/tenant/add/", **CONSOLE)
    assert response.status_code == 302
    form = operator_client.get(response["Location"], **CONSOLE)
    assert form.status_code == 200 and "Ban Biên tập" in form.content.decode()


def test_bad_requests_are_refused_in_vietnamese_and_queue_nothing(operator_client):
    response = operator_client.post(
        "/provisioning/provisioningjob/add/",
        request_form(
            parent="gamma",
            domains="beta.test",
            members="giam_doc, khong-phai-thu",
        ),
        **CONSOLE,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "không thể trực thuộc" in text
    assert "đã được trang" in text
    assert "không phải là địa chỉ thư điện tử hợp lệ" in text
    assert "Vai trò “giam_doc”" in text
    response = operator_client.post(
        "/provisioning/provisioningjob/add/", request_form(members=""), **CONSOLE
    )
    assert (
        "Trường này là bắt buộc." in response.content.decode()
        or "This field is required." in response.content.decode()
    )
    assert not ProvisioningJob.objects.exists()
    assert not Tenant.objects.filter(slug="xa_thu").exists()


def test_a_request_becomes_a_job_that_provisions_the_site(
    operator_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            "/provisioning/provisioningjob/add/", request_form(), **CONSOLE
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    job = ProvisioningJob.objects.get()
    assert response["Location"].endswith(f"/provisioning/provisioningjob/{job.pk}/change/")
    assert job.status == "succeeded", job.error
    assert [step for step, _seconds in job.steps] == [
        "validate",
        "schema",
        "skeleton",
        "board",
        "activate",
    ]
    assert job.created_by == "vanhanh"

    page = operator_client.get(response["Location"], **CONSOLE).content.decode()
    assert "đã sẵn sàng" in page and 'http-equiv="refresh"' not in page
    site = Tenant.objects.get(slug="xa_thu")
    assert (site.status, site.languages) == ("active", ["vi", "en"])
    assert AuditEvent.objects.get(action="site.created", site_key="xa_thu").actor == "vanhanh"
    assert sorted(m.to[0] for m in mail.outbox) == ["pv@xathu.test", "tb@xathu.test"]
    home = client.get("/", HTTP_HOST="xathu.test")
    assert home.status_code == 200 and "Xã Thử Nghiệm" in home.content.decode()


def test_a_job_that_fails_keeps_its_reason_and_leaves_no_site(
    operator_client, django_capture_on_commit_callbacks, monkeypatch
):
    from provisioning import skeleton

    def broken(tenant):
        raise RuntimeError("khung trang hỏng")

    monkeypatch.setattr(skeleton, "build", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            "/provisioning/provisioningjob/add/", request_form(), **CONSOLE
        )
    job = ProvisioningJob.objects.get()
    assert job.status == "failed" and "khung trang hỏng" in job.error
    assert not Tenant.objects.filter(slug="xa_thu").exists()
    page = operator_client.get(response["Location"], **CONSOLE).content.decode()
    assert "Khởi tạo thất bại" in page and "khung trang hỏng" in page
