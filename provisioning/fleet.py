"""Releasing over the whole fleet: the public schema, then only the sites that are
behind, in parallel, then the site template (``manage.py migrate_sites``).

django-tenants' ``migrate_schemas`` opens a migration run in every schema even when
there is nothing to apply (a migration loader, a plan, the ``post_migrate``
signals): about 38 s for 150 sites, 100 s for 300, and it stops at the first site
that fails. Here, which schemas are behind is worked out first, without any
migration run:

* the code's migrations come from the migration graph (``MigrationLoader`` without
  a connection), kept to the *site apps*, the apps of ``settings.TENANT_APPS``
  (``auth``, ``contenttypes`` and ``sessions`` are also shared apps but have
  tables in every site schema, so they count);
* what every schema has applied is read from its ``django_migrations`` table by one
  query per batch of schemas (``UNION ALL``, names quoted as identifiers);
* a schema is behind when one of the code's migrations is not recorded in it (a
  squashed migration counts as recorded when every migration it replaces is).

django-tenants also records the migrations of shared-only apps in site schemas
(their operations do nothing there); they are not looked at: a missing one
changes no table, and the migration of a site app that needs it records it too.

Only the schemas that are behind are migrated, each by ``migrate_schemas
--schema=<name>`` in one of at most ``jobs`` worker processes (``spawn``: nothing
is inherited, each worker sets Django up once and closes its connection after
every site). A site that fails is reported and the others go on; running the
release again migrates only what is still behind. The public schema is migrated
first, and only when it lacks one of the code's migrations; the site template
(provisioning.template) is rebuilt last when its fingerprint is not the code's.
"""

import io
import logging
import os
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import nullcontext, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from multiprocessing import get_context

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from tenants.db import connection

logger = logging.getLogger(__name__)

#: schemas read by one query; a few hundred keeps each statement small to plan
BATCH_SIZE = 400
#: the connection settings a worker takes from the process that started it
_DATABASE_KEYS = ("NAME", "USER", "PASSWORD", "HOST", "PORT")
_LOCK_NAME = "provisioning.fleet"

MigrationKey = tuple[str, str]


class FleetBusy(RuntimeError):
    """Another release holds the fleet lock."""


@dataclass
class SiteOutcome:
    """What happened to one schema in a release (picklable: workers return it)."""

    schema: str
    #: first line of the error (type: message); empty when the schema was migrated
    error: str = ""
    #: the whole traceback, for ``-v 2``
    details: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class FleetReport:
    """The result of ``release()``: what was behind and what became of it."""

    dry_run: bool
    jobs: int
    #: site schemas looked at (the registry's sites, except those being provisioned)
    checked: list[str] = field(default_factory=list)
    #: schema -> the code's migrations of site apps it has not recorded
    behind: dict[str, list[MigrationKey]] = field(default_factory=dict)
    check_seconds: float = 0.0
    #: migrations of the code the public schema has not recorded
    public_pending: list[MigrationKey] = field(default_factory=list)
    public_error: str = ""
    migrated: list[SiteOutcome] = field(default_factory=list)
    failed: list[SiteOutcome] = field(default_factory=list)
    #: "current", "stale" (dry run), "refreshed" or "failed"
    template: str = "current"
    template_error: str = ""
    total_seconds: float = 0.0

    @property
    def up_to_date(self) -> int:
        return len(self.checked) - len(self.behind)

    @property
    def left_behind(self) -> list[str]:
        """Schemas still behind after the release (all those behind, in a dry run)."""
        if self.dry_run:
            return sorted(self.behind)
        if self.public_error:
            return ["public", *sorted(self.behind)]
        return [outcome.schema for outcome in self.failed]

    @property
    def succeeded(self) -> bool:
        return not self.public_error and not self.failed and not self.template_error

    def summary(self) -> dict:
        """The JSON-able details of the audit trail's entry."""
        return {
            "checked": len(self.checked),
            "up_to_date": self.up_to_date,
            "public_migrated": len(self.public_pending) if not self.public_error else 0,
            "public_error": self.public_error,
            "migrated": [outcome.schema for outcome in self.migrated],
            "failed": {outcome.schema: outcome.error for outcome in self.failed},
            "template": self.template,
            "template_error": self.template_error,
            "jobs": self.jobs,
            "seconds": round(self.total_seconds, 1),
        }


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}".rstrip(": ")


# --- What is behind ----------------------------------------------------------------------------


def site_app_labels() -> set[str]:
    """Labels of the apps whose tables every site schema has (settings.TENANT_APPS)."""
    from django.apps import apps

    names = set(settings.TENANT_APPS)
    return {config.label for config in apps.get_app_configs() if config.name in names}


def code_migrations(loader: MigrationLoader, labels: set[str] | None = None):
    """The code's migrations (of the apps in ``labels``, or all), each with the
    migrations it replaces (empty unless it is a squashed migration)."""
    return {
        key: tuple(migration.replaces or ())
        for key, migration in loader.graph.nodes.items()
        if labels is None or key[0] in labels
    }


def pending(expected: dict[MigrationKey, tuple], recorded: set[MigrationKey]) -> list:
    """The migrations of ``expected`` that ``recorded`` (a ``django_migrations``) lacks."""
    missing = []
    for key in expected.keys() - recorded:
        replaces = expected[key]
        if not (replaces and all(old in recorded for old in replaces)):
            missing.append(key)
    return sorted(missing)


def recorded_migrations(schemas: list[str], batch_size: int = BATCH_SIZE):
    """``{schema: {(app, name), …}}`` of what each schema's ``django_migrations`` holds,
    read in one query per ``batch_size`` schemas. A schema without that table (or
    without existence) is missing from the result."""
    from psycopg import sql

    recorded: dict[str, set[MigrationKey]] = {}
    if not schemas:
        return recorded
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_catalog.pg_class c"
            " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relname = 'django_migrations' AND c.relkind IN ('r', 'p')"
            " AND n.nspname = ANY(%s)",
            [list(schemas)],
        )
        readable = sorted(row[0] for row in cursor.fetchall())
        raw = connection.connection  # psycopg's, to render the identifiers
        for start in range(0, len(readable), batch_size):
            batch = readable[start : start + batch_size]
            query = sql.SQL(" UNION ALL ").join(
                sql.SQL("SELECT {name}, app, name FROM {schema}.django_migrations").format(
                    name=sql.Literal(schema), schema=sql.Identifier(schema)
                )
                for schema in batch
            )
            cursor.execute(query.as_string(raw))
            for schema in batch:
                recorded[schema] = set()
            for schema, app, name in cursor.fetchall():
                recorded[schema].add((app, name))
    return recorded


def site_schemas() -> list[str]:
    """The schemas of the registry's sites, except those still being provisioned."""
    from django_tenants.utils import get_public_schema_name

    from tenants.models import SiteStatus, Tenant

    return list(
        Tenant.objects.exclude(status=SiteStatus.PROVISIONING)
        .exclude(schema_name=get_public_schema_name())
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
    )


def behind_schemas(schemas: list[str], loader: MigrationLoader | None = None):
    """``{schema: [missing migrations]}`` for those of ``schemas`` that are behind."""
    loader = loader or MigrationLoader(None, ignore_no_migrations=True)
    expected = code_migrations(loader, site_app_labels())
    recorded = recorded_migrations(schemas)
    behind = {}
    for schema in schemas:
        missing = pending(expected, recorded.get(schema, set()))
        if missing:
            behind[schema] = missing
    return behind


def public_pending(loader: MigrationLoader) -> list[MigrationKey]:
    """The code's migrations the public schema has not recorded (django-tenants runs
    the whole graph there, site apps' operations doing nothing)."""
    from django_tenants.utils import get_public_schema_name

    public = get_public_schema_name()
    return pending(code_migrations(loader), recorded_migrations([public]).get(public, set()))


# --- Workers -----------------------------------------------------------------------------------


def _start_worker(settings_module: str, database: dict) -> None:
    """Set Django up in a worker process, on the very database of its parent (the
    test database under pytest, which settings alone would not name)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()
    from django.db import connections

    settings.DATABASES[DEFAULT_DB_ALIAS].update(database)
    connections[DEFAULT_DB_ALIAS].settings_dict.update(database)


def _migrate_site(schema: str) -> SiteOutcome:
    """Migrate one schema in a worker; never raises (the outcome carries the error)."""
    from django.core.management import call_command
    from django.db import connections

    started = time.monotonic()
    output = io.StringIO()  # django-tenants writes to sys.stdout, whatever the verbosity
    try:
        with redirect_stdout(output), redirect_stderr(output):
            call_command(
                "migrate_schemas",
                schema_name=schema,
                tenant=True,
                interactive=False,
                verbosity=0,
            )
    except Exception as error:  # noqa: BLE001 -- one site's failure must not stop the others
        return SiteOutcome(
            schema,
            error=first_line(error),
            details=traceback.format_exc(),
            seconds=time.monotonic() - started,
        )
    finally:
        connections.close_all()
    return SiteOutcome(schema, seconds=time.monotonic() - started)


def migrate_in_parallel(schemas: list[str], jobs: int, on_done=None) -> list[SiteOutcome]:
    """Migrate ``schemas`` in at most ``jobs`` worker processes; one outcome per schema,
    in the order they finished. ``on_done(outcome, done, total)`` is called as each
    finishes."""
    if not schemas:
        return []
    database = {key: connection.settings_dict.get(key) for key in _DATABASE_KEYS}
    outcomes = []
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(schemas)),
        mp_context=get_context("spawn"),
        initializer=_start_worker,
        initargs=(settings.SETTINGS_MODULE, database),
    )
    try:
        futures = {pool.submit(_migrate_site, schema): schema for schema in schemas}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except Exception as error:  # noqa: BLE001 -- a worker died (BrokenProcessPool…)
                outcome = SiteOutcome(
                    futures[future], error=first_line(error), details=traceback.format_exc()
                )
            outcomes.append(outcome)
            if on_done is not None:
                on_done(outcome, len(outcomes), len(schemas))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return outcomes


# --- The release -------------------------------------------------------------------------------


class _FleetLock:
    """A session advisory lock on a connection of its own (migrations close the
    command's connection, which would release it): one release at a time."""

    def __enter__(self):
        self.holder = connection.copy()
        with self.holder.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [_LOCK_NAME])
            taken = cursor.fetchone()[0]
        if not taken:
            self.holder.close()
            raise FleetBusy(_("Một lần di trú toàn bộ các trang khác đang chạy."))
        return self

    def __exit__(self, *exc_info):
        self.holder.close()  # ends the session, and the lock with it


def release(*, jobs: int | None = None, dry_run: bool = False, on_step=None, on_site_done=None):
    """Bring the public schema, every site schema and the site template up to date
    with the code; returns a ``FleetReport``. Raises ``FleetBusy`` when another
    release is running. With ``dry_run`` nothing is changed: the report says what is
    behind.

    ``on_step(step, report)`` is called after each step ("public", "checked",
    "sites", "template") and ``on_site_done(outcome, done, total)`` after each site's
    migration, so that a command can tell the operator as it goes.
    """
    from django.core.management import call_command

    from provisioning import template

    def step(name):
        if on_step is not None:
            on_step(name, report)

    jobs = jobs or default_jobs()
    started = time.monotonic()
    report = FleetReport(dry_run=dry_run, jobs=jobs)
    loader = MigrationLoader(None, ignore_no_migrations=True)
    with nullcontext() if dry_run else _FleetLock():
        report.public_pending = public_pending(loader)
        if report.public_pending and not dry_run:
            try:
                call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
            except Exception as error:
                logger.exception("Migrating the public schema failed")
                report.public_error = first_line(error)
            connection.set_schema_to_public()
        step("public")

        checking = time.monotonic()
        report.checked = site_schemas()
        report.behind = behind_schemas(report.checked, loader)
        report.check_seconds = time.monotonic() - checking
        step("checked")

        if not dry_run and not report.public_error:
            for outcome in migrate_in_parallel(sorted(report.behind), jobs, on_site_done):
                (report.migrated if outcome.ok else report.failed).append(outcome)
                if not outcome.ok:
                    logger.debug("Migrating %s failed:\n%s", outcome.schema, outcome.details)
            report.failed.sort(key=lambda outcome: outcome.schema)
            step("sites")

        if template.current_template() is not None:
            report.template = "current"
        elif dry_run or report.public_error:
            report.template = "stale"
        else:
            try:
                template.refresh_template()
                report.template = "refreshed"
            except Exception as error:
                logger.exception("Refreshing the site template failed")
                report.template, report.template_error = "failed", first_line(error)
            connection.set_schema_to_public()
    report.total_seconds = time.monotonic() - started
    step("template")
    return report
