"""Sign-in throttling (django-axes), per site: the 6th wrong password is refused with
the Vietnamese 429 page even with the right password, the site administrator unlocks
it, a lockout on one site does not lock the same username on another, and the
console locks its own accounts."""

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import in_site

pytestmark = pytest.mark.django_db

PASSWORD = "Dung-mat-khau-2026!"
LOGIN = "/admin/login/"


def _make_user(site, username="chung@cung-ten.test"):
    with in_site(site):
        return get_user_model().objects.create_user(
            username, email=username, password=PASSWORD, is_superuser=True
        )


def _login(client, host, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, HTTP_HOST=host)


def _lock(client, host, username):
    """AXES_FAILURE_LIMIT wrong passwords: the last one locks (and already answers 429)."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, host, username, "sai-mat-khau")
        assert response.status_code == 200
    assert _login(client, host, username, "sai-mat-khau").status_code == 429


def test_sixth_attempt_is_refused_even_with_the_right_password(sites):
    _make_user(sites.alpha)
    client = Client()
    _lock(client, "alpha.test", "chung@cung-ten.test")

    response = _login(client, "alpha.test", "chung@cung-ten.test", PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "tạm thời bị khóa" in page
    assert "Quản trị trang" in page
    assert "_auth_user_id" not in client.session


def test_the_site_administrator_unlocks_and_the_user_signs_in(sites, editor_client):
    _make_user(sites.alpha)
    client = Client()
    _lock(client, "alpha.test", "chung@cung-ten.test")
    assert _login(client, "alpha.test", "chung@cung-ten.test", PASSWORD).status_code == 429

    admin = editor_client(sites.alpha, role="quan_tri")
    listing = admin.get("/admin/tai-khoan-bi-khoa/", HTTP_HOST="alpha.test")
    assert listing.status_code == 200
    assert "chung@cung-ten.test" in listing.content.decode()
    assert "Mở khóa" in listing.content.decode()
    # the settings menu offers it to the site administrator
    assert (
        "/admin/tai-khoan-bi-khoa/" in admin.get("/admin/", HTTP_HOST="alpha.test").content.decode()
    )

    response = admin.post(
        "/admin/tai-khoan-bi-khoa/",
        {"username": "chung@cung-ten.test"},
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302

    from tenants.models import AuditEvent

    event = AuditEvent.objects.get(action="accounts.unlock")
    assert event.site_key == "alpha"
    assert event.details["username"] == "chung@cung-ten.test"

    response = _login(client, "alpha.test", "chung@cung-ten.test", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_only_the_site_administrator_may_unlock(sites, editor_client):
    reporter = editor_client(sites.alpha, role="phong_vien")
    assert reporter.get("/admin/tai-khoan-bi-khoa/", HTTP_HOST="alpha.test").status_code in (
        302,
        403,
    )
    assert reporter.post(
        "/admin/tai-khoan-bi-khoa/", {"username": "x"}, HTTP_HOST="alpha.test"
    ).status_code in (302, 403)
    assert (
        "/admin/tai-khoan-bi-khoa/"
        not in reporter.get("/admin/", HTTP_HOST="alpha.test").content.decode()
    )


def test_a_lockout_on_one_site_does_not_lock_another(sites):
    _make_user(sites.alpha)
    _make_user(sites.beta)
    client = Client()
    _lock(client, "alpha.test", "chung@cung-ten.test")
    assert _login(client, "alpha.test", "chung@cung-ten.test", PASSWORD).status_code == 429

    # same username, same address, another site: its own count, untouched
    response = _login(Client(), "beta.test", "chung@cung-ten.test", PASSWORD)
    assert response.status_code == 302

    from axes.models import AccessAttempt

    with in_site(sites.beta):
        assert not AccessAttempt.objects.filter(username="chung@cung-ten.test").exists()
    with in_site(sites.alpha):
        assert AccessAttempt.objects.filter(username="chung@cung-ten.test").exists()


def test_a_success_resets_the_count(sites):
    _make_user(sites.alpha)
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "alpha.test", "chung@cung-ten.test", "sai-mat-khau")
    assert _login(client, "alpha.test", "chung@cung-ten.test", PASSWORD).status_code == 302
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "alpha.test", "chung@cung-ten.test", "sai").status_code == 200


def test_the_console_locks_its_own_accounts(sites):
    get_user_model().objects.create_superuser("vanhanh-khoa", "k@example.vn", PASSWORD)
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/login/",
            {"username": "vanhanh-khoa", "password": "sai-mat-khau"},
            HTTP_HOST="console.localhost",
        )
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT - 1 else 200)
    response = client.post(
        "/login/",
        {"username": "vanhanh-khoa", "password": PASSWORD},
        HTTP_HOST="console.localhost",
    )
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()

    # the same username on a site is not locked by the console's count
    _make_user(sites.alpha, "vanhanh-khoa")
    assert _login(Client(), "alpha.test", "vanhanh-khoa", PASSWORD).status_code == 302


def test_forwarded_for_is_trusted_only_when_configured(rf, settings):
    from accounts.lockout import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    settings.AXES_IPWARE_PROXY_COUNT = None
    assert client_ip(request) == "10.0.0.1"
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"


def test_a_username_guessed_from_many_addresses_is_locked(sites, editor_client):
    """Per account: AXES_ACCOUNT_FAILURE_LIMIT wrong passwords from different addresses
    (each below the per-address limits) lock the username everywhere."""
    _make_user(sites.alpha)
    client = Client()
    limit = settings.AXES_ACCOUNT_FAILURE_LIMIT
    for attempt in range(limit):
        response = client.post(
            LOGIN,
            {"username": "chung@cung-ten.test", "password": "sai-mat-khau"},
            HTTP_HOST="alpha.test",
            REMOTE_ADDR=f"203.0.113.{attempt % 4 + 1}",
        )
        assert response.status_code == (429 if attempt == limit - 1 else 200), attempt
    right = client.post(
        LOGIN,
        {"username": "chung@cung-ten.test", "password": PASSWORD},
        HTTP_HOST="alpha.test",
        REMOTE_ADDR="198.51.100.7",
    )
    assert right.status_code == 429
    # the site administrator sees it, from many addresses, and unlocks it
    admin = editor_client(sites.alpha, role="quan_tri")
    page = admin.get("/admin/tai-khoan-bi-khoa/", HTTP_HOST="alpha.test").content.decode()
    assert "chung@cung-ten.test" in page and "nhiều địa chỉ" in page
    admin.post(
        "/admin/tai-khoan-bi-khoa/", {"username": "chung@cung-ten.test"}, HTTP_HOST="alpha.test"
    )
    again = client.post(
        LOGIN,
        {"username": "chung@cung-ten.test", "password": PASSWORD},
        HTTP_HOST="alpha.test",
        REMOTE_ADDR="198.51.100.7",
    )
    assert again.status_code == 302


def test_an_address_trying_many_usernames_is_locked_at_its_own_higher_limit(sites):
    """Per address: an office behind one address may make more mistakes in total than one
    account may (AXES_ADDRESS_FAILURE_LIMIT), then the address is locked."""
    _make_user(sites.alpha)
    client = Client()
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    for attempt in range(limit):
        response = client.post(
            LOGIN,
            {"username": f"nguoi-{attempt}@x.test", "password": "sai-mat-khau"},
            HTTP_HOST="alpha.test",
            REMOTE_ADDR="192.0.2.50",
        )
        assert response.status_code == (429 if attempt == limit - 1 else 200), attempt
    other = client.post(
        LOGIN,
        {"username": "chung@cung-ten.test", "password": PASSWORD},
        HTTP_HOST="alpha.test",
        REMOTE_ADDR="192.0.2.51",
    )
    assert other.status_code == 302  # another address is not affected


def test_the_unlock_page_is_in_english_for_an_administrator_who_chose_english(sites, editor_client):
    from wagtail.users.models import UserProfile

    admin = editor_client(sites.alpha, role="quan_tri")
    with in_site(sites.alpha):
        user = get_user_model().objects.get(email="quan_tri@alpha.test")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
    page = admin.get("/admin/tai-khoan-bi-khoa/", HTTP_HOST="alpha.test").content.decode()
    assert "Accounts locked out of sign-in" in page
    assert "No account is locked." in page
