"""Archives no backup row refers to (a run killed after its upload) are removed by
the scheduled run once older than the grace period; referenced archives, the
lifecycle's final backups and other files never are. Local folder and S3."""

import os
import time
from datetime import timedelta

import boto3
import pytest

from django.utils import timezone

from backups import services
from backups.models import Reason, SiteBackup
from tests import services as test_services
from tests.backups.conftest import committed, drop_backups_of

pytestmark = pytest.mark.django_db

OLD = "20261101T010203000001Z"
NEW = "20261203T010203000001Z"


def record(site_key: str, location: str, age=timedelta(hours=1)) -> SiteBackup:
    when = timezone.now() - age
    return SiteBackup.objects.create(
        site_key=site_key,
        reason=Reason.SCHEDULED,
        started_at=when,
        verified_at=when,
        location=location,
        size=1,
        sha256="0" * 64,
    )


def test_local_orphans_are_swept_by_the_scheduled_run(sites, folders):
    root = folders.BACKUP_DIR
    (root / "beta").mkdir(parents=True)
    files = {
        "orphan": root / "beta" / f"beta-{OLD}.tar",
        "partial": root / "beta" / f".partial-beta-{OLD}.tar",
        "referenced": root / "beta" / f"beta-{NEW}.tar",
        "fresh": root / "beta" / "beta-20261204T000000000001Z.tar",
        "final": root / f"beta-{OLD}.tar",  # the lifecycle's final backup (top level)
        "other": root / "beta" / "ghi-chu.txt",
    }
    two_days_ago = time.time() - 2 * 86400
    for name, path in files.items():
        path.write_bytes(b"x")
        if name != "fresh":
            os.utime(path, (two_days_ago, two_days_ago))

    def scenario():
        # every site and public have a recent verified backup: the run backs up
        # nothing, it only sweeps (the archive of the beta row is the referenced file)
        record("beta", str(files["referenced"]))
        for key in ("", "alpha", "gamma"):
            record(key, f"/khong-co/{key or 'public'}.tar")
        outcomes = services.run_backups(None)
        return outcomes, {name for name, path in files.items() if path.exists()}

    try:
        outcomes, left = committed(scenario)
    finally:
        committed(drop_backups_of, "", "alpha", "beta", "gamma")
    assert outcomes == []  # nothing was due
    assert left == {"referenced", "fresh", "final", "other"}


def test_s3_orphans_are_swept_never_a_referenced_one(sites, folders, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    process, endpoint = test_services.start_s3_server()
    try:
        folders.BACKUP_S3_BUCKET = "sao-luu"
        folders.BACKUP_S3_ENDPOINT_URL = endpoint
        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
        client.create_bucket(Bucket="sao-luu")
        prefix = folders.BACKUP_S3_PREFIX
        keys = {
            "orphan": f"{prefix}beta/beta-{OLD}.tar",
            "referenced": f"{prefix}beta/beta-{NEW}.tar",
            "other": f"{prefix}beta/ghi-chu.txt",
            "elsewhere": f"khac/beta/beta-{OLD}.tar",
        }
        for key in keys.values():
            client.put_object(Bucket="sao-luu", Key=key, Body=b"x")
        record("beta", f"s3://sao-luu/{keys['referenced']}")
        # just written: within the grace period, nothing goes
        assert services.sweep_orphans() == []
        # two days later (moto cannot backdate an object: the clock moves instead)
        removed = services.sweep_orphans(now=timezone.now() + timedelta(days=2))
        assert removed == [f"s3://sao-luu/{keys['orphan']}"]
        listed = {o["Key"] for o in client.list_objects_v2(Bucket="sao-luu")["Contents"]}
        assert listed == {keys["referenced"], keys["other"], keys["elsewhere"]}
    finally:
        process.terminate()
        process.wait(timeout=10)
