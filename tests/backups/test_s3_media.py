"""Media on S3 (``AWS_STORAGE_BUCKET_NAME``) is in each site's archive, streamed
from the bucket, and a restore makes the site's keys in the bucket the archive's.
Against the S3 test server (moto), as the backup tests' S3."""

import tarfile
from pathlib import Path

import boto3
import pytest

from backups import services
from backups.restore import _restore_media
from tests import services as test_services
from tests.backups.conftest import committed, drop_backups_of

pytestmark = pytest.mark.django_db

BUCKET = "tep-trang"
BIG = bytes(range(256)) * 12_000  # 3 MB: streamed in chunks, not read whole


def test_s3_media_is_in_the_archive_and_restored(sites, folders, monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    process, endpoint = test_services.start_s3_server()
    try:
        folders.SERVE_LOCAL_MEDIA = False
        folders.STORAGES = {
            **folders.STORAGES,
            "default": {
                "BACKEND": "core.storage.SiteS3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "endpoint_url": endpoint,
                    "region_name": "us-east-1",
                    "default_acl": None,
                    "querystring_auth": False,
                    "file_overwrite": False,
                },
            },
        }
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        files = {
            "sites/beta/original_images/dong-lua.jpg": BIG,
            "sites/beta/documents/ke-hoach.pdf": b"%PDF-1.4 ke hoach",
            "sites/alpha/original_images/khac.jpg": b"not beta's",
        }
        for key, body in files.items():
            s3.put_object(Bucket=BUCKET, Key=key, Body=body)

        backup = committed(services.back_up, sites.beta)
        with tarfile.open(backup.location) as tar:
            media = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
            manifest = tar.extractfile("site.json").read().decode()
        assert media["media/original_images/dong-lua.jpg"] == BIG
        assert media["media/documents/ke-hoach.pdf"] == b"%PDF-1.4 ke hoach"
        assert not any("khac.jpg" in name for name in media)  # another site's file
        assert "sites/beta/" in manifest

        # the bucket changes after the backup: a file lost, one added
        s3.delete_object(Bucket=BUCKET, Key="sites/beta/original_images/dong-lua.jpg")
        s3.put_object(Bucket=BUCKET, Key="sites/beta/original_images/them.jpg", Body=b"x")
        archive = services.open_archive(Path(backup.location), "beta", tmp_path / "x")
        _restore_media(archive, "beta")
        listed = {o["Key"]: o["Size"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
        assert listed == {
            "sites/beta/original_images/dong-lua.jpg": len(BIG),
            "sites/beta/documents/ke-hoach.pdf": len(files["sites/beta/documents/ke-hoach.pdf"]),
            "sites/alpha/original_images/khac.jpg": len(b"not beta's"),
        }
        body = s3.get_object(Bucket=BUCKET, Key="sites/beta/original_images/dong-lua.jpg")
        assert body["Body"].read() == BIG
    finally:
        process.terminate()
        process.wait(timeout=10)
        committed(drop_backups_of, "beta")
