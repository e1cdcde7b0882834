"""Changing a site's board from the console after it is created: add a member (who
gets a one-time link), change a role, disable and re-enable an account, send a new
link, each posted to its own URL; each change is in the audit trail, a refused one
changes nothing."""

import re

import pytest
from django_tenants.utils import schema_context

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from provisioning import board
from tenants.models import AuditEvent

pytestmark = pytest.mark.django_db
CONSOLE = {"HTTP_HOST": "console.localhost"}


def board_url(site, *parts):
    """The board's page of ``site``, or one of its changes: ``board_url(site, "add")``,
    ``board_url(site, username, "role")`` (also ``disable``, ``enable``, ``link``)."""
    return f"/tenants/tenant/{site.pk}/board/" + "".join(f"{part}/" for part in parts)


def events(site, action):
    return list(
        AuditEvent.objects.filter(site_key=site.slug, action=action).values_list("actor", "details")
    )


def test_the_board_page_lists_the_members_with_their_roles(operator_client, sites):
    page = operator_client.get(board_url(sites.beta), **CONSOLE)
    assert page.status_code == 200
    text = page.content.decode()
    for role in board.roles().values():
        assert role["name"] in text
    assert "phong_vien@beta.test" in text and "Chưa đặt mật khẩu" in text
    # the site's page in the console links to it
    change = operator_client.get(f"/tenants/tenant/{sites.beta.pk}/change/", **CONSOLE)
    assert board_url(sites.beta) in change.content.decode()


def test_each_change_posts_to_its_own_url_and_nothing_else_changes_the_board(
    operator_client, sites
):
    username = "phong_vien@beta.test"
    page = operator_client.get(board_url(sites.beta), **CONSOLE).content.decode()
    for parts in [("add",), (username, "role"), (username, "disable"), (username, "link")]:
        url = board_url(sites.beta, *parts)
        assert f'action="{url}"' in page
        assert operator_client.get(url, **CONSOLE).status_code == 405
    enable = board_url(sites.beta, username, "enable")  # shown for a disabled account
    assert operator_client.get(enable, **CONSOLE).status_code == 405
    # the page itself only shows the board
    response = operator_client.post(
        board_url(sites.beta), {"op": "disable", "username": username}, **CONSOLE
    )
    assert response.status_code == 405
    assert not AuditEvent.objects.filter(action__startswith="board.").exists()


def test_an_added_member_sets_a_password_and_logs_in_to_that_site_only(
    operator_client, sites, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            board_url(sites.beta, "add"),
            {
                "add-name": "Hoàng Thị Mai",
                "add-email": "Mai.HT@beta.test",
                "add-role": "bien_tap_vien",
            },
            **CONSOLE,
        )
    assert response.status_code == 302
    assert events(sites.beta, "board.member_added") == [
        (
            "vanhanh",
            {"username": "mai.ht@beta.test", "email": "mai.ht@beta.test", "role": "bien_tap_vien"},
        )
    ]
    (message,) = mail.outbox
    assert message.to == ["mai.ht@beta.test"] and "Biên tập viên" in message.body
    with schema_context(sites.beta.schema_name):
        user = get_user_model().objects.get(username="mai.ht@beta.test")
        assert board.member_role(user) == "bien_tap_vien"
        assert user.get_full_name() == "Hoàng Thị Mai" and not user.has_usable_password()

    client = Client()
    link = re.search(
        r"http://beta\.test(?::8000)?(/admin/password_reset/confirm/\S+)", message.body
    ).group(1)
    form_url = client.get(link, HTTP_HOST="beta.test")["Location"]
    password = "Mat-khau-cua-Mai-2026"
    response = client.post(
        form_url, {"new_password1": password, "new_password2": password}, HTTP_HOST="beta.test"
    )
    assert response.status_code == 302
    login = {"username": "mai.ht@beta.test", "password": password}
    assert client.post("/admin/login/", login, HTTP_HOST="beta.test")["Location"] == "/admin/"
    client.logout()
    assert client.post("/admin/login/", login, HTTP_HOST="alpha.test").status_code == 200


def test_bad_or_duplicate_members_are_refused_and_nothing_changes(operator_client, sites):
    for data, expected in [
        (
            {"add-name": "A", "add-email": "khong-phai-thu", "add-role": "thu_ky"},
            "Kiểm tra lại thông tin",
        ),
        (
            {"add-name": "B", "add-email": "PHONG_VIEN@beta.test", "add-role": "thu_ky"},
            "Trang đã có tài khoản phong_vien@beta.test",
        ),
    ]:
        response = operator_client.post(board_url(sites.beta, "add"), data, **CONSOLE, follow=True)
        assert expected in response.content.decode()
    assert not AuditEvent.objects.filter(action__startswith="board.").exists()
    assert not mail.outbox
    with schema_context(sites.beta.schema_name):
        assert get_user_model().objects.count() == len(board.roles())


def test_a_role_change_moves_the_member_between_groups(operator_client, sites):
    response = operator_client.post(
        board_url(sites.beta, "phong_vien@beta.test", "role"),
        {"role": "bien_tap_vien"},
        **CONSOLE,
    )
    assert response.status_code == 302
    with schema_context(sites.beta.schema_name):
        user = get_user_model().objects.get(username="phong_vien@beta.test")
        assert [g.name for g in user.groups.all()] == [board.roles()["bien_tap_vien"]["name"]]
    assert events(sites.beta, "board.role_changed") == [
        (
            "vanhanh",
            {
                "username": "phong_vien@beta.test",
                "previous_role": "phong_vien",
                "role": "bien_tap_vien",
            },
        )
    ]
    # an unknown role or account is refused with a message
    page = operator_client.post(
        board_url(sites.beta, "phong_vien@beta.test", "role"),
        {"role": "giam_doc"},
        **CONSOLE,
        follow=True,
    ).content.decode()
    assert "Vai trò “giam_doc” không có" in page
    page = operator_client.post(
        board_url(sites.beta, "ai-do@beta.test", "role"),
        {"role": "thu_ky"},
        **CONSOLE,
        follow=True,
    ).content.decode()
    assert "Trang không có tài khoản “ai-do@beta.test”" in page


def test_a_disabled_account_cannot_log_in_until_enabled_again(
    operator_client, sites, django_capture_on_commit_callbacks
):
    client = Client()
    with schema_context(sites.beta.schema_name):
        user = get_user_model().objects.get(username="thu_ky@beta.test")
        user.set_password("Mat-khau-thu-ky-2026")
        user.save()
    login = {"username": "thu_ky@beta.test", "password": "Mat-khau-thu-ky-2026"}
    operator_client.post(board_url(sites.beta, "thu_ky@beta.test", "disable"), **CONSOLE)
    assert client.post("/admin/login/", login, HTTP_HOST="beta.test").status_code == 200
    # a disabled account gets no link either
    page = operator_client.post(
        board_url(sites.beta, "thu_ky@beta.test", "link"), **CONSOLE, follow=True
    ).content.decode()
    assert "đang bị vô hiệu hoá" in page and not mail.outbox

    operator_client.post(board_url(sites.beta, "thu_ky@beta.test", "enable"), **CONSOLE)
    assert client.post("/admin/login/", login, HTTP_HOST="beta.test")["Location"] == "/admin/"
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(board_url(sites.beta, "thu_ky@beta.test", "link"), **CONSOLE)
    assert mail.outbox[0].to == ["thu_ky@beta.test"] and "Mat-khau" not in mail.outbox[0].body
    assert list(
        AuditEvent.objects.filter(site_key="beta", action__startswith="board.")
        .order_by("at")
        .values_list("action", flat=True)
    ) == ["board.member_disabled", "board.member_enabled", "board.link_sent"]


def test_a_site_webmaster_cannot_open_the_console(client, sites):
    with schema_context(sites.beta.schema_name):
        admin = get_user_model().objects.get(username="quan_tri@beta.test")
        admin.set_password("Mat-khau-quan-tri-2026")
        admin.save()
    login = {"username": "quan_tri@beta.test", "password": "Mat-khau-quan-tri-2026"}
    assert client.post("/admin/login/", login, HTTP_HOST="beta.test").status_code == 302
    # the site's account does not exist on the console
    assert client.post("/login/", login, **CONSOLE).status_code == 200
    response = client.get(board_url(sites.beta), **CONSOLE)
    assert response.status_code == 302 and "/login/" in response["Location"]
