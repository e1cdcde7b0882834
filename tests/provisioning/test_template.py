"""Sites cloned from the template have exactly the schema a migration makes."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.db import connection
from django.test import Client

from provisioning.services import SiteSpec, provision_site
from provisioning.template import dump_schema, refresh_template
from tenants.models import Tenant
from tests.conftest import board

pytestmark = pytest.mark.django_db


def _normalised(schema: str) -> list[str]:
    text = dump_schema(schema, "--schema-only")
    text = re.sub(rf"\b{schema}\b", "SCHEMA", text)
    return [line for line in text.splitlines() if line.strip() and not line.startswith("--")]


def _committed(fn):
    """Run ``fn`` on a thread of its own: its own connection, outside the test's
    transaction, so pg_dump (another process) sees what it commits."""

    def run():
        try:
            return fn()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def _clean_up(*slugs):
    """Drop the sites ``slugs``; the template stays (current) for later tests."""
    connection.set_schema_to_public()
    for tenant in Tenant.objects.filter(slug__in=slugs):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
        tenant.domains.all().delete()
        Tenant.objects.filter(pk=tenant.pk).delete()


def test_a_cloned_site_has_the_schema_a_migration_makes(sites):
    def clone_and_compare():
        try:
            refresh_template()
            site = provision_site(
                SiteSpec(
                    slug="clone_check",
                    kind="commune",
                    parent="alpha",
                    name="Xã Nhân Bản",
                    domains=["clonecheck.test"],
                    board=board("clonecheck"),
                ),
                actor="tests",
            )
            # the same site by the fallback: every migration run on a new schema
            by_migration = provision_site(
                SiteSpec(
                    slug="migrate_check",
                    kind="commune",
                    parent="alpha",
                    name="Xã Di Trú",
                    domains=["migratecheck.test"],
                    board=board("migratecheck"),
                ),
                actor="tests",
                clone=False,
            )
            migrated = _normalised(by_migration.schema_name)
            cloned = _normalised(site.schema_name)
            response = Client().get("/", HTTP_HOST="clonecheck.test")
            return migrated, cloned, response.status_code, response.content.decode()
        finally:
            _clean_up("clone_check", "migrate_check")

    migrated, cloned, status, html = _committed(clone_and_compare)
    missing = sorted(set(migrated) - set(cloned))
    extra = sorted(set(cloned) - set(migrated))
    assert not missing and not extra, {"missing": missing[:20], "extra": extra[:20]}
    assert migrated == cloned
    # bigint identities, not capped at 2^31 (django-tenants' clone gets this wrong)
    assert not any("MAXVALUE 2147483647" in line for line in cloned)
    assert status == 200 and "Xã Nhân Bản" in html
