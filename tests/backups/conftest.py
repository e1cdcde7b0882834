"""Backups read committed rows (pg_dump is another process) and restores change
schemas: those tests run on a thread with a connection of its own that commits
(``committed``), on a site of their own made for the module, removed afterwards."""

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from django.db import connection

from backups.models import BackupFailure, SiteBackup
from operations.models import Incident, SiteFigures
from provisioning.services import SiteSpec, provision_site
from syndication.models import Offer
from tenants import registry
from tenants.models import AuditEvent, Domain, Tenant
from tests.conftest import board


def committed(fn, *args, **kwargs):
    """Run ``fn`` on a thread whose database connection commits."""

    def run():
        try:
            return fn(*args, **kwargs)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def folders(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_S3_BUCKET = ""
    return settings


def make_site(slug: str) -> Tenant:
    return provision_site(
        SiteSpec(
            slug=slug,
            kind="commune",
            parent="alpha",
            name=f"Xã Phục Hồi {slug}",
            domains=[f"{slug}.test"],
            languages=["vi"],
            board=board(slug),
        ),
        actor="tests",
    )


def drop_sites(*slugs: str) -> None:
    """Remove sites, their schemas, backups rows and files made by a test."""
    for slug in slugs:
        for backup in SiteBackup.objects.filter(site_key=slug):
            if not backup.location.startswith("s3://"):
                Path(backup.location).unlink(missing_ok=True)
        SiteBackup.objects.filter(site_key=slug).delete()
        BackupFailure.objects.filter(site_key=slug).delete()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{Tenant.schema_name_for(slug)}" CASCADE')
        for domain in Domain.objects.filter(tenant__slug=slug):
            registry.forget_hosts(domain.domain)
        Domain.objects.filter(tenant__slug=slug).delete()
        Tenant.objects.filter(slug=slug).delete()
        AuditEvent.objects.filter(site_key=slug).delete()
        # what the site's publishes and backups wrote to public (the exchange, the log)
        Offer.objects.filter(source_key=slug).delete()
        Incident.objects.filter(source_key=f"backup:{slug}").delete()


def drop_backups_of(*keys: str) -> None:
    for backup in SiteBackup.objects.filter(site_key__in=keys):
        if not backup.location.startswith("s3://"):
            Path(backup.location).unlink(missing_ok=True)
    SiteBackup.objects.filter(site_key__in=keys).delete()
    BackupFailure.objects.filter(site_key__in=keys).delete()
    # the incidents a failed backup opened and the fleet view's figure (operations.signals)
    Incident.objects.filter(source_key__in=[f"backup:{key or 'public'}" for key in keys]).delete()
    SiteFigures.objects.filter(tenant__slug__in=keys).update(last_verified_backup_at=None)


def remove_media(root, slug):
    shutil.rmtree(Path(root) / "sites" / slug, ignore_errors=True)
