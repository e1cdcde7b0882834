"""What keeps admin pages fast without changing what they show: a user's groups are
read once per request (the board-role checks of menu items, panels and two-factor
sign-in), each admin menu's items are decided once per request
(``core.patches.admin_menu``) and the questions inbox writes its cells without a
template each (docs/admin.md, "Speed")."""

import datetime
import json
import re

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation.models import Submission
from participation.models.submission import Kind, State
from provisioning.board import group_names, has_role, member_role, roles
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def menu_labels(html: str) -> str:
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    return json.dumps(json.loads(props.group(1)), ensure_ascii=False)


def test_an_admin_page_reads_the_users_groups_once_and_shows_the_same_menu(sites, editor_client):
    head = editor_client(sites.alpha, role="truong_ban")
    head.get("/admin/hoi-dap/", HTTP_HOST="alpha.test")
    with CaptureQueriesContext(connection) as queries:
        response = head.get("/admin/hoi-dap/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    group_reads = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "auth_group" INNER JOIN "auth_user_groups"' in q["sql"]
    ]
    assert len(group_reads) == 1, group_reads
    menu = menu_labels(response.content.decode())
    # the head: the personal data (participation.personal_data.ROLES) and the board's
    # menu, not the unlocking of sign-ins (the site administrator's)
    assert "Dữ liệu cá nhân người gửi" in menu and "Ủy quyền" in menu
    assert "Tài khoản bị khóa" not in menu and "Xác thực hai bước" not in menu
    admin_menu = menu_labels(
        editor_client(sites.alpha, role="quan_tri")
        .get("/admin/hoi-dap/", HTTP_HOST="alpha.test")
        .content.decode()
    )
    assert "Tài khoản bị khóa" in admin_menu and "Xác thực hai bước" in admin_menu
    reporter_menu = menu_labels(
        editor_client(sites.alpha, role="phong_vien")
        .get("/admin/", HTTP_HOST="alpha.test")
        .content.decode()
    )
    assert "Dữ liệu cá nhân người gửi" not in reporter_menu
    assert "Tài khoản bị khóa" not in reporter_menu


def test_the_cached_groups_follow_changes_to_the_users_groups(sites):
    with in_site(sites.beta):
        user = get_user_model().objects.get(email="phong_vien@beta.test")
        assert member_role(user) == "phong_vien" and not has_role(user, "quan_tri")
        admins = Group.objects.get(name=roles()["quan_tri"]["name"])
        user.groups.add(admins)
        assert has_role(user, "quan_tri") and admins.name in group_names(user)
        user.groups.remove(admins)
        assert not has_role(user, "quan_tri") and member_role(user) == "phong_vien"


def test_the_inbox_cells_show_the_state_the_dates_and_the_overdue_flag(sites, editor_client):
    now = timezone.now()
    with in_site(sites.alpha):
        late = Submission.objects.create(
            kind=Kind.FEEDBACK,
            name="Người gửi",
            consent_at=now,
            title="Đường <ngõ> 5 ngập nước",
            body="…",
            state=State.RECEIVED,
            created_at=now - datetime.timedelta(days=20),
            due_at=now - datetime.timedelta(days=2),
            forwarded_from="Cổng xã",
        )
    html = (
        editor_client(sites.alpha, role="truong_ban")
        .get("/admin/hoi-dap/?q=ngập", HTTP_HOST="alpha.test")
        .content.decode()
    )
    due = timezone.localtime(late.due_at).strftime("%d/%m/%Y")
    assert f'<strong class="w-text-critical-200">{due} (quá hạn)</strong>' in html
    assert "<td>Đường &lt;ngõ&gt; 5 ngập nước</td>" in html  # escaped
    # the code is the title column: a link to the item's form
    assert f'href="/admin/hoi-dap/edit/{late.pk}/"' in html and late.code in html
    assert "<td>Cổng xã</td>" in html
    assert "<td>Phản ánh, kiến nghị</td>" in html and "<td>Đã tiếp nhận</td>" in html
    created = timezone.localtime(late.created_at).isoformat()
    assert f'<time class="w-human-readable-date__date" datetime="{created}">' in html
