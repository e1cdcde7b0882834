"""New site schemas are cloned from a migrated template, not migrated one by one.

``refresh_template()`` migrates a schema of its own (``TEMPLATE_SCHEMA``, which no
site slug can produce) from scratch and keeps what ``pg_dump`` says of it: the
structure (``--schema-only``) and the rows the migrations insert (root page,
locales, collections, groups and permissions; no users, no site data). A clone
replays that SQL with the schema's name changed. Because the SQL *is* PostgreSQL's
own description of a migrated schema, constraint names, identity sequences
(bigint, not capped at 2^31) and sequence names come out as a migration makes
them — unlike django-tenants' ``clone_schema``, which renames unique constraints,
caps id sequences at 2^31 and renames a sequence
(docs/adr/0003-clone-sites-from-pg-dump-of-a-template.md;
tests/provisioning/test_template.py compares a clone with a migrated schema).

A template is used only while its fingerprint (the migrations of the code)
matches; otherwise sites are created by migration, the fallback, and the
template should be refreshed (``manage.py refresh_site_template``, which the
demo and the fleet migration run after migrating).
"""

import functools
import hashlib
import logging
import re

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.migrations.loader import MigrationLoader

from tenants.db import connection
from tenants.schema_dump import SchemaDumpError, dump_schema

logger = logging.getLogger(__name__)

TEMPLATE_SCHEMA = "tpl_site"
_TEMPLATE_NAME = re.compile(rf"\b{TEMPLATE_SCHEMA}\b")


class TemplateError(RuntimeError):
    """The site template could not be built (pg_dump failed); sites are then made
    by migration, the fallback."""


@functools.cache
def fingerprint() -> str:
    """A digest of every migration the code has: the template must have been built
    with exactly these. Read once per process (the migration files do not change
    under a running process)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    nodes = sorted(f"{app}.{name}" for app, name in loader.graph.nodes)
    return hashlib.sha256("\n".join(nodes).encode()).hexdigest()


def _partial_index_sql() -> dict[str, str]:
    """Django's own CREATE statements for the partial indexes of the site apps' models,
    by index name.

    PostgreSQL prints a partial index's predicate in a form that, parsed again,
    is stored differently (``ANY ((ARRAY[…])::text[])`` becomes ``ANY (ARRAY[(…)::text,
    …])``): equal in meaning, but not the schema a migration makes. Replaying the
    statements the migrations ran keeps them identical.
    """
    from django.apps import apps
    from django.db.models import UniqueConstraint

    site_apps = set(settings.TENANT_APPS)
    statements = {}
    with connection.schema_editor(collect_sql=True, atomic=False) as editor:
        for config in apps.get_app_configs():
            if config.name not in site_apps:
                continue
            for model in config.get_models():
                if not model._meta.managed or model._meta.proxy:
                    continue
                for item in [*model._meta.constraints, *model._meta.indexes]:
                    if getattr(item, "condition", None) is None:
                        continue
                    if isinstance(item, UniqueConstraint) or hasattr(item, "fields"):
                        statements[item.name] = str(item.create_sql(model, editor))
    return statements


def _with_django_partial_indexes(schema_sql: str) -> str:
    """The dump with its partial indexes created by Django's statements instead."""
    statements = _partial_index_sql()
    kept, replaced = [], []
    pattern = re.compile(r"^CREATE (?:UNIQUE )?INDEX (\S+) ON ")
    for line in schema_sql.splitlines():
        match = pattern.match(line)
        if match and match.group(1) in statements and " WHERE " in line:
            replaced.append(statements[match.group(1)])
            continue
        kept.append(line)
    if replaced:
        kept += [
            f"SET search_path = {TEMPLATE_SCHEMA};",
            *(f"{sql};" for sql in replaced),
            "SELECT pg_catalog.set_config('search_path', '', false);",
        ]
    return "\n".join(kept)


def refresh_template():
    """Migrate the template schema from scratch and store its SQL; returns the
    ``SiteTemplate``. Runs outside any transaction (pg_dump reads committed data)."""
    from provisioning.models import SiteTemplate

    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{TEMPLATE_SCHEMA}" CASCADE')
        cursor.execute(f'CREATE SCHEMA "{TEMPLATE_SCHEMA}"')
    call_command(
        "migrate_schemas",
        schema_name=TEMPLATE_SCHEMA,
        tenant=True,
        interactive=False,
        verbosity=0,
    )
    connection.set_schema_to_public()
    try:
        schema_sql = _with_django_partial_indexes(dump_schema(TEMPLATE_SCHEMA, "--schema-only"))
        data_sql = dump_schema(TEMPLATE_SCHEMA, "--data-only", "--inserts", "--rows-per-insert=500")
    except SchemaDumpError as exc:
        raise TemplateError(str(exc)) from exc
    digest = fingerprint()
    with transaction.atomic():
        SiteTemplate.objects.exclude(fingerprint=digest).delete()
        template, _created = SiteTemplate.objects.update_or_create(
            fingerprint=digest, defaults={"schema_sql": schema_sql, "data_sql": data_sql}
        )
    logger.info("Site template refreshed (%s)", digest[:12])
    return template


def current_template():
    """The stored template if it matches the code's migrations, else None."""
    from provisioning.models import SiteTemplate

    return SiteTemplate.objects.filter(fingerprint=fingerprint()).first()


def clone_schema(schema_name: str, template=None) -> bool:
    """Create ``schema_name`` from the current template, in the caller's transaction.

    Returns False (and creates nothing) when there is no current template, so the
    caller falls back to migrating.
    """
    template = template or current_template()
    if template is None:
        return False
    sql = template.schema_sql + "\n" + template.data_sql
    with connection.cursor() as cursor:
        cursor.execute(_TEMPLATE_NAME.sub(schema_name, sql))
    # the script set the server's search path itself (pg_dump empties it)
    connection.forget_search_path()
    connection.set_schema_to_public()
    return True
