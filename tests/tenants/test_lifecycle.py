"""The life of a site after it is created: suspend, resume, archive, delete, domains.

Archiving and deleting write a backup with pg_dump, another process that sees only
committed rows, so those tests run on a throwaway site of their own, on a connection
of their own that commits (``committed``), and remove everything they made afterwards.
The others act on the suite's sites inside the usual rolled-back transaction. The
console's buttons and domain form are tested in tests/console/test_admin.py; deleting
is tested here through the console, since the typed confirmation is its form's.
"""

import json
import shutil
import subprocess
import tarfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django_tenants.utils import schema_exists

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from wagtail.models import Page, Site

from provisioning.services import SiteSpec, provision_site
from tenants import lifecycle, registry
from tenants.backup import BackupError
from tenants.models import AuditEvent, Domain, Tenant
from tenants.schema_dump import pg_dump_path
from tests.conftest import board, in_site
from tests.two_factor import verified_login

CONSOLE = {"HTTP_HOST": "console.localhost"}


@pytest.fixture
def folders(settings, tmp_path):
    """Backups and media in a temporary folder."""
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


def backups(settings):
    folder = Path(settings.BACKUP_DIR)
    return sorted(folder.iterdir()) if folder.exists() else []


def add_media(settings, slug) -> Path:
    """A file in the site's local media folder, as the storage files uploads."""
    path = Path(settings.MEDIA_ROOT) / "sites" / slug / "original_images" / "hoi-nghi.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    return path


def visit(path, host, method="get", client=None, **data):
    return getattr(client or Client(), method)(path, data, HTTP_HOST=host)


def schema_in_catalog(schema) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", [schema])
        in_namespace = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s", [schema]
        )
        tables = cursor.fetchone()[0]
    return bool(in_namespace or tables)


# --- Committed tests: a throwaway site, on a connection of its own ---------------------


def committed(fn):
    """Run ``fn`` on a thread with a database connection of its own, which commits:
    the test's transaction stays empty, so cleaning up afterwards waits on no lock."""

    def run():
        try:
            return fn()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def throwaway(sites, folders):
    """Makes committed sites under alpha (call it inside ``committed``); drops them,
    their audit rows and the operators made with ``operator`` afterwards."""
    made, operators = [], []

    def make(slug):
        made.append(slug)
        return provision_site(
            SiteSpec(
                slug=slug,
                kind="commune",
                parent="alpha",
                name=f"Xã Thử {slug}",
                domains=[f"{slug}.test"],
                languages=["vi"],
                board=board(slug),
            ),
            actor="tests",
        )

    def operator(username):
        user = get_user_model().objects.create_superuser(username, "", "mat-khau-van-hanh")
        client = Client()
        verified_login(client, user)
        operators.append((user.pk, client))
        return client

    make.operator = operator
    yield make

    def clean_up():
        for slug in made:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{Tenant.schema_name_for(slug)}" CASCADE')
            Domain.objects.filter(tenant__slug=slug).delete()
            Tenant.objects.filter(slug=slug).delete()
            AuditEvent.objects.filter(site_key=slug).delete()
            registry.forget_hosts(f"{slug}.test")
            shutil.rmtree(Path(folders.MEDIA_ROOT) / "sites" / slug, ignore_errors=True)
        for pk, client in operators:
            client.logout()
            # not through the ORM: its cascade would look for the Wagtail profile, which
            # exists in site schemas only
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM django_admin_log WHERE user_id = %s", [pk])
                cursor.execute("DELETE FROM otp_totp_totpdevice WHERE user_id = %s", [pk])
                cursor.execute("DELETE FROM auth_user WHERE id = %s", [pk])

    committed(clean_up)


@pytest.mark.django_db
def test_archive_backs_up_first_then_only_reading_is_allowed(throwaway, folders):
    committed(lambda: archive_scenario(throwaway, folders))


def archive_scenario(throwaway, folders):
    client = Client()
    site = throwaway("luutru")
    host = "luutru.test"
    media = add_media(folders, "luutru")
    with in_site(site):
        editor = get_user_model().objects.create_superuser(
            "bientap_luutru", "bientap@luutru.test", "mat-khau-bien-tap"
        )
        verified_login(client, editor)
        home = Site.objects.get(is_default_site=True).root_page
    edit_url = f"/admin/pages/{home.pk}/edit/"

    path = lifecycle.archive(site, "vanhanh")

    # the backup: one tar named by slug and UTC time, with the registry record,
    # a pg_dump of the schema that pg_restore reads, and the local media
    assert [p.name for p in backups(folders)] == [path.name]
    assert path.name.startswith("luutru-") and path.name.endswith("Z.tar")
    with tarfile.open(path) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile("site.json"))
        archive.extract("schema.dump", path.parent, filter="data")
    assert "media/original_images/hoi-nghi.png" in names
    assert manifest["site"]["slug"] == "luutru" and manifest["site"]["parent"] == "alpha"
    assert manifest["domains"] == [{"domain": host, "is_primary": True}]
    listing = subprocess.run(
        [
            str(Path(pg_dump_path()).with_name("pg_restore")),
            "--list",
            str(path.parent / "schema.dump"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TABLE site_luutru wagtailcore_page" in listing

    event = AuditEvent.objects.get(action="site.archived", site_key="luutru")
    assert (event.actor, event.details["backup"]) == ("vanhanh", str(path))
    assert Tenant.objects.get(slug="luutru").status == "archived"

    # visitors and the admin's pages are served ...
    assert visit("/", host).status_code == 200
    assert visit("/admin/", host, client=client).status_code == 200
    assert visit(edit_url, host, client=client).status_code == 200
    # ... every write is refused with the notice, and nothing changes
    refused = visit(
        edit_url, host, "post", client=client, title="Đổi tên", slug="trang-chu", action_publish="1"
    )
    assert refused.status_code == 403
    assert "đã được lưu trữ" in refused.content.decode()
    with in_site(site):
        assert Page.objects.get(pk=home.pk).title == home.title
    assert visit("/admin/images/multiple/add/", host, "post", client=client).status_code == 403
    assert visit("/", host, "post").status_code == 403  # outside the admin too
    # signing out is not a write to the site's content
    assert visit("/admin/logout/", host, "post", client=client).status_code == 302
    assert media.exists()  # archiving keeps the media

    # suspending an archived site, then resuming it, gives back the archived site
    lifecycle.suspend(site, "vanhanh")
    assert visit("/", host).status_code == 503
    lifecycle.resume(site, "vanhanh")
    assert Tenant.objects.get(slug="luutru").status == "archived"
    assert visit("/", host).status_code == 200

    lifecycle.unarchive(site, "vanhanh")
    assert visit("/", host, "post").status_code == 200  # writes are let through again
    events = AuditEvent.objects.filter(site_key="luutru").order_by("at", "pk")
    actions = list(events.values_list("action", "actor"))
    assert actions[1:] == [
        ("site.archived", "vanhanh"),
        ("site.suspended", "vanhanh"),
        ("site.resumed", "vanhanh"),
        ("site.unarchived", "vanhanh"),
    ]


@pytest.mark.django_db
def test_delete_asks_for_the_typed_slug_then_backs_up_and_drops_the_site(throwaway, folders):
    committed(lambda: delete_scenario(throwaway, folders))


def delete_scenario(throwaway, folders):
    site = throwaway("xoabo")
    media = add_media(folders, "xoabo")
    operator = throwaway.operator("vanhanh_vongdoi")
    change = operator.get(f"/tenants/tenant/{site.pk}/change/", **CONSOLE)
    assert change.status_code == 200
    delete_url = f"/tenants/tenant/{site.pk}/delete-site/"
    assert delete_url in change.content.decode()
    # Django's own delete would skip the confirmation and the backup
    assert operator.get(f"/tenants/tenant/{site.pk}/delete/", **CONSOLE).status_code == 403
    page = operator.get(delete_url, **CONSOLE)
    assert page.status_code == 200 and 'name="confirmation"' in page.content.decode()

    for wrong in ("XOABO", "xoabo ", "xoa"):
        refused = operator.post(delete_url, {"confirmation": wrong}, **CONSOLE)
        assert refused.status_code == 200
        assert "Mã xác nhận không đúng" in refused.content.decode()
    assert Tenant.objects.filter(slug="xoabo").exists() and schema_exists("site_xoabo")
    assert backups(folders) == []
    assert visit("/", "xoabo.test").status_code == 200

    done = operator.post(delete_url, {"confirmation": "xoabo"}, **CONSOLE)
    assert done.status_code == 302 and done["Location"] == "/tenants/tenant/"

    [backup] = backups(folders)
    assert backup.name.startswith("xoabo-")
    with tarfile.open(backup) as archive:
        assert {"site.json", "schema.dump", "media/original_images/hoi-nghi.png"} <= set(
            archive.getnames()
        )
    assert not schema_in_catalog("site_xoabo")
    assert not Tenant.objects.filter(slug="xoabo").exists()
    assert not Domain.objects.filter(domain="xoabo.test").exists()
    assert not media.parent.parent.exists()  # the media folder went too (it is in the backup)
    assert visit("/", "xoabo.test").status_code == 404
    # the audit trail of the site stays, by its key
    events = AuditEvent.objects.filter(site_key="xoabo")
    assert {e.action for e in events} == {"site.created", "site.deleted"}
    assert all(e.site_id is None for e in events)
    deleted = events.get(action="site.deleted")
    assert deleted.actor == "vanhanh_vongdoi"
    assert deleted.details["backup"] == str(backup)
    assert deleted.details["domains"] == ["xoabo.test"]

    # the backup restores: pg_restore recreates the schema with its pages
    with tarfile.open(backup) as archive:
        archive.extract("schema.dump", backup.parent, filter="data")
    restore(backup.parent / "schema.dump")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM site_xoabo.wagtailcore_page")
        assert cursor.fetchone()[0] > 1


def restore(dump: Path) -> None:
    """``pg_restore`` of a site's schema into the platform's database (docs/site-lifecycle.md)."""
    db = settings.DATABASES["default"]
    command = [
        str(Path(pg_dump_path()).with_name("pg_restore")),
        "--no-owner",
        "--exit-on-error",
        "--dbname",
        db["NAME"],
    ]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    subprocess.run([*command, str(dump)], check=True, capture_output=True)


# --- In the per-test transaction, on the suite's sites ----------------------------------


@pytest.mark.django_db
def test_delete_refuses_without_the_exact_slug_and_changes_nothing(sites, folders):
    beta = Tenant.objects.get(slug="beta")
    for wrong in ("", "Beta", "beta ", "site_beta", "beta.test"):
        with pytest.raises(ValidationError) as exc_info:
            lifecycle.delete_site(beta, "vanhanh", wrong)
        assert "Mã xác nhận không đúng" in " ".join(exc_info.value.messages)
    # a portal with component sites under it stays, even with its slug typed
    with pytest.raises(ValidationError) as exc_info:
        lifecycle.delete_site(Tenant.objects.get(slug="alpha"), "vanhanh", "alpha")
    assert "còn trang trực thuộc: Xã Bê Ta" in " ".join(exc_info.value.messages)
    assert schema_exists("site_beta") and schema_exists("site_alpha")
    assert Tenant.objects.filter(slug__in=["alpha", "beta"]).count() == 2
    assert backups(folders) == []
    assert not AuditEvent.objects.filter(action="site.deleted").exists()


@pytest.mark.django_db
def test_a_failed_backup_leaves_the_site_as_it_was(sites, folders, monkeypatch):
    monkeypatch.setenv("PG_DUMP", "/bin/false")
    beta = Tenant.objects.get(slug="beta")
    with pytest.raises(BackupError, match="pg_dump"):
        lifecycle.archive(beta, "vanhanh")
    with pytest.raises(BackupError):
        lifecycle.delete_site(beta, "vanhanh", "beta")
    assert Tenant.objects.get(slug="beta").status == "active" and schema_exists("site_beta")
    assert not AuditEvent.objects.filter(action__in=["site.archived", "site.deleted"]).exists()
    assert backups(folders) == []  # no partial file either
    assert visit("/", "beta.test").status_code == 200


@pytest.mark.django_db
def test_change_domains_service(sites):
    alpha = Tenant.objects.get(slug="alpha")
    with pytest.raises(ValidationError, match="Hãy chọn tên miền chính khác"):
        lifecycle.change_domains(alpha, "vanhanh", remove=["alpha.test"])
    with pytest.raises(ValidationError, match="đã được trang"):
        lifecycle.change_domains(alpha, "vanhanh", add=["beta.test"])
    # the alias becomes primary; the former primary stays and redirects
    after = lifecycle.change_domains(alpha, "vanhanh", primary="www.alpha.test")
    assert after == [("www.alpha.test", True), ("alpha.test", False)]
    assert visit("/en/", "alpha.test")["Location"] == "http://www.alpha.test:8000/en/"
    # a new primary and the old one removed in one step
    after = lifecycle.change_domains(
        alpha,
        "vanhanh",
        add=["Alpha.Gov.Test."],
        remove=["www.alpha.test"],
        primary="alpha.gov.test",
    )
    assert after == [("alpha.gov.test", True), ("alpha.test", False)]
    assert visit("/", "www.alpha.test").status_code == 404
    assert visit("/", "alpha.gov.test").status_code == 200


@pytest.mark.django_db
def test_site_lifecycle_command(sites, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the command's commit
        call_command("site_lifecycle", "suspend", "beta", "--actor", "vanhanh", stdout=out)
    assert "Tạm ngừng" in out.getvalue()
    assert visit("/", "beta.test").status_code == 503
    with django_capture_on_commit_callbacks(execute=True):
        call_command("site_lifecycle", "resume", "beta", stdout=out)
    assert visit("/", "beta.test").status_code == 200
    actors = AuditEvent.objects.filter(site_key="beta").exclude(action="site.created")
    assert actors.get(action="site.suspended").actor == "vanhanh"
    assert actors.get(action="site.resumed").actor.endswith("(shell)")
    with pytest.raises(CommandError, match="Mã xác nhận không đúng"):
        call_command("site_lifecycle", "delete", "beta", "--confirm", "gamma")
    with pytest.raises(CommandError, match="Không có trang"):
        call_command("site_lifecycle", "archive", "khong_co")
    assert schema_exists("site_beta")
