"""Backups of one site, written before it is archived or deleted.

A backup is one tar file, ``<BACKUP_DIR>/<slug>-<UTC time>.tar``
(e.g. ``sokhcn-20260403T081500Z.tar``), holding:

- ``site.json``: the site's registry record (name, kind, parent, theme, languages,
  status, domains), which lives in the public schema and is not in the dump;
- ``schema.dump``: ``pg_dump --format=custom`` of the site's schema (pages,
  revisions, images and documents records, users, groups, settings...);
  ``pg_restore --dbname=… schema.dump`` recreates the schema under its own name;
- ``row_counts`` in ``site.json``: the rows of each table at dump time, against
  which a restore is checked (``backups.services.verify``);
- ``media/``: the site's media folder (``sites/<slug>/`` under ``MEDIA_ROOT``)
  when media is stored locally. Media on S3 is **not** included: the bucket is
  backed up as a whole (docs/deployment.md), and ``site.json`` says so.

The dump reads what is committed: callers that must not lose a write between the
backup and what they do next hold the site's tables locked meanwhile
(``tenants.lifecycle``).
"""

import json
import logging
import shutil
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django_tenants.utils import schema_exists

from django.conf import settings
from django.utils.translation import gettext as _

from tenants.schema_dump import SchemaDumpError, dump_schema

logger = logging.getLogger(__name__)

#: version of the layout of a backup file, in its site.json
FORMAT = 1


class BackupError(RuntimeError):
    """A backup could not be written; nothing was kept of it."""


def media_folder(tenant) -> Path | None:
    """The site's local media folder, or None when media is on S3."""
    if not settings.SERVE_LOCAL_MEDIA:
        return None
    return Path(settings.MEDIA_ROOT) / "sites" / tenant.slug


def backup_site(tenant, *, reason: str = "") -> Path:
    """Write a backup of ``tenant`` into ``settings.BACKUP_DIR`` and return its path.

    Raises ``BackupError`` (with a Vietnamese message) if pg_dump or the file
    system fails; a partly written file is removed, so a file that exists in the
    folder is always complete.
    """
    folder = Path(settings.BACKUP_DIR)
    now = datetime.now(UTC)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = _free_name(folder, f"{tenant.slug}-{now:%Y%m%dT%H%M%SZ}")
        with tempfile.TemporaryDirectory(dir=folder, prefix=".partial-") as partial_dir:
            work = Path(partial_dir)
            has_schema = schema_exists(tenant.schema_name)
            if has_schema:
                dump_schema(
                    tenant.schema_name,
                    "--format=custom",
                    f"--file={work / 'schema.dump'}",
                    # never wait forever behind a lock queued after the caller's
                    "--lock-wait-timeout=60s",
                )
            media = media_folder(tenant)
            has_media = media is not None and media.is_dir()
            manifest = _manifest(tenant, now, reason, has_schema, media, has_media)
            if has_schema:
                # the caller holds the tables locked against writes: these are the dump's
                manifest["row_counts"] = _row_counts(tenant.schema_name)
            (work / "site.json").write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
            )
            partial = work / path.name
            with tarfile.open(partial, "w") as archive:
                archive.add(work / "site.json", arcname="site.json")
                if has_schema:
                    archive.add(work / "schema.dump", arcname="schema.dump")
                if media is not None and has_media:
                    archive.add(media, arcname="media")
            partial.replace(path)
    except SchemaDumpError as exc:
        raise BackupError(str(exc)) from exc
    except OSError as exc:
        raise BackupError(
            _("Không ghi được bản sao lưu của trang %(slug)s vào %(folder)s: %(error)s")
            % {"slug": tenant.slug, "folder": folder, "error": exc}
        ) from exc
    logger.info("Backed up site %s to %s", tenant.slug, path)
    return path


def _row_counts(schema: str) -> dict[str, int]:
    """Rows of each table of ``schema`` (restores are checked against them)."""
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", [schema]
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT count(*) FROM "{schema}"."{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def _free_name(folder: Path, stem: str) -> Path:
    """``<stem>.tar`` in ``folder``, or ``<stem>-2.tar``… if taken (two backups in a second)."""
    path, n = folder / f"{stem}.tar", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.tar"
    return path


def _manifest(tenant, now, reason, has_schema, media, has_media) -> dict:
    if media is None:
        media_note = "not included: media is on S3 (bucket backed up separately)"
    elif has_media:
        media_note = "included (media/)"
    else:
        media_note = "none: the site has no local media folder"
    return {
        "format": FORMAT,
        "backed_up_at": now.isoformat(),
        "reason": reason,
        "site": {
            "slug": tenant.slug,
            "name": tenant.name,
            "name_en": tenant.name_en,
            "kind": tenant.kind,
            "parent": tenant.parent.slug if tenant.parent_id else None,
            "status": tenant.status,
            "theme": tenant.theme,
            "languages": list(tenant.languages),
            "schema_name": tenant.schema_name,
            "created_at": tenant.created_at.isoformat() if tenant.created_at else None,
        },
        "domains": [
            {"domain": d.domain, "is_primary": d.is_primary}
            for d in tenant.domains.order_by("-is_primary", "domain")
        ],
        "schema": "schema.dump (pg_dump --format=custom)" if has_schema else "none: no schema",
        "media": media_note,
    }


def remove_media(slug: str) -> None:
    """Delete a deleted site's local media folder (after its final backup)."""
    if not settings.SERVE_LOCAL_MEDIA:
        return
    folder = Path(settings.MEDIA_ROOT) / "sites" / slug
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
