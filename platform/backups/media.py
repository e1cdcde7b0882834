"""A site's media on S3 (``AWS_STORAGE_BUCKET_NAME``) in its archive, and back.

Local media (the embedded default) is the folder ``MEDIA_ROOT/sites/<slug>/``, put
in the archive whole. On S3 the same names are keys under ``sites/<slug>/`` of the
media bucket: ``add_to_archive`` streams each object into the tar as
``media/<rest of the key>`` (read in chunks from the response: memory stays
bounded whatever the file's size), and ``restore`` uploads the archive's
``media/`` back under the site's prefix (``upload_file``: multipart from disk),
then removes the keys under the prefix that the archive does not have, so the
site's media are the archive's (uploads first: no moment without the files).
"""

from __future__ import annotations

import logging
import tarfile
from pathlib import Path
from typing import cast

from django.conf import settings

logger = logging.getLogger(__name__)


def on_s3() -> bool:
    return not settings.SERVE_LOCAL_MEDIA


def _options() -> dict:
    default = cast(dict, settings.STORAGES["default"])
    return default.get("OPTIONS", {})


def _client():
    import boto3
    from botocore.config import Config

    options = _options()
    return boto3.client(
        "s3",
        endpoint_url=options.get("endpoint_url") or None,
        region_name=options.get("region_name") or None,
        config=Config(retries={"max_attempts": 3}, connect_timeout=5, read_timeout=120),
    )


def _bucket() -> str:
    return _options()["bucket_name"]


def prefix_of(slug: str) -> str:
    return f"sites/{slug}/"


def _keys(client, prefix: str):
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=_bucket(), Prefix=prefix):
        for item in page.get("Contents", []):
            if not item["Key"].endswith("/"):
                yield item


def add_to_archive(tar: tarfile.TarFile, slug: str) -> int:
    """Stream the site's media objects into ``tar`` under ``media/``; returns how many."""
    client, prefix, count = _client(), prefix_of(slug), 0
    for item in _keys(client, prefix):
        info = tarfile.TarInfo("media/" + item["Key"][len(prefix) :])
        info.size = item["Size"]
        info.mtime = int(item["LastModified"].timestamp())
        body = client.get_object(Bucket=_bucket(), Key=item["Key"])["Body"]
        try:
            tar.addfile(info, body)  # copied in chunks of tar.copybufsize
        finally:
            body.close()
        count += 1
    return count


def restore(folder: Path, slug: str) -> int:
    """Make the site's media on S3 the files of ``folder`` (an archive's ``media/``);
    returns how many were uploaded."""
    client, prefix, bucket = _client(), prefix_of(slug), _bucket()
    wanted = set()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            key = prefix + path.relative_to(folder).as_posix()
            client.upload_file(str(path), bucket, key)
            wanted.add(key)
    extra = [item["Key"] for item in _keys(client, prefix) if item["Key"] not in wanted]
    for start in range(0, len(extra), 1000):
        client.delete_objects(
            Bucket=bucket,
            Delete={"Objects": [{"Key": key} for key in extra[start : start + 1000]]},
        )
    logger.info("Restored %s media files of %s to S3 (%s removed)", len(wanted), slug, len(extra))
    return len(wanted)
