"""Two-factor sign-in (accounts.two_factor): the roles that approve or publish and the
console's operators must enrol an authenticator at their first sign-in and give its
code (or a recovery code, once) at each sign-in before any admin page works; a
reporter is not forced; the site administrator (and an operator, from the console)
resets a lost device, recorded in the audit trail; devices are per site."""

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.test import Client

from tenants.models import AuditEvent
from tests.conftest import in_site
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

PASSWORD = "Dung-mat-khau-2026!"
HOST = "alpha.test"
VERIFY = "/admin/xac-thuc-hai-buoc/"
ENROL = "/admin/xac-thuc-hai-buoc/dang-ky/"
RESET = "/admin/dat-lai-xac-thuc-hai-buoc/"


def _member(site, role):
    with in_site(site):
        return get_user_model().objects.get(email=f"{role}@{site.slug}.test")


def _password_login(site, role, host=HOST) -> Client:
    """A client signed in with the member's password through the admin's login form."""
    user = _member(site, role)
    with in_site(site):
        user.set_password(PASSWORD)
        user.save()
    client = Client()
    response = client.post(
        "/admin/login/", {"username": user.get_username(), "password": PASSWORD}, HTTP_HOST=host
    )
    assert response.status_code == 302
    return client


def _code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def _enrolled(site, role):
    user = _member(site, role)
    with in_site(site):
        return TOTPDevice.objects.create(user=user, name="điện thoại", confirmed=True)


def test_head_of_board_enrols_at_first_sign_in(sites):
    client = _password_login(sites.alpha, "truong_ban")
    response = client.get("/admin/", HTTP_HOST=HOST)
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)
    # nothing else of the admin either
    assert client.get("/admin/pages/", HTTP_HOST=HOST)["Location"].startswith(ENROL)

    page = client.get(ENROL, HTTP_HOST=HOST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # the QR code, inline
    assert 'id="secret"' in html
    with in_site(sites.alpha):
        device = TOTPDevice.objects.get(user=_member(sites.alpha, "truong_ban"), confirmed=False)

    wrong = client.post(ENROL, {"code": "000000"}, HTTP_HOST=HOST)
    assert wrong.status_code == 200 and "recovery-codes" not in wrong.content.decode()
    with in_site(sites.alpha):
        device.refresh_from_db()
        device.throttle_reset()
    done = client.post(ENROL, {"code": _code(device), "next": "/admin/"}, HTTP_HOST=HOST)
    assert done.status_code == 200
    codes = re.findall(r"<li>(\w+)</li>", done.content.decode())
    assert len(codes) == 10
    with in_site(sites.alpha):
        device.refresh_from_db()
        assert device.confirmed
        assert StaticToken.objects.filter(device__user=device.user).count() == 10

    assert client.get("/admin/", HTTP_HOST=HOST).status_code == 200
    # the enrolment page cannot add a device for someone who has one
    assert client.get(ENROL, HTTP_HOST=HOST).status_code == 302


def test_each_sign_in_asks_for_the_code(sites):
    device = _enrolled(sites.alpha, "truong_ban")
    client = _password_login(sites.alpha, "truong_ban")
    response = client.get("/admin/", HTTP_HOST=HOST)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    # the enrolment page does not let a password alone add a second device
    assert client.get(ENROL, HTTP_HOST=HOST)["Location"].startswith(VERIFY)

    wrong = client.post(VERIFY, {"code": "123456"}, HTTP_HOST=HOST)
    assert wrong.status_code == 200
    assert client.get("/admin/", HTTP_HOST=HOST).status_code == 302
    with in_site(sites.alpha):
        device.refresh_from_db()
        device.throttle_reset()

    right = client.post(VERIFY, {"code": _code(device), "next": "/admin/"}, HTTP_HOST=HOST)
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/", HTTP_HOST=HOST).status_code == 200


def test_a_recovery_code_works_once(sites):
    device = _enrolled(sites.alpha, "pho_truong_ban")
    with in_site(sites.alpha):
        static = StaticDevice.objects.create(user=device.user, name="dự phòng", confirmed=True)
        static.token_set.create(token="abcd1234")

    first = _password_login(sites.alpha, "pho_truong_ban")
    assert first.post(VERIFY, {"code": "abcd1234"}, HTTP_HOST=HOST).status_code == 302
    assert first.get("/admin/", HTTP_HOST=HOST).status_code == 200

    second = _password_login(sites.alpha, "pho_truong_ban")
    assert second.post(VERIFY, {"code": "abcd1234"}, HTTP_HOST=HOST).status_code == 200
    assert second.get("/admin/", HTTP_HOST=HOST)["Location"].startswith(VERIFY)


@pytest.mark.parametrize("role", ["quan_tri", "thu_ky"])
def test_other_required_roles(sites, role):
    client = _password_login(sites.alpha, role)
    assert client.get("/admin/", HTTP_HOST=HOST)["Location"].startswith(ENROL)


def test_a_reporter_is_not_forced(sites):
    client = _password_login(sites.alpha, "phong_vien")
    assert client.get("/admin/", HTTP_HOST=HOST).status_code == 200
    # but may enrol, and is then asked like everyone else
    assert client.get(ENROL, HTTP_HOST=HOST).status_code == 200
    _enrolled(sites.alpha, "phong_vien")
    later = _password_login(sites.alpha, "phong_vien")
    assert later.get("/admin/", HTTP_HOST=HOST)["Location"].startswith(VERIFY)


def test_the_site_administrator_resets_a_lost_device(sites):
    device = _enrolled(sites.alpha, "truong_ban")
    admin = Client()
    with in_site(sites.alpha):
        verified_login(admin, _member(sites.alpha, "quan_tri"))
    listing = admin.get(RESET, HTTP_HOST=HOST)
    assert listing.status_code == 200
    username = device.user.get_username()
    assert username in listing.content.decode()

    response = admin.post(RESET, {"username": username}, HTTP_HOST=HOST)
    assert response.status_code == 302
    with in_site(sites.alpha):
        assert not TOTPDevice.objects.filter(user=device.user).exists()
    event = AuditEvent.objects.get(action="accounts.two_factor_reset", site_key=sites.alpha.slug)
    assert event.details["username"] == username
    assert event.actor == _member(sites.alpha, "quan_tri").get_username()
    # the member enrols again at the next sign-in
    client = _password_login(sites.alpha, "truong_ban")
    assert client.get("/admin/", HTTP_HOST=HOST)["Location"].startswith(ENROL)


def test_only_the_site_administrator_resets(sites):
    _enrolled(sites.alpha, "truong_ban")
    reporter = Client()
    with in_site(sites.alpha):
        verified_login(reporter, _member(sites.alpha, "phong_vien"))
    assert reporter.get(RESET, HTTP_HOST=HOST).status_code in (302, 403)
    username = _member(sites.alpha, "truong_ban").get_username()
    assert reporter.post(RESET, {"username": username}, HTTP_HOST=HOST).status_code in (302, 403)
    with in_site(sites.alpha):
        assert TOTPDevice.objects.filter(user__username=username).exists()
    # the administrator does not reset another administrator's (the console does)
    admin = Client()
    with in_site(sites.alpha):
        quan_tri = _member(sites.alpha, "quan_tri")
        other = get_user_model().objects.create_user("quantri-2", "q2@alpha.test", PASSWORD)
        other.groups.set(quan_tri.groups.all())
        TOTPDevice.objects.create(user=other, name="x", confirmed=True)
        verified_login(admin, quan_tri)
    admin.post(RESET, {"username": "quantri-2"}, HTTP_HOST=HOST)
    with in_site(sites.alpha):
        assert TOTPDevice.objects.filter(user=other).exists()


def test_console_operators_must_use_two_factor(sites):
    get_user_model().objects.create_superuser("vanhanh-2fa", "v@example.vn", PASSWORD)
    client = Client()
    login = client.post(
        "/login/",
        {"username": "vanhanh-2fa", "password": PASSWORD, "next": "/"},
        HTTP_HOST="console.localhost",
    )
    assert login.status_code == 302
    response = client.get("/", HTTP_HOST="console.localhost")
    assert response.status_code == 302
    assert response["Location"].startswith("/xac-thuc-hai-buoc/dang-ky/")
    assert (
        client.get("/xac-thuc-hai-buoc/dang-ky/", HTTP_HOST="console.localhost").status_code == 200
    )
    device = TOTPDevice.objects.get(user__username="vanhanh-2fa", confirmed=False)
    done = client.post(
        "/xac-thuc-hai-buoc/dang-ky/", {"code": _code(device)}, HTTP_HOST="console.localhost"
    )
    assert done.status_code == 200
    assert client.get("/", HTTP_HOST="console.localhost").status_code == 200

    # the next sign-in asks for the code
    again = Client()
    again.post(
        "/login/", {"username": "vanhanh-2fa", "password": PASSWORD}, HTTP_HOST="console.localhost"
    )
    assert again.get("/", HTTP_HOST="console.localhost")["Location"].startswith(
        "/xac-thuc-hai-buoc/"
    )


def test_an_operator_resets_a_site_administrators_device(sites):
    operator_client = Client()
    verified_login(
        operator_client,
        get_user_model().objects.create_superuser("vanhanh", "v@example.vn", PASSWORD),
    )
    device = _enrolled(sites.alpha, "quan_tri")
    username = device.user.get_username()
    board = operator_client.get(
        f"/tenants/tenant/{sites.alpha.pk}/board/", HTTP_HOST="console.localhost"
    )
    assert "Đặt lại xác thực hai bước" in board.content.decode()
    response = operator_client.post(
        f"/tenants/tenant/{sites.alpha.pk}/board/{username}/two-factor/",
        HTTP_HOST="console.localhost",
    )
    assert response.status_code == 302
    with in_site(sites.alpha):
        assert not TOTPDevice.objects.filter(user__username=username).exists()
    event = AuditEvent.objects.get(action="board.two_factor_reset", site_key=sites.alpha.slug)
    assert event.details == {"username": username, "devices": 1}
    assert event.actor == "vanhanh"


def test_devices_are_per_site(sites):
    device = _enrolled(sites.alpha, "truong_ban")
    assert not TOTPDevice.objects.filter(pk=device.pk, user__username=device.user.username).exists()
    with in_site(sites.beta):
        assert not TOTPDevice.objects.filter(user__email="truong_ban@alpha.test").exists()
        assert not TOTPDevice.objects.exists()
    # beta's head of board must still enrol on beta
    client = _password_login(sites.beta, "truong_ban", host="beta.test")
    assert client.get("/admin/", HTTP_HOST="beta.test")["Location"].startswith(ENROL)


def test_an_optional_member_finds_the_enrolment_on_their_account_page(sites):
    reporter = _password_login(sites.alpha, "phong_vien")
    page = reporter.get("/admin/account/", HTTP_HOST=HOST)
    assert page.status_code == 200
    assert ENROL in page.content.decode()
