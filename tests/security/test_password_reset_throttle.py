"""The admin's password-reset form sends at most PASSWORD_RESET_LIMIT_PER_EMAIL e-mails
an hour for one address and answers past the limit exactly as when it sends; one
client asking about many addresses is stopped at PASSWORD_RESET_LIMIT_PER_ADDRESS."""

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def _ask(email, address="203.0.113.7"):
    return Client(REMOTE_ADDR=address).post(
        "/admin/password_reset/", {"email": email}, HTTP_HOST="alpha.test"
    )


@pytest.fixture
def member(sites):
    with in_site(sites.alpha):
        return get_user_model().objects.create_user(
            "datlai", email="datlai@alpha.test", password="Mat-khau-dat-lai-2026"
        )


def test_one_mailbox_gets_at_most_three_mails_an_hour(member, settings):
    answers = [_ask("datlai@alpha.test", f"203.0.113.{n}") for n in range(5)]
    # the same answer every time: a script cannot tell it was throttled
    assert {a.status_code for a in answers} == {302}
    assert {a["Location"] for a in answers} == {"/admin/password_reset/done/"}
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    assert all(m.to == ["datlai@alpha.test"] for m in mail.outbox)


def test_one_client_is_stopped_whatever_the_addresses(member, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 2
    for n in range(3):
        _ask(f"khong-co-{n}@alpha.test")
    assert _ask("datlai@alpha.test").status_code == 302
    assert mail.outbox == []
    # another client still gets the member's mail
    _ask("DatLai@alpha.test", "198.51.100.9")
    assert len(mail.outbox) == 1
