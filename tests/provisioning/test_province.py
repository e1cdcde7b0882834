"""A province from one file: skeletons per kind, boards that set their own passwords
and log in to their own site only, re-runs that change nothing, bad input that
creates nothing, and a failure midway that leaves nothing behind."""

import re
import textwrap

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import schema_context

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from provisioning import skeleton
from tenants.models import AuditEvent, Tenant

PROVINCE = textwrap.dedent("""\
    sites:
      - slug: sotp
        kind: department
        parent: alpha
        name: Sở Tư pháp tỉnh Alpha
        name_en: Alpha Department of Justice
        domains: [sotp.alpha.test]
        board:
          - {email: Truongban@sotp.test, role: truong_ban, name: Nguyễn Văn An}
          - {email: phongvien@sotp.test, role: phong_vien, name: Lê Thị Bình}
      - slug: xa_moi
        kind: commune
        parent: alpha
        name: Xã Mới
        name_en: Moi Commune
        domains: [xamoi.alpha.test, moi.alpha.test]
        board:
          - {email: quantri@xamoi.test, role: quan_tri, name: Hoàng Văn Cường}
      - slug: ban_dan_van
        kind: party_body
        parent: gamma
        name: Ban Dân vận
        domains: [danvan.gamma.test]
        languages: [vi]
        board:
          - {email: thuky@danvan.test, role: thu_ky, name: Ma Thị Dung}
""")


def write(tmp_path, text, name="tinh.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(path, *args):
    """The command's output, and its error (None when it succeeded)."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("provision_province", path, *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), None


def schema_exists(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [name])
        return cursor.fetchone() is not None


@pytest.fixture
def province(sites, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output, error = run(write(tmp_path, PROVINCE))
    assert error is None, output
    return output


@pytest.mark.django_db
def test_every_site_answers_on_its_domain_with_its_kinds_skeleton(province, client):
    for slug, host in [
        ("sotp", "sotp.alpha.test"),
        ("xa_moi", "xamoi.alpha.test"),
        ("ban_dan_van", "danvan.gamma.test"),
    ]:
        tenant = Tenant.objects.get(slug=slug)
        assert tenant.status == "active"
        home = client.get("/", HTTP_HOST=host)
        assert home.status_code == 200, slug
        sections = skeleton.for_kind(tenant.kind)["sections"]
        for section in sections:
            response = client.get(f"/{section['slug']}/", HTTP_HOST=host)
            assert response.status_code == 200, (slug, section["slug"])
            if section.get("menu", True):  # the menu lists the sections in the file's order
                assert f'href="/{section["slug"]}/"'.encode() in home.content, section["slug"]
    # English organisation and contact pages (national rules), where the site has English.
    for path in ("/en/", "/en/about-us/", "/en/contact/"):
        assert client.get(path, HTTP_HOST="sotp.alpha.test").status_code == 200, path
    # a site without English sends /en/ to its Vietnamese home
    response = client.get("/en/", HTTP_HOST="danvan.gamma.test")
    assert (response.status_code, response["Location"]) == (302, "/")
    # The secondary domain redirects to the primary one.
    response = client.get("/tin-tuc/", HTTP_HOST="moi.alpha.test")
    assert response.status_code == 301
    assert response["Location"] == "http://xamoi.alpha.test:8000/tin-tuc/"


@pytest.mark.django_db
def test_members_set_their_own_password_and_log_in_to_their_own_site_only(province, client):
    messages = {message.to[0]: message for message in mail.outbox}
    assert set(messages) == {
        "truongban@sotp.test",
        "phongvien@sotp.test",
        "quantri@xamoi.test",
        "thuky@danvan.test",
    }
    body = messages["truongban@sotp.test"].body
    assert "Trưởng Ban Biên tập" in body and "Sở Tư pháp tỉnh Alpha" in body
    link = re.search(
        r"http://sotp\.alpha\.test(?::8000)?(/admin/password_reset/confirm/\S+)", body
    ).group(1)
    with schema_context("site_sotp"):
        user = get_user_model().objects.get(username="truongban@sotp.test")
        assert not user.has_usable_password()
        assert user.get_full_name() == "Nguyễn Văn An"

    # The link leads to a form for a new password; once used, it is void.
    response = client.get(link, HTTP_HOST="sotp.alpha.test")
    assert response.status_code == 302
    form_url = response["Location"]
    new_password = "Mat-khau-rieng-cua-toi-2026"
    response = client.post(
        form_url,
        {"new_password1": new_password, "new_password2": new_password},
        HTTP_HOST="sotp.alpha.test",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reused = client.get(link, HTTP_HOST="sotp.alpha.test", follow=True)
    assert b"new_password1" not in reused.content

    client.logout()
    login = {"username": "truongban@sotp.test", "password": new_password}
    response = client.post("/admin/login/", login, HTTP_HOST="sotp.alpha.test")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    # a head of board enrols in two-factor sign-in first (accounts.two_factor)
    response = client.get("/admin/", HTTP_HOST="sotp.alpha.test")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/xac-thuc-hai-buoc/dang-ky/")
    assert client.get(response["Location"], HTTP_HOST="sotp.alpha.test").status_code == 200
    with schema_context("site_sotp"):
        device = TOTPDevice.objects.get(user__username="truongban@sotp.test")
        code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    response = client.post(
        "/admin/xac-thuc-hai-buoc/dang-ky/",
        {"code": str(code).zfill(6)},
        HTTP_HOST="sotp.alpha.test",
    )
    assert response.status_code == 200  # the recovery codes, shown once
    assert client.get("/admin/", HTTP_HOST="sotp.alpha.test").status_code == 200
    # The account does not exist on any other site.
    other = client.get("/admin/", HTTP_HOST="xamoi.alpha.test")
    assert other.status_code == 302 and "/admin/login/" in other["Location"]
    response = client.post("/admin/login/", login, HTTP_HOST="xamoi.alpha.test")
    assert response.status_code == 200  # the form again, with its error


@pytest.mark.django_db
def test_rerunning_the_file_changes_nothing_and_reports_differences(province, tmp_path):
    before = (Tenant.objects.count(), AuditEvent.objects.filter(action="site.created").count())
    output, error = run(write(tmp_path, PROVINCE))
    assert error is None
    assert output.count("KHÔNG ĐỔI") == 3 and "ĐÃ TẠO" not in output
    assert "3 trang: 0 đã tạo, 3 không đổi, 0 khác tệp, 0 lỗi." in output

    changed = PROVINCE.replace("name: Xã Mới", "name: Xã Mới Đổi Tên").replace(
        "role: phong_vien", "role: bien_tap_vien"
    )
    output, error = run(write(tmp_path, changed, "tinh2.yaml"))
    assert error is None
    assert output.count("KHÁC TỆP") == 2
    assert "tên: hiện tại “Xã Mới”, trong tệp “Xã Mới Đổi Tên”" in output
    assert "phongvien@sotp.test=phong_vien" in output
    assert Tenant.objects.get(slug="xa_moi").name == "Xã Mới"
    assert (
        Tenant.objects.count(),
        AuditEvent.objects.filter(action="site.created").count(),
    ) == before


@pytest.mark.django_db
def test_the_same_file_as_csv(sites, tmp_path):
    csv_text = (
        "slug,name,name_en,kind,parent,domains,languages,board\n"
        "so_csv,Sở Nội vụ,Department of Home Affairs,department,alpha,sonv.alpha.test,vi en,"
        "truong_ban:tb@sonv.test:Trần Văn Em; phong_vien:pv@sonv.test:\n"
    )
    output, error = run(write(tmp_path, csv_text, "tinh.csv"), "--no-email")
    assert error is None, output
    tenant = Tenant.objects.get(slug="so_csv")
    assert tenant.languages == ["vi", "en"] and tenant.name_en == "Department of Home Affairs"
    with schema_context(tenant.schema_name):
        assert set(get_user_model().objects.values_list("email", flat=True)) == {
            "tb@sonv.test",
            "pv@sonv.test",
        }
    assert not mail.outbox


BAD_SITES = {
    "duplicate domain": (
        "slug: x1\n    kind: commune\n    parent: alpha\n    name: X\n    domains: [alpha.test]",
        "đã được trang",
    ),
    "invalid slug": (
        "slug: Xã-1\n    kind: commune\n    parent: alpha\n    name: X\n"
        "    domains: [x2.alpha.test]",
        "Mã trang chỉ gồm",
    ),
    "unknown parent": (
        "slug: x3\n    kind: commune\n    parent: khong_co\n    name: X\n"
        "    domains: [x3.alpha.test]",
        "Không tìm thấy trang cấp trên",
    ),
    "wrong-kind parent": (
        "slug: x4\n    kind: commune\n    parent: gamma\n    name: X\n    domains: [x4.alpha.test]",
        "không thể trực thuộc",
    ),
    "bad e-mail": (
        "slug: x5\n    kind: commune\n    parent: alpha\n    name: X\n"
        "    domains: [x5.alpha.test]\n    board: [{email: khong-phai-thu, role: thu_ky}]",
        "không phải là địa chỉ thư điện tử hợp lệ",
    ),
    "unknown role": (
        "slug: x6\n    kind: commune\n    parent: alpha\n    name: X\n"
        "    domains: [x6.alpha.test]\n    board: [{email: a@b.vn, role: giam_doc}]",
        "Vai trò “giam_doc”",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_SITES)
def test_bad_input_gets_a_vietnamese_message_and_creates_nothing(sites, tmp_path, case):
    site, message = BAD_SITES[case]
    if "board:" not in site:
        site += "\n    board: [{email: tb@x.vn, role: truong_ban}]"
    before = Tenant.objects.count()
    output, error = run(write(tmp_path, f"sites:\n  - {site}\n"))
    assert error and "LỖI" in output
    assert message in output
    assert Tenant.objects.count() == before


@pytest.mark.django_db
def test_an_empty_board_and_a_cycle_are_refused(sites, tmp_path):
    output, error = run(
        write(
            tmp_path,
            "sites:\n"
            "  - {slug: x7, kind: commune, parent: alpha, name: X, domains: [x7.alpha.test]}\n",
        )
    )
    assert "Ban Biên tập phải có ít nhất một thành viên." in output and error
    cycle = (
        "sites:\n"
        "  - {slug: c1, kind: party_body, parent: c2, name: C1, domains: [c1.test], board: []}\n"
        "  - {slug: c2, kind: party_body, parent: c1, name: C2, domains: [c2.test], board: []}\n"
    )
    output, error = run(write(tmp_path, cycle, "vong.yaml"))
    assert "vòng lặp: c1 → c2 → c1" in error
    assert not Tenant.objects.filter(slug__in=["x7", "c1", "c2"]).exists()


@pytest.mark.django_db
def test_a_provisioning_that_fails_midway_leaves_nothing_behind(sites, tmp_path, monkeypatch):
    from provisioning import board

    def fail(members):
        raise RuntimeError("máy chủ thư mất kết nối")

    monkeypatch.setattr(board, "add_members", fail)
    output, error = run(write(tmp_path, PROVINCE))
    assert error and output.count("LỖI") == 3
    assert "đã hoàn tác: máy chủ thư mất kết nối" in output
    assert not Tenant.objects.filter(slug__in=["sotp", "xa_moi", "ban_dan_van"]).exists()
    assert not schema_exists("site_sotp")
    assert not AuditEvent.objects.filter(action="site.created", site_key="sotp").exists()

    # Fixed, the same file creates everything.
    monkeypatch.undo()
    output, error = run(write(tmp_path, PROVINCE), "--no-email")
    assert error is None and output.count("ĐÃ TẠO") == 3
    assert schema_exists("site_sotp")
