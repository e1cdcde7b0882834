"""``manage.py migrate_sites``: only the sites behind are migrated, failures are reported.

The command starts worker processes, which see only committed rows: the throwaway
sites of these tests are committed from a thread of their own (as in
test_template.py), cloned from a site template made once for the module, and
removed afterwards with everything the command recorded. The session's sites
alpha, beta and gamma are up to date and stay untouched.
"""

import io
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.core.management import CommandError, call_command
from django.db import connection, transaction

from provisioning import fleet, template
from tenants.models import AuditEvent, SiteStatus, Tenant

pytestmark = pytest.mark.django_db

#: the migration the throwaway sites are rolled back from (an added column)
LAST = ("home", "0002_body_blocks")
PREVIOUS = "0001_initial"


def _home_after_previous():
    """The home migrations a site rolled back to PREVIOUS lacks, in order."""
    from django.db.migrations.loader import MigrationLoader

    names = sorted(
        name
        for app, name in MigrationLoader(None).disk_migrations
        if app == "home" and name > PREVIOUS
    )
    return [("home", name) for name in names]


def _committed(fn, *args):
    """Run ``fn`` on a thread of its own: its own connection, outside the test's
    transaction, so that the command's worker processes see what it commits."""

    def run():
        try:
            return fn(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def _migrate_sites(*args):
    """Run the command in a committed thread; returns (output, CommandError or None)."""

    def run():
        out = io.StringIO()
        try:
            call_command("migrate_sites", *args, stdout=out)
        except CommandError as error:
            return out.getvalue(), error
        return out.getvalue(), None

    return _committed(run)


def _sql(query, params=()):
    """Rows of ``query``, read outside the test's transaction: a read in it would hold
    locks on the throwaway schemas until the test ends, and their removal would wait."""

    def run():
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall() if cursor.description else None

    return _committed(run)


def _recorded(schema):
    return set(_sql(f'SELECT app, name FROM "{schema}".django_migrations'))


def _has_body_column(schema):
    return bool(
        _sql(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = %s"
            " AND table_name = 'home_homepage' AND column_name = 'body'",
            [schema],
        )
    )


def _behind():
    return _committed(lambda: fleet.behind_schemas(fleet.site_schemas()))


def _serving_sites():
    return Tenant.objects.exclude(status=SiteStatus.PROVISIONING).count()


@pytest.fixture(scope="module")
def site_template(sites, django_db_blocker):
    """A current site template for the module (made here unless there is one)."""

    def make():
        if template.current_template() is not None:
            return False
        template.refresh_template()
        return True

    def remove():
        from provisioning.models import SiteTemplate

        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{template.TEMPLATE_SCHEMA}" CASCADE')
        SiteTemplate.objects.all().delete()

    with django_db_blocker.unblock():
        made = _committed(make)
    yield
    if made:
        with django_db_blocker.unblock():
            _committed(remove)


@pytest.fixture(autouse=True)
def _remove_fleet_events():
    """The command commits its audit entry; take it away again."""
    yield
    _committed(lambda: AuditEvent.objects.filter(action="fleet.migrated").delete())


@pytest.fixture
def throwaway_sites(site_template):
    """``make(slug, behind=False, broken=False)``: a committed, active site cloned from
    the template; ``behind`` rolls its ``home`` app back one migration, ``broken`` also
    adds the column that migration adds, so that applying it again fails."""
    made = []

    def create(slug, behind, broken):
        with transaction.atomic():
            tenant = Tenant.objects.create(
                slug=slug, name=f"Thử {slug}", kind="provincial_portal", status="active"
            )
            assert template.clone_schema(tenant.schema_name)
        if behind or broken:
            call_command(
                "migrate_schemas",
                LAST[0],
                PREVIOUS,
                schema_name=tenant.schema_name,
                tenant=True,
                interactive=False,
                verbosity=0,
            )
            connection.set_schema_to_public()
        if broken:
            with connection.cursor() as cursor:
                cursor.execute(
                    f'ALTER TABLE "{tenant.schema_name}".home_homepage ADD COLUMN body text'
                )
        return tenant.schema_name

    def make(slug, *, behind=False, broken=False):
        made.append(slug)
        return _committed(create, slug, behind, broken)

    def remove():
        for tenant in Tenant.objects.filter(slug__in=made):
            with connection.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
            tenant.delete()

    yield make
    _committed(remove)


def test_pending_counts_a_squashed_migration_by_what_it_replaces():
    squashed = ("wagtailcore", "0001_squashed_0016")
    expected = {squashed: (("wagtailcore", "0001"), ("wagtailcore", "0002")), ("home", "0001"): ()}
    assert (
        fleet.pending(
            expected, {("wagtailcore", "0001"), ("wagtailcore", "0002"), ("home", "0001")}
        )
        == []
    )
    assert fleet.pending(expected, {squashed, ("home", "0001")}) == []
    assert fleet.pending(expected, {("wagtailcore", "0001"), ("home", "0001")}) == [squashed]
    assert fleet.pending(expected, set()) == [("home", "0001"), squashed]


def test_with_nothing_to_apply_no_site_is_migrated(site_template, throwaway_sites, monkeypatch):
    class NoWorkers:
        def __init__(self, *args, **kwargs):
            raise AssertionError("no worker process should start")

    monkeypatch.setattr(fleet, "ProcessPoolExecutor", NoWorkers)
    throwaway_sites("fleet_current")
    count = _serving_sites()

    output, error = _migrate_sites()

    assert error is None, output
    assert "Lược đồ dùng chung (public): không có di trú mới." in output
    assert f"Đã kiểm tra {count} trang" in output
    assert f"{count} đã cập nhật, 0 còn thiếu di trú." in output
    assert f"Kết quả: {count} trang đã cập nhật sẵn, 0 trang đã di trú, 0 trang lỗi" in output
    assert "Lược đồ mẫu: khớp với mã nguồn." in output
    event = AuditEvent.objects.get(action="fleet.migrated")
    assert event.site is None
    assert event.details["up_to_date"] == count
    assert event.details["migrated"] == [] and event.details["failed"] == {}


def test_a_site_behind_is_found_then_migrated(sites, throwaway_sites):
    schema = throwaway_sites("fleet_behind", behind=True)
    assert LAST not in _recorded(schema) and not _has_body_column(schema)

    missing = _home_after_previous()
    assert LAST in missing and _behind() == {schema: missing}
    output, error = _migrate_sites("--dry-run")
    assert error is None, output
    names = ", ".join(f"{app}.{name}" for app, name in missing)
    assert f"  {schema}: thiếu {len(missing)} di trú ({names})" in output
    assert sites.alpha.schema_name not in output
    assert LAST not in _recorded(schema)  # a dry run changes nothing
    assert not AuditEvent.objects.filter(action="fleet.migrated").exists()

    output, error = _migrate_sites()
    assert error is None, output
    assert f"[1/1] {schema}: đã di trú" in output
    assert ", 1 trang đã di trú, 0 trang lỗi" in output
    assert LAST in _recorded(schema) and _has_body_column(schema)
    assert AuditEvent.objects.get(action="fleet.migrated").details["migrated"] == [schema]

    assert _behind() == {}
    output, error = _migrate_sites()
    assert error is None and ", 0 trang đã di trú, 0 trang lỗi" in output


def test_a_failing_site_is_reported_and_the_others_are_migrated(throwaway_sites):
    broken = throwaway_sites("fleet_broken", broken=True)
    behind = [throwaway_sites(slug, behind=True) for slug in ("fleet_late1", "fleet_late2")]
    count = _serving_sites()

    output, error = _migrate_sites("--jobs", "2")

    message = 'ProgrammingError: column "body" of relation "home_homepage" already exists'
    assert error is not None and error.returncode != 0, output
    assert "Còn 1 lược đồ chưa di trú xong" in str(error)
    assert f"{broken}: LỖI — {message}" in output
    assert f"Kết quả: {count - 3} trang đã cập nhật sẵn, 2 trang đã di trú, 1 trang lỗi" in output
    assert f"Các trang lỗi (vẫn còn thiếu di trú):\n  {broken}: {message}" in output
    for schema in behind:
        assert LAST in _recorded(schema) and _has_body_column(schema)
    assert LAST not in _recorded(broken)
    details = AuditEvent.objects.get(action="fleet.migrated").details
    assert sorted(details["migrated"]) == behind
    assert details["failed"] == {broken: message}

    # Resumable: a second run tries only the site still behind.
    output, error = _migrate_sites()
    assert error is not None and f"[1/1] {broken}: LỖI" in output

    _sql(f'ALTER TABLE "{broken}".home_homepage DROP COLUMN body')  # the operator's fix
    output, error = _migrate_sites()
    assert error is None, output
    assert f"[1/1] {broken}: đã di trú" in output and LAST in _recorded(broken)


def test_a_stale_template_is_rebuilt_after_the_sites(monkeypatch):
    rebuilt = []
    monkeypatch.setattr(template, "current_template", lambda: None)
    monkeypatch.setattr(template, "refresh_template", lambda: rebuilt.append(True))

    output, error = _migrate_sites("--dry-run")
    assert error is None and "Lược đồ mẫu: cần dựng lại." in output
    assert rebuilt == []

    output, error = _migrate_sites()
    assert error is None, output
    assert "Lược đồ mẫu: đã dựng lại." in output
    assert rebuilt == [True]


def test_a_template_that_cannot_be_rebuilt_is_a_failure(monkeypatch):
    def fail():
        raise template.TemplateError("pg_dump không đọc được lược đồ tpl_site: hỏng")

    monkeypatch.setattr(template, "current_template", lambda: None)
    monkeypatch.setattr(template, "refresh_template", fail)

    output, error = _migrate_sites()

    assert error is not None and "Chưa dựng lại được lược đồ mẫu." in str(error)
    assert "Lược đồ mẫu: LỖI — TemplateError: pg_dump không đọc được lược đồ tpl_site" in output


def test_one_release_at_a_time():
    holder = connection.copy()
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(hashtext('provisioning.fleet'))")
        output, error = _migrate_sites()
    finally:
        holder.close()
    assert error is not None and "đang chạy" in str(error)
