"""Where backup archives are kept: the local backup folder (embedded default) or
an S3 bucket (``BACKUP_S3_BUCKET``: MinIO in docker-compose, any S3 in production).

An archive is written under a temporary name and moved into place (local) or
uploaded whole (S3, one PUT or a multipart upload that completes or leaves
nothing visible), so a name that exists is always a complete archive.
"""

import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _


class StoreError(RuntimeError):
    """The backup store cannot be reached or written (a Vietnamese message)."""


def uses_s3() -> bool:
    return bool(settings.BACKUP_S3_BUCKET)


def _client():
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=settings.BACKUP_S3_ENDPOINT_URL or None,
        region_name=settings.BACKUP_S3_REGION,
        config=Config(retries={"max_attempts": 2}, connect_timeout=5, read_timeout=60),
    )


def put(local: Path, name: str) -> str:
    """Store ``local`` as ``name``; returns its location (``s3://bucket/key`` or a path)."""
    try:
        if uses_s3():
            key = settings.BACKUP_S3_PREFIX + name
            _client().upload_file(str(local), settings.BACKUP_S3_BUCKET, key)
            return f"s3://{settings.BACKUP_S3_BUCKET}/{key}"
        target = Path(settings.BACKUP_DIR) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".partial-{target.name}")
        shutil.copyfile(local, partial)
        partial.replace(target)
        return str(target)
    except Exception as exc:  # botocore's errors and OSError alike: the store failed
        raise StoreError(
            _("Không lưu được bản sao lưu %(name)s: %(error)s") % {"name": name, "error": exc}
        ) from exc


def get(location: str, local: Path) -> None:
    """Copy the archive at ``location`` to the file ``local``."""
    try:
        if location.startswith("s3://"):
            bucket, key = location[5:].split("/", 1)
            _client().download_file(bucket, key, str(local))
        else:
            shutil.copyfile(location, local)
    except Exception as exc:
        raise StoreError(
            _("Không đọc được bản sao lưu %(location)s: %(error)s")
            % {"location": location, "error": exc}
        ) from exc


def delete(location: str) -> None:
    try:
        if location.startswith("s3://"):
            bucket, key = location[5:].split("/", 1)
            _client().delete_object(Bucket=bucket, Key=key)
        else:
            Path(location).unlink(missing_ok=True)
    except Exception as exc:
        raise StoreError(
            _("Không xoá được bản sao lưu %(location)s: %(error)s")
            % {"location": location, "error": exc}
        ) from exc


#: the name of a scheduled backup's archive: ``<key>/<key>-<UTC time>.tar`` (``public``
#: for the control plane), or its temporary name while it is written (local)
ARCHIVE_NAME = re.compile(
    r"^(?P<key>[a-z][a-z0-9_]*)/(?:\.partial-)?(?P=key)-\d{8}T\d{6}\d*Z\.tar$"
)


def listing() -> Iterator[tuple[str, datetime]]:
    """Every archive of the scheduled backups in the store, with the time it was
    written: ``(location, modified)``. Only names of the form ``ARCHIVE_NAME`` are
    listed (the lifecycle's final backups, at the top of ``BACKUP_DIR``, and any
    other file never are)."""
    try:
        if uses_s3():
            prefix = settings.BACKUP_S3_PREFIX
            bucket = settings.BACKUP_S3_BUCKET
            pages = (
                _client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            )
            for page in pages:
                for item in page.get("Contents", []):
                    name = item["Key"][len(prefix) :]
                    if ARCHIVE_NAME.match(name):
                        yield f"s3://{bucket}/{item['Key']}", item["LastModified"]
            return
        root = Path(settings.BACKUP_DIR)
        if not root.is_dir():
            return
        for path in sorted(root.glob("*/*")):
            name = f"{path.parent.name}/{path.name}"
            if path.is_file() and ARCHIVE_NAME.match(name):
                yield str(path), datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except Exception as exc:
        raise StoreError(
            _("Không liệt kê được các bản sao lưu đã lưu: %(error)s") % {"error": exc}
        ) from exc
