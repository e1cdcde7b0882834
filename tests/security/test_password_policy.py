"""Password policy: at least PASSWORD_MIN_LENGTH characters, no reuse of the last
PASSWORD_HISTORY_COUNT passwords (refused in Vietnamese), a password older than
PASSWORD_MAX_AGE_DAYS sends the user to the change-password form first; the
one-time set-password link still works."""

from datetime import timedelta

import pytest
from accounts.models import PasswordHistory

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.conftest import in_site
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

FIRST = "Mat-khau-dau-tien-2026"
SECOND = "Mat-khau-thu-hai-2026!"


def _user(site):
    """A user of ``site`` whose password FIRST was set (and recorded) as a person does
    (``create_user`` stores the hash without Django's password_changed hook)."""
    with in_site(site):
        user = get_user_model().objects.create_user(
            "nguoidung",
            email="nguoidung@alpha.test",
            first_name="Văn",
            last_name="Nguyễn",
            is_superuser=True,
        )
        user.set_password(FIRST)
        user.save()
        return user


def _signed_in(site, user):
    client = Client()
    with in_site(site):
        verified_login(client, user)
    return client


def _account_form(client) -> dict:
    """The fields of the account page's form as the browser would send them."""
    from bs4 import BeautifulSoup

    page = client.get("/admin/account/", HTTP_HOST="alpha.test")
    assert page.status_code == 200
    form = (
        BeautifulSoup(page.content, "html.parser")
        .find("input", attrs={"name": "password-old_password"})
        .find_parent("form")
    )
    data = {}
    for field in form.find_all(["input", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def _change(client, old, new):
    data = _account_form(client)
    data.update(
        {
            "password-old_password": old,
            "password-new_password1": new,
            "password-new_password2": new,
        }
    )
    return client.post("/admin/account/", data, HTTP_HOST="alpha.test")


def test_short_passwords_are_refused(sites):
    with in_site(sites.alpha), pytest.raises(ValidationError):
        validate_password("Ngan-qua-1")  # 10 characters


def test_a_recent_password_is_refused_in_vietnamese(sites):
    user = _user(sites.alpha)
    client = _signed_in(sites.alpha, user)
    assert _change(client, FIRST, SECOND).status_code == 302

    response = _change(client, SECOND, FIRST)

    assert response.status_code == 200
    assert "trùng với một trong 5 mật khẩu gần đây nhất" in response.content.decode()
    with in_site(sites.alpha):
        user.refresh_from_db()
        assert user.check_password(SECOND)
        assert PasswordHistory.objects.filter(user=user).count() == 2


def test_the_current_password_is_refused_too(sites):
    user = _user(sites.alpha)
    with in_site(sites.alpha):
        with pytest.raises(ValidationError) as refused:
            validate_password(FIRST, user)
        # also for an account whose password was set before the history began
        PasswordHistory.objects.filter(user=user).delete()
        with pytest.raises(ValidationError):
            validate_password(FIRST, user)
    assert refused.value.error_list[0].code == "password_reused"


def test_the_history_keeps_only_what_the_policy_needs(sites):
    user = _user(sites.alpha)
    with in_site(sites.alpha):
        for number in range(7):
            user.set_password(f"Mat-khau-so-{number}-lan-doi")
            user.save()
        assert PasswordHistory.objects.filter(user=user).count() == 5
        # the sixth-newest is allowed again
        validate_password("Mat-khau-so-1-lan-doi", user)
        with pytest.raises(ValidationError):
            validate_password("Mat-khau-so-2-lan-doi", user)


def test_an_expired_password_redirects_to_the_change_page(sites, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    user = _user(sites.alpha)
    with in_site(sites.alpha):
        PasswordHistory.objects.filter(user=user).update(
            created_at=timezone.now() - timedelta(days=91)
        )
    client = _signed_in(sites.alpha, user)

    response = client.get("/admin/pages/", HTTP_HOST="alpha.test")

    assert response.status_code == 302
    assert response["Location"] == "/admin/account/#password"
    page = client.get("/admin/account/", HTTP_HOST="alpha.test")
    assert page.status_code == 200
    assert "cần đổi mật khẩu" in page.content.decode()
    # visitors' pages are not held back
    assert client.get("/", HTTP_HOST="alpha.test").status_code == 200

    assert _change(client, FIRST, SECOND).status_code == 302
    assert client.get("/admin/pages/", HTTP_HOST="alpha.test").status_code == 200


def test_max_age_zero_disables_the_check(sites, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    user = _user(sites.alpha)
    with in_site(sites.alpha):
        PasswordHistory.objects.filter(user=user).update(
            created_at=timezone.now() - timedelta(days=1000)
        )
    client = _signed_in(sites.alpha, user)
    assert client.get("/admin/", HTTP_HOST="alpha.test").status_code == 200


def test_the_console_sends_an_expired_password_to_its_change_form(sites, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    user = get_user_model().objects.create_superuser("vanhanh-cu", "c@example.vn", FIRST)
    user.set_password(SECOND)
    user.save()
    PasswordHistory.objects.filter(user=user).update(created_at=timezone.now() - timedelta(days=91))
    client = Client()
    verified_login(client, user)
    response = client.get("/", HTTP_HOST="console.localhost")
    assert response.status_code == 302
    assert response["Location"] == "/password_change/"
    assert client.get("/password_change/", HTTP_HOST="console.localhost").status_code == 200


def test_the_set_password_link_still_works_and_is_recorded(sites):
    from provisioning.board import set_password_url

    with in_site(sites.alpha):
        user = get_user_model().objects.get(email="bien_tap_vien@alpha.test")
        assert not user.has_usable_password()
        link = set_password_url(user, "http://alpha.test")
    client = Client()
    path = link.removeprefix("http://alpha.test")
    response = client.get(path, HTTP_HOST="alpha.test")
    assert response.status_code == 302  # to the form under the session's token
    form = response["Location"]
    response = client.post(
        form,
        {"new_password1": SECOND, "new_password2": SECOND},
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302
    with in_site(sites.alpha):
        user.refresh_from_db()
        assert user.check_password(SECOND)
        assert PasswordHistory.objects.filter(user=user).count() == 1


def test_without_history_the_age_runs_from_the_account_creation(sites, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    with in_site(sites.alpha):
        user = get_user_model().objects.create_user(
            "cu",
            password=FIRST,
            is_superuser=True,
            date_joined=timezone.now() - timedelta(days=100),
        )
        assert not PasswordHistory.objects.filter(user=user).exists()
    client = _signed_in(sites.alpha, user)
    assert client.get("/admin/", HTTP_HOST="alpha.test").status_code == 302
