"""Scheduled, verified backups: what is recorded, retention, failures, S3."""

import tarfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import boto3
import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from backups import services
from backups.models import BackupFailure, BackupSchedule, SiteBackup
from backups.tasks import run_due_backups
from tests import services as test_services
from tests.backups.conftest import committed, drop_backups_of

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def live_counts(schema):
    counts = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", [schema]
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT count(*) FROM "{schema}"."{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


# --- retention and the interval: rules ---------------------------------------------------


def test_retention_keeps_14_daily_8_weekly_12_monthly():
    now = datetime(2026, 12, 4, 2, 0, tzinfo=TZ)
    times = [now - timedelta(days=d) for d in range(500)]  # one backup a day for 500 days
    kept = services.to_keep(times, daily=14, weekly=8, monthly=12)
    # the last 14 days, each
    assert all(now - timedelta(days=d) in kept for d in range(14))
    # one per ISO week for the 8 most recent weeks
    weeks = {t.isocalendar()[:2] for t in kept}
    recent_weeks = sorted({t.isocalendar()[:2] for t in times}, reverse=True)[:8]
    assert set(recent_weeks) <= weeks
    # one per month for 12 months, and nothing older than the 12th month
    months = sorted({(t.year, t.month) for t in kept}, reverse=True)
    assert months == sorted({(t.year, t.month) for t in times}, reverse=True)[:12]
    assert min(kept) == datetime(2026, 1, 31, 2, 0, tzinfo=TZ)  # the newest of January
    assert len(kept) <= 14 + 8 + 12
    # a week with several backups keeps only its newest, outside the daily window
    assert now - timedelta(days=15) not in kept or (now - timedelta(days=15)).weekday() == 6


def test_retention_always_keeps_the_newest():
    one = datetime(2026, 1, 1, tzinfo=TZ)
    assert services.to_keep([one], 0, 0, 0) == {one}


def test_interval_is_at_most_twice_a_week(sites):
    schedule = BackupSchedule(site=sites.beta, interval_hours=85)
    with pytest.raises(ValidationError) as err:
        schedule.full_clean()
    assert "hai lần mỗi tuần" in str(err.value)
    schedule.interval_hours = 84
    schedule.full_clean()


# --- a verified backup -------------------------------------------------------------------


def test_beat_task_backs_up_every_due_site_and_public_verified(sites, folders):
    def run():
        before = {s: live_counts(f"site_{s}") for s in ("alpha", "beta", "gamma")}
        result = run_due_backups.apply().get()
        second = run_due_backups.apply().get()  # nothing is due any more
        return before, result, second

    try:
        before, result, second = committed(run)
        assert result["failed"] == 0
        assert result["verified"] >= 4  # alpha, beta, gamma (and any other active site), public
        assert second == {"verified": 0, "failed": 0}
        for slug in ("alpha", "beta", "gamma"):
            backup = SiteBackup.objects.get(site_key=slug)
            assert backup.row_counts == before[slug]
            assert backup.row_counts["wagtailcore_page"] > 1
            path = Path(backup.location)
            assert path.is_file() and path.stat().st_size == backup.size
            with tarfile.open(path) as tar:
                assert {"site.json", "schema.dump"} <= set(tar.getnames())
        public = SiteBackup.objects.get(site_key="")
        assert public.row_counts["tenants_tenant"] >= 3
    finally:
        committed(drop_backups_of, "", "alpha", "beta", "gamma")


def test_a_site_whose_interval_has_not_passed_is_not_due(sites, folders):
    def run():
        services.run_backups(["gamma"])
        BackupSchedule.objects.create(site=sites.gamma, interval_hours=72)
        SiteBackup.objects.filter(site_key="gamma").update(
            verified_at=datetime.now(TZ) - timedelta(hours=48)
        )
        due_48h = [s.slug for s in services.due_sites()]
        SiteBackup.objects.filter(site_key="gamma").update(
            verified_at=datetime.now(TZ) - timedelta(hours=73)
        )
        return due_48h, [s.slug for s in services.due_sites()]

    try:
        due_48h, due_73h = committed(run)
        assert "gamma" not in due_48h and "alpha" in due_48h
        assert "gamma" in due_73h
    finally:
        committed(lambda: BackupSchedule.objects.filter(site=sites.gamma).delete())
        committed(drop_backups_of, "gamma")


# --- faults --------------------------------------------------------------------------------


def test_s3_down_fails_loudly_is_recorded_alerted_then_resumes(sites, folders, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    folders.BACKUP_S3_BUCKET = "sao-luu"
    folders.BACKUP_S3_ENDPOINT_URL = f"http://127.0.0.1:{test_services.free_port()}"
    folders.BACKUP_ALERT_EMAILS = ["vanhanh@tinh.test"]
    heard = []

    def listener(sender, site_key, error, failure, **kwargs):
        heard.append((site_key, failure.pk))

    services.backup_failed.connect(listener)
    process, endpoint = test_services.start_s3_server()
    try:
        with pytest.raises(Exception):  # noqa: B017 (the command's CommandError)
            committed(call_command, "backup_sites", "beta")
        assert not SiteBackup.objects.filter(site_key="beta").exists()
        failure = BackupFailure.objects.get(site_key="beta")
        assert failure.attempts == 3  # BACKUP_RETRIES = 2, plus the first
        assert "Không lưu được bản sao lưu beta/" in failure.error
        assert heard == [("beta", failure.pk)]
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["vanhanh@tinh.test"]
        assert "Xã Bê Ta" in mail.outbox[0].subject
        # the incident log has it, opened by itself (operations.signals)
        from operations.models import Incident

        incident = Incident.objects.get(source_key="backup:beta")
        assert incident.automatic and incident.closed_at is None

        # S3 is back: the next run completes, to the bucket
        folders.BACKUP_S3_ENDPOINT_URL = endpoint
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        client.create_bucket(Bucket="sao-luu")
        outcomes = committed(services.run_backups, None, include_public=False)
        assert "beta" in {o.site_key for o in outcomes if o.backup}
        backup = SiteBackup.objects.get(site_key="beta")
        assert backup.location.startswith("s3://sao-luu/backups/beta/")
        key = backup.location.removeprefix("s3://sao-luu/")
        assert client.head_object(Bucket="sao-luu", Key=key)["ContentLength"] == backup.size
        # the good backup closes the automatic incident and shows in the fleet view
        incident.refresh_from_db()
        assert not incident.is_open
        from operations.models import SiteFigures

        assert SiteFigures.objects.get(tenant__slug="beta").last_verified_backup_at == (
            backup.verified_at
        )
    finally:
        services.backup_failed.disconnect(listener)
        process.terminate()
        process.wait(timeout=10)
        committed(drop_backups_of, "", "alpha", "beta", "gamma")
