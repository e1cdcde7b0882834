"""The commands that had no test: ``provision_site``, ``demo`` and ``refresh_site_template``.

They run through ``call_command`` on the real database. ``provision_site`` and ``demo``
run in the test's transaction: a site they create (schema, registry rows, accounts)
is rolled back with it, PostgreSQL's DDL being transactional. ``refresh_site_template``
must run outside it, since pg_dump reads only committed schemas: it runs on a thread
of its own, and leaves the stored template current for the tests that follow.
"""

import io
import shlex
from concurrent.futures import ThreadPoolExecutor

import pytest
from django_tenants.utils import schema_context

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection

from provisioning import demo_data, template
from provisioning.board import member_role
from provisioning.models import SiteTemplate
from tenants.models import AuditEvent, Tenant

pytestmark = pytest.mark.django_db


def run(command, *args):
    """``command``'s output and error output."""
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def schema_exists(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [name])
        return cursor.fetchone() is not None


# --- provision_site ------------------------------------------------------------------

#: what an operator types after ``manage.py provision_site`` for a commune of alpha
COMMUNE = shlex.split(
    "xa_lenh --name 'Xã Lệnh' --name-en 'Lenh Commune' --kind commune --parent alpha"
    " --domain xalenh.alpha.test --domain lenh.alpha.test"
    " --member 'quan_tri:quantri@xalenh.test:Nguyễn Văn An'"
    " --member 'phong_vien:phongvien@xalenh.test:Lê Thị Bình'"
)


def test_provision_site_creates_the_site_its_board_and_sends_their_links(
    client, sites, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output, errors = run("provision_site", *COMMUNE)

    assert output == "Đã khởi tạo Xã Lệnh (xa_lenh) tại xalenh.alpha.test, lenh.alpha.test.\n"
    assert errors == ""
    site = Tenant.objects.get(slug="xa_lenh")
    assert (site.status, site.kind, site.parent.slug) == ("active", "commune", "alpha")
    assert (site.name_en, site.languages) == ("Lenh Commune", ["vi", "en"])  # the kind's
    assert site.get_primary_domain().domain == "xalenh.alpha.test"
    created = AuditEvent.objects.get(action="site.created", site=site)
    assert (created.actor, created.details["domains"]) == (
        "provision_site",
        ["xalenh.alpha.test", "lenh.alpha.test"],
    )
    with schema_context(site.schema_name):
        users = get_user_model().objects.order_by("email")
        assert [(user.email, user.get_full_name(), member_role(user)) for user in users] == [
            ("phongvien@xalenh.test", "Lê Thị Bình", "phong_vien"),
            ("quantri@xalenh.test", "Nguyễn Văn An", "quan_tri"),
        ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "phongvien@xalenh.test",
        "quantri@xalenh.test",
    ]
    assert client.get("/", HTTP_HOST="xalenh.alpha.test").status_code == 200


def test_provision_site_without_email_sends_no_link(sites, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output, _errors = run("provision_site", *COMMUNE, "--no-email")
    assert output.startswith("Đã khởi tạo Xã Lệnh")
    assert mail.outbox == []
    with schema_context(Tenant.objects.get(slug="xa_lenh").schema_name):
        assert get_user_model().objects.count() == 2


def _replacing(args, option, value):
    """``args`` with the value of ``option`` replaced by ``value``."""
    args = list(args)
    args[args.index(option) + 1] = value
    return args


def _without(args, *names):
    """``args`` without the options ``names`` and their values."""
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in names:
            skip = True
        else:
            kept.append(arg)
    return kept


@pytest.mark.parametrize(
    ("args", "messages"),
    [
        (
            _replacing(COMMUNE, "--parent", "khong_co"),
            ["parent: Không tìm thấy trang cấp trên có mã “khong_co”."],
        ),
        (
            _without(COMMUNE, "--parent"),
            ["parent: Xã, phường phải thuộc một cổng/trang cấp trên."],
        ),
        (
            ["Xa Lenh", *COMMUNE[1:]],
            ["slug: Mã trang chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới"],
        ),
        (
            ["alpha", *COMMUNE[1:]],
            ["slug: Trang thông tin có Mã trang đã tồn tại."],
        ),
        (
            [*COMMUNE, "--domain", "alpha.test", "--domain", "xa lenh!"],
            [
                "domains: Tên miền alpha.test đã được trang “Cổng Thông tin điện tử Alpha”",
                "domains: “xa lenh!” không phải là tên miền hợp lệ",
            ],
        ),
        (
            _without(COMMUNE, "--domain"),
            ["domains: Trang phải có ít nhất một tên miền."],
        ),
        (
            [*COMMUNE, "--member", "giam_doc:giamdoc@xalenh.test:Hoàng Văn Cường"],
            ["board: Vai trò “giam_doc” của giamdoc@xalenh.test không có"],
        ),
        (
            _without(COMMUNE, "--member"),
            ["board: Ban Biên tập phải có ít nhất một thành viên."],
        ),
        (
            [*COMMUNE, "--theme", "khong_co"],
            ["theme: Giao diện “khong_co” không có trên hệ thống."],
        ),
    ],
    ids=[
        "unknown-parent",
        "commune-without-parent",
        "bad-slug",
        "slug-taken",
        "domains-taken-or-invalid",
        "no-domain",
        "unknown-role",
        "no-board",
        "unknown-theme",
    ],
)
def test_provision_site_refuses_bad_arguments_in_vietnamese_and_creates_nothing(
    sites, args, messages
):
    sites_before = Tenant.objects.count()
    with pytest.raises(CommandError) as error:
        run("provision_site", *args)
    lines = str(error.value).splitlines()  # one per problem, each after its field's name
    for message in messages:
        assert any(line.startswith(message) for line in lines), lines
    assert Tenant.objects.count() == sites_before
    assert not schema_exists(Tenant.schema_name_for("xa_lenh"))


def test_provision_site_refuses_an_unknown_kind_in_vietnamese(sites):
    with pytest.raises(CommandError, match="kind: "):
        run("provision_site", *_replacing(COMMUNE, "--kind", "truong_hoc"))
    assert not Tenant.objects.filter(slug="xa_lenh").exists()


def test_provision_site_needs_its_name_and_kind(sites):
    """argparse's own message, before anything is looked at."""
    with pytest.raises(CommandError, match="--name, --kind"):
        run("provision_site", "xa_lenh", "--domain", "xalenh.alpha.test")
    assert not Tenant.objects.filter(slug="xa_lenh").exists()


# --- demo ----------------------------------------------------------------------------


def keep_demo_sites(monkeypatch, count):
    """Cut the demo province down to its first ``count`` sites (creating all six takes a
    minute); the rest of the demo data is read as it is."""
    load = demo_data.load

    def first_sites_only(name):
        data = load(name)
        return {**data, "sites": data["sites"][:count]} if name == "sites.yaml" else data

    monkeypatch.setattr(demo_data, "load", first_sites_only)


@pytest.fixture
def one_demo_site(monkeypatch):
    """The demo province with its provincial portal only."""
    keep_demo_sites(monkeypatch, 1)


@pytest.fixture
def runserver(monkeypatch):
    """The demo's calls to ``runserver`` (the server is not started), by their arguments;
    the other commands it calls run."""
    from provisioning.management.commands import demo

    calls = []

    def call(name, *args, **options):
        if name == "runserver":
            calls.append((args, options))
            return None
        return call_command(name, *args, **options)

    monkeypatch.setattr(demo, "call_command", call)
    return calls


def test_demo_creates_the_sites_prints_the_logins_and_serves(sites, one_demo_site, runserver):
    output, errors = run("demo")

    assert errors == ""
    lines = output.splitlines()
    assert lines[:3] == [
        "Cập nhật cơ sở dữ liệu dùng chung (migrate_schemas --shared)…",
        # the session's sites exist: they are brought up to date (nothing to do)
        "Cập nhật cơ sở dữ liệu của các trang đã có (migrate_sites)…",
        # the site template is current: not rebuilt
        "Khởi tạo Cổng Thông tin điện tử tỉnh Tuyên Quang…",
    ]
    console = "http://console.localhost:8000/  (vanhanh / vanhanh-demo-2026)"
    assert f"  Bảng điều khiển vận hành  {console}" in lines
    site = lines.index("  Cổng Thông tin điện tử tỉnh Tuyên Quang")
    assert lines[site + 1] == "    http://tuyenquang.localhost:8000/"
    admin = "http://tuyenquang.localhost:8000/admin/"
    assert lines[site + 2 : site + 8] == [
        f"    {admin}  {username} / tuyenquang-{username}-2026  ({role})"
        for username, role in [
            ("quantri", "Quản trị trang"),
            ("truongban", "Trưởng Ban Biên tập"),
            ("photruongban", "Phó Trưởng Ban Biên tập"),
            ("thuky", "Thư ký Ban Biên tập"),
            ("bientap", "Biên tập viên"),
            ("phongvien", "Phóng viên, cộng tác viên"),
        ]
    ]
    # the operator's console account, in the public schema
    assert get_user_model().objects.get(username="vanhanh").check_password("vanhanh-demo-2026")
    # then it serves, on the site port of the settings
    assert runserver == [(("127.0.0.1:8000",), {"use_reloader": False})]


def test_demo_again_creates_nothing_and_serves_where_asked(sites, one_demo_site, runserver):
    run("demo", "--no-serve")
    assert runserver == []

    output, _errors = run("demo", "0.0.0.0:8080")
    assert "Khởi tạo" not in output
    assert (
        "    http://tuyenquang.localhost:8000/admin/  quantri / tuyenquang-quantri-2026" in output
    )
    assert get_user_model().objects.filter(username="vanhanh").count() == 1
    assert Tenant.objects.filter(slug="tuyenquang").count() == 1
    assert runserver == [(("0.0.0.0:8080",), {"use_reloader": False})]


def test_demo_without_a_site_template_says_sites_are_migrated(sites, runserver, monkeypatch):
    keep_demo_sites(monkeypatch, 0)  # a site made by migration takes half a minute

    def unavailable():
        raise template.TemplateError("Không tìm thấy pg_dump.")

    monkeypatch.setattr(template, "current_template", lambda: None)
    monkeypatch.setattr(template, "refresh_template", unavailable)
    output, errors = run("demo", "--no-serve")
    assert "Dựng lược đồ mẫu cho các trang mới (refresh_site_template)…" in output
    # migrate_sites, which also rebuilds a template that is not current, says so first
    assert errors.splitlines() == [
        "Chưa dựng lại được lược đồ mẫu.",
        "Không tìm thấy pg_dump. Các trang sẽ được tạo bằng di trú (chậm hơn).",
    ]
    assert "Các trang mẫu đã sẵn sàng:" in output


# --- refresh_site_template -----------------------------------------------------------


def _committed(fn):
    """Run ``fn`` on a thread of its own: its own connection, outside the test's
    transaction, so that pg_dump (another process) sees what it commits."""

    def run_and_close():
        try:
            return fn()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run_and_close).result()


def _refresh():
    try:
        return run("refresh_site_template"), None
    except CommandError as error:
        return None, error


def test_refresh_site_template_rebuilds_the_template_new_sites_are_cloned_from(sites):
    before = template.current_template()

    (output, errors), error = _committed(_refresh)

    assert error is None and errors == ""
    refreshed = template.current_template()
    assert refreshed.pk == before.pk  # the same fingerprint: the row is updated
    assert refreshed.created_at == before.created_at
    assert output == f"Đã dựng lại lược đồ mẫu {refreshed}.\n"
    assert "CREATE TABLE tpl_site.wagtailcore_page" in refreshed.schema_sql
    assert SiteTemplate.objects.count() == 1


def test_refresh_site_template_fails_in_vietnamese_and_keeps_the_template(sites, monkeypatch):
    before = template.current_template()
    monkeypatch.setenv("PG_DUMP", "/bin/false")  # a pg_dump that fails

    result, error = _committed(_refresh)

    assert result is None
    assert str(error).startswith("pg_dump không đọc được lược đồ tpl_site")
    # New sites are still cloned from the template stored before.
    assert template.current_template().schema_sql == before.schema_sql
