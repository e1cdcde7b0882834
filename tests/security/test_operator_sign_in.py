"""Operators enter a site's admin only through the console's one-time link
(docs/security.md, "Người vận hành vào trang quản trị"): signed, at most 5 minutes
old, for that site, used once; it signs in the operator's service account of the
site (no usable password, never by password) for OPERATOR_SESSION_SECONDS, and the
sign-in is in the audit trail and on the site's own page of operator sign-ins."""

import time
from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from accounts import operator
from accounts.models import OperatorAccount

from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenants.db import connection
from tenants.models import AuditEvent, OperatorSignIn
from tests.conftest import in_site
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

CONSOLE = "console.localhost"


@pytest.fixture
def console_client(sites):
    connection.set_schema_to_public()  # provisioning the sites may have left another
    user = get_user_model().objects.create_superuser("vanhanh", "v@example.vn", "mat-khau-van-hanh")
    client = Client()
    verified_login(client, user)
    return client


def issue_link(console_client, site) -> str:
    """POST the console's button; returns the path of the link on the site."""
    url = reverse(
        "console:tenants_tenant_operator_sign_in", args=[site.pk], urlconf="config.urls_console"
    )
    response = console_client.post(url, HTTP_HOST=CONSOLE)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.hostname == "alpha.test" if site.slug == "alpha" else True
    assert target.path.startswith("/admin/operator-sign-in/")
    return target.path


def test_the_console_page_offers_the_button_and_it_answers_only_post(console_client, sites):
    change = console_client.get(
        reverse(
            "console:tenants_tenant_change", args=[sites.alpha.pk], urlconf="config.urls_console"
        ),
        HTTP_HOST=CONSOLE,
    )
    assert "Vào trang quản trị" in change.content.decode()
    url = reverse(
        "console:tenants_tenant_operator_sign_in",
        args=[sites.alpha.pk],
        urlconf="config.urls_console",
    )
    assert console_client.get(url, HTTP_HOST=CONSOLE).status_code == 405
    assert OperatorSignIn.objects.count() == 0
    # not for someone who is not signed in to the console
    assert Client().post(url, HTTP_HOST=CONSOLE).status_code == 302
    assert OperatorSignIn.objects.count() == 0


def test_the_link_signs_in_the_operators_service_account_once(console_client, sites):
    path = issue_link(console_client, sites.alpha)
    entry = OperatorSignIn.objects.get()
    assert (entry.site_key, entry.operator, entry.used_at) == ("alpha", "vanhanh", None)

    site_client = Client()
    response = site_client.get(path, HTTP_HOST="alpha.test", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert site_client.get("/admin/", HTTP_HOST="alpha.test").status_code == 200

    with in_site(sites.alpha):
        user = get_user_model().objects.get(username="vanhanh.vanhanh")
        assert user.is_superuser and user.is_active
        assert not user.has_usable_password()
        assert user.groups.filter(name="Trung tâm vận hành").exists()
        assert OperatorAccount.objects.filter(user=user, operator="vanhanh").exists()
        assert str(user.pk) == site_client.session["_auth_user_id"]
    # the session ends after OPERATOR_SESSION_SECONDS, not moved by activity
    expiry = site_client.session.get_expiry_date()
    assert timedelta(minutes=29) < expiry - timezone.now() <= timedelta(minutes=30)

    entry.refresh_from_db()
    assert entry.used_at is not None and entry.ended_at is not None
    event = AuditEvent.objects.get(action="operator.signed_in")
    assert event.site_key == "alpha"
    assert event.details == {
        "operator": "vanhanh",
        "account": "vanhanh.vanhanh",
        "address": "10.1.2.3",
    }
    assert AuditEvent.objects.filter(action="operator.link_issued", site_key="alpha").exists()

    # used once
    again = Client().get(path, HTTP_HOST="alpha.test")
    assert again.status_code == 403
    assert "đã được sử dụng" in again.content.decode()


def test_a_link_is_refused_on_another_site(console_client, sites):
    path = issue_link(console_client, sites.alpha)
    response = Client().get(path, HTTP_HOST="beta.test")
    assert response.status_code == 403
    assert "không dành cho trang này" in response.content.decode()
    assert OperatorSignIn.objects.get().used_at is None
    with in_site(sites.beta):
        assert not get_user_model().objects.filter(username__startswith="vanhanh.").exists()


def test_a_tampered_link_is_refused(console_client, sites):
    path = issue_link(console_client, sites.alpha)
    token = path.split("/")[-2]
    payload = signing.loads(token, salt=operator.SALT)
    forged = signing.dumps({**payload, "site": "beta"}, salt="another-salt")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "x"):
        response = Client().get(f"/admin/operator-sign-in/{bad}/", HTTP_HOST="alpha.test")
        assert response.status_code == 400
        assert "không hợp lệ" in response.content.decode()
    assert AuditEvent.objects.filter(action="operator.signed_in").count() == 0


def test_an_expired_link_is_refused(console_client, sites):
    path = issue_link(console_client, sites.alpha)
    later = time.time() + 301
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = Client().get(path, HTTP_HOST="alpha.test")
    assert response.status_code == 403
    assert "hết hạn" in response.content.decode()
    assert OperatorSignIn.objects.get().used_at is None


def test_a_link_whose_nonce_was_not_issued_is_refused(sites):
    token = signing.dumps(
        {"site": "alpha", "operator": "vanhanh", "nonce": "khong-co", "iat": int(time.time())},
        salt=operator.SALT,
    )
    response = Client().get(f"/admin/operator-sign-in/{token}/", HTTP_HOST="alpha.test")
    assert response.status_code == 403


def test_the_service_account_never_signs_in_by_password(console_client, sites):
    Client().get(issue_link(console_client, sites.alpha), HTTP_HOST="alpha.test")
    with in_site(sites.alpha):
        user = get_user_model().objects.get(username="vanhanh.vanhanh")
        # even if someone gave it a password
        user.set_password("Mot-mat-khau-dai-2026!")
        user.save()
    client = Client()
    response = client.post(
        "/admin/login/",
        {"username": "vanhanh.vanhanh", "password": "Mot-mat-khau-dai-2026!"},
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session
    # the next one-time sign-in takes the password away again
    Client().get(issue_link(console_client, sites.alpha), HTTP_HOST="alpha.test")
    with in_site(sites.alpha):
        assert not get_user_model().objects.get(username="vanhanh.vanhanh").has_usable_password()


def test_a_board_member_with_the_service_accounts_name_is_not_taken_over(console_client, sites):
    with in_site(sites.alpha):
        get_user_model().objects.create_user("vanhanh.vanhanh", "x@x.test", "Mat-khau-rieng-2026!")
    response = Client().get(issue_link(console_client, sites.alpha), HTTP_HOST="alpha.test")
    assert response.status_code == 403


def test_the_sites_board_sees_the_operators_sign_ins(console_client, sites, editor_client):
    Client().get(
        issue_link(console_client, sites.alpha), HTTP_HOST="alpha.test", REMOTE_ADDR="10.9.8.7"
    )
    admin = editor_client(sites.alpha, role="quan_tri")
    page = admin.get("/admin/trung-tam-van-hanh/", HTTP_HOST="alpha.test")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Lượt truy cập của Trung tâm vận hành" in text
    assert "vanhanh.vanhanh" in text and "10.9.8.7" in text
    assert (
        "/admin/trung-tam-van-hanh/"
        in admin.get("/admin/", HTTP_HOST="alpha.test").content.decode()
    )
    # another site's page does not list it
    other = editor_client(sites.beta, role="quan_tri").get(
        "/admin/trung-tam-van-hanh/", HTTP_HOST="beta.test"
    )
    assert "10.9.8.7" not in other.content.decode()
    # a writer does not see it
    writer = editor_client(sites.alpha, role="phong_vien")
    assert writer.get("/admin/trung-tam-van-hanh/", HTTP_HOST="alpha.test").status_code in (
        302,
        403,
    )
