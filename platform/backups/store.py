"""Where backup archives are kept: the local backup folder (embedded default) or
an S3 bucket (``BACKUP_S3_BUCKET``: MinIO in docker-compose, any S3 in production).

An archive is written under a temporary name and moved into place (local) or
uploaded whole (S3, one PUT or a multipart upload that completes or leaves
nothing visible), so a name that exists is always a complete archive.
"""

import shutil
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
