"""Scheduled, verified backups of every active site and of ``public``; pruning.

One backup (``back_up``) is a tar archive like the lifecycle's (``tenants.backup``):
``site.json`` (the registry record, the row count of every table), ``schema.dump``
(``pg_dump --format=custom``) and ``media/`` (the site's media: its local folder, or
its keys on S3 streamed in, ``backups.media``). The dump and the counts
are read in one snapshot (``pg.dump_with_counts``). The archive is stored
(``store``), read back from the store, restored into a scratch database and its
row counts compared with the counts at dump time; only then is a ``SiteBackup``
row written. A run killed midway leaves at most an unrecorded file (removed by a
later scheduled run once older than ``BACKUP_ORPHAN_GRACE_HOURS``: ``sweep_orphans``)
and the next run, which backs up every site whose last *verified* backup is older
than its interval, completes the set.

Failures are retried (``BACKUP_RETRIES``), then recorded (``BackupFailure``),
e-mailed to the operators and announced with the ``backup_failed`` signal
(the incident log connects to it); a success sends ``backup_succeeded``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tarfile
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django_tenants.utils import get_public_schema_name, schema_context

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import connections
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from backups import media as s3_media
from backups import pg, store
from backups.models import (
    DEFAULT_INTERVAL_HOURS,
    PUBLIC_KEY,
    BackupFailure,
    BackupSchedule,
    Reason,
    SiteBackup,
)
from tenants.backup import _manifest, media_folder
from tenants.models import SiteStatus, Tenant

logger = logging.getLogger(__name__)

#: sent with ``site_key`` ("" for public), ``error`` and ``failure`` (the row)
backup_failed = Signal()
#: sent with ``site_key`` and ``backup`` (the verified ``SiteBackup``)
backup_succeeded = Signal()

#: a backup is due a little before its interval ends (beat looks every 10 minutes)
SLACK = timedelta(minutes=15)
#: the advisory lock held by the scheduled run (any number: this one is the backups')
RUN_LOCK = 74_221_401


class BackupFailed(RuntimeError):
    """A backup could not be made, stored or verified (a Vietnamese message)."""


class VerifyError(BackupFailed):
    """An archive is corrupt, of another site, or does not restore as recorded."""


# --- one backup ---------------------------------------------------------------------


def back_up(site: Tenant | None, *, reason: str = Reason.SCHEDULED) -> SiteBackup:
    """Back up ``site`` (None: the ``public`` schema), verify it, record it."""
    key = site.slug if site else PUBLIC_KEY
    schema = site.schema_name if site else get_public_schema_name()
    started = timezone.now()
    clock = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="backup-") as tmp:
        work = Path(tmp)
        try:
            counts = pg.dump_with_counts(schema, work / "schema.dump")
        except pg.DumpError as exc:
            raise BackupFailed(str(exc)) from exc
        manifest = _public_manifest(started) if site is None else _site_manifest(site, started)
        manifest["row_counts"] = counts
        (work / "site.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        archive = work / "archive.tar"
        with tarfile.open(archive, "w") as tar:
            tar.add(work / "site.json", arcname="site.json")
            tar.add(work / "schema.dump", arcname="schema.dump")
            media = media_folder(site) if site else None
            if media is not None and media.is_dir():
                tar.add(media, arcname="media")
            elif site is not None and s3_media.on_s3():
                try:
                    manifest_media = s3_media.add_to_archive(tar, site.slug)
                except Exception as exc:  # botocore's errors, a short read: the backup failed
                    raise BackupFailed(
                        _("Không đọc được tệp của trang trên S3: %(error)s") % {"error": exc}
                    ) from exc
                logger.info("%s media files of %s from S3", manifest_media, key)
        digest = _sha256(archive)
        name = f"{key or 'public'}/{key or 'public'}-{started:%Y%m%dT%H%M%S%fZ}.tar"
        try:
            location = store.put(archive, name)
        except store.StoreError as exc:
            raise BackupFailed(str(exc)) from exc
        # read back what the store holds, and restore it before trusting it
        readback = work / "readback.tar"
        try:
            store.get(location, readback)
            if _sha256(readback) != digest:
                raise VerifyError(_("Bản đọc lại từ nơi lưu khác bản đã ghi."))
            verify(readback, key)
        except (store.StoreError, VerifyError) as exc:
            _forget(location)
            raise BackupFailed(str(exc)) from exc
        size = archive.stat().st_size
    backup = SiteBackup.objects.create(
        site=site,
        site_key=key,
        reason=reason,
        started_at=started,
        verified_at=timezone.now(),
        location=location,
        size=size,
        sha256=digest,
        row_counts=counts,
        seconds=round(time.monotonic() - clock, 2),
    )
    logger.info("Verified backup of %s: %s (%s bytes)", key or "public", location, size)
    return backup


def _forget(location: str) -> None:
    try:
        store.delete(location)
    except store.StoreError:
        logger.warning("Could not remove the unverified archive %s", location)


def _site_manifest(site: Tenant, now) -> dict:
    media = media_folder(site)
    manifest = _manifest(site, now, "scheduled", True, media, media is not None and media.is_dir())
    manifest["scope"] = "site"
    if media is None and s3_media.on_s3():
        manifest["media"] = f"included (media/): the keys under {s3_media.prefix_of(site.slug)}"
    return manifest


def _public_manifest(now) -> dict:
    return {"format": 1, "scope": "public", "backed_up_at": now.isoformat(), "site": None}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- verification ----------------------------------------------------------------------


@dataclass
class Archive:
    """An archive opened and checked: its manifest and its extracted dump."""

    manifest: dict
    dump: Path
    media: Path | None
    folder: Path


def open_archive(path: Path, expected_key: str, folder: Path) -> Archive:
    """Extract and check ``path``: a tar with a manifest of ``expected_key`` and a
    dump pg_restore can list. Raises ``VerifyError`` (nothing is changed)."""
    try:
        with tarfile.open(path, "r") as tar:
            tar.extractall(folder, filter="data")
        manifest = json.loads((folder / "site.json").read_text(encoding="utf-8"))
    except (tarfile.TarError, OSError, ValueError) as exc:
        raise VerifyError(
            _("Tệp sao lưu bị hỏng hoặc không phải bản sao lưu: %(error)s") % {"error": exc}
        ) from exc
    site = manifest.get("site") or {}
    key = site.get("slug", PUBLIC_KEY) if manifest.get("scope") != "public" else PUBLIC_KEY
    if key != expected_key:
        raise VerifyError(
            _("Bản sao lưu này là của trang “%(found)s”, không phải của trang “%(expected)s”.")
            % {"found": key or "public", "expected": expected_key or "public"}
        )
    dump = folder / "schema.dump"
    if not dump.is_file():
        raise VerifyError(_("Bản sao lưu không có dữ liệu của trang (schema.dump)."))
    try:
        pg.list_archive(dump)
    except pg.DumpError as exc:
        raise VerifyError(
            _("Dữ liệu trong bản sao lưu bị hỏng: %(error)s") % {"error": exc}
        ) from exc
    media = folder / "media"
    return Archive(manifest, dump, media if media.is_dir() else None, folder)


def verify(path: Path, expected_key: str) -> dict[str, int]:
    """Restore the archive into a scratch database and compare its row counts with
    those recorded at dump time; returns the counts. Raises ``VerifyError``."""
    with tempfile.TemporaryDirectory(prefix="verify-") as tmp:
        archive = open_archive(path, expected_key, Path(tmp))
        return verify_restores(archive)


def verify_restores(archive: Archive, *, keep=None) -> dict[str, int]:
    """Restore ``archive`` into a scratch database and compare its counts; ``keep``
    (a callable) is given the scratch database's name before it is dropped."""
    schema = _schema_of(archive.manifest)
    expected = archive.manifest.get("row_counts")
    with pg.scratch_database(for_public=schema == get_public_schema_name()) as scratch:
        try:
            pg.restore(archive.dump, scratch)
        except pg.DumpError as exc:
            raise VerifyError(
                _("Bản sao lưu không phục hồi được vào cơ sở dữ liệu thử: %(error)s")
                % {"error": exc}
            ) from exc
        with pg.connect(scratch) as conn, conn.cursor() as cursor:
            found = pg.row_counts(cursor, schema)
        if expected is not None and found != expected:
            diff = sorted(
                t for t in expected.keys() | found.keys() if expected.get(t) != found.get(t)
            )
            raise VerifyError(
                _("Số dòng sau khi phục hồi thử khác lúc sao lưu (bảng: %(tables)s).")
                % {"tables": ", ".join(diff[:10])}
            )
        if keep is not None:
            keep(scratch)
    return found


def _schema_of(manifest: dict) -> str:
    if manifest.get("scope") == "public":
        return get_public_schema_name()
    return manifest["site"]["schema_name"]


# --- runs ----------------------------------------------------------------------------


@dataclass
class Outcome:
    site_key: str
    backup: SiteBackup | None = None
    error: str = ""
    skipped: bool = False


def due_sites(now=None) -> list[Tenant]:
    """Active sites whose last verified backup is older than their interval."""
    now = now or timezone.now()
    intervals = dict(BackupSchedule.objects.values_list("site_id", "interval_hours"))
    last = _last_verified()
    due = []
    for site in Tenant.objects.filter(status=SiteStatus.ACTIVE).order_by("slug"):
        hours = intervals.get(site.pk, DEFAULT_INTERVAL_HOURS)
        seen = last.get(site.slug)
        if seen is None or seen <= now - timedelta(hours=hours) + SLACK:
            due.append(site)
    return due


def public_due(now=None) -> bool:
    now = now or timezone.now()
    seen = _last_verified().get(PUBLIC_KEY)
    return seen is None or seen <= now - timedelta(hours=DEFAULT_INTERVAL_HOURS) + SLACK


def _last_verified() -> dict[str, datetime]:
    from django.db.models import Max

    return dict(
        SiteBackup.objects.values("site_key")
        .annotate(last=Max("verified_at"))
        .values_list("site_key", "last")
    )


def run_backups(
    slugs: Iterable[str] | None = None,
    *,
    include_public: bool | None = None,
    reason: str = Reason.SCHEDULED,
    parallelism: int | None = None,
) -> list[Outcome]:
    """Back up the sites named (all that are due when None, and ``public`` if due),
    ``parallelism`` at a time; each with its retries; then prune. Never raises for
    one site: the outcomes say what failed (and it was recorded and alerted)."""
    with schema_context(get_public_schema_name()):
        if slugs is not None:
            return _run_backups(slugs, include_public, reason, parallelism)
        # one scheduled run at a time: a long run is not joined by the next beat's
        with pg.connect(autocommit=True) as lock:
            row = lock.execute("SELECT pg_try_advisory_lock(%s)", [RUN_LOCK]).fetchone()
            if not (row and row[0]):
                logger.info("A backup run is still going on; this one is skipped")
                return []
            pg.drop_abandoned_scratch_databases()
            outcomes = _run_backups(slugs, include_public, reason, parallelism)
            try:
                sweep_orphans()
            except store.StoreError as exc:
                logger.warning("Orphan archives not swept this time: %s", exc)
            return outcomes


def _run_backups(slugs, include_public, reason, parallelism) -> list[Outcome]:
    if slugs is None:
        sites = due_sites()
        with_public = public_due() if include_public is None else include_public
    else:
        wanted = list(slugs)
        found = {t.slug: t for t in Tenant.objects.filter(slug__in=wanted)}
        unknown = [s for s in wanted if s not in found]
        if unknown:
            raise BackupFailed(_("Không có trang: %(slugs)s.") % {"slugs": ", ".join(unknown)})
        sites = [found[s] for s in wanted]
        with_public = bool(include_public)
    jobs: list[Tenant | None] = [*([None] if with_public else []), *sites]
    workers = max(1, parallelism or settings.BACKUP_PARALLELISM)
    if workers == 1 or len(jobs) <= 1:
        outcomes = [_back_up_with_retries(job, reason) for job in jobs]
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="backup") as pool:
            outcomes = list(pool.map(lambda job: _in_thread(job, reason), jobs))
    for key in {o.site_key for o in outcomes if o.backup}:
        prune(key)
    return outcomes


def _in_thread(site, reason) -> Outcome:
    try:
        return _back_up_with_retries(site, reason)
    finally:
        connections.close_all()


def _back_up_with_retries(site: Tenant | None, reason: str) -> Outcome:
    key = site.slug if site else PUBLIC_KEY
    attempts = max(1, settings.BACKUP_RETRIES + 1)
    error = ""
    for attempt in range(1, attempts + 1):
        try:
            backup = back_up(site, reason=reason)
        except BackupFailed as exc:
            error = str(exc)
            logger.warning(
                "Backup of %s failed (attempt %s/%s): %s", key or "public", attempt, attempts, error
            )
            if attempt < attempts:
                time.sleep(settings.BACKUP_RETRY_SECONDS)
            continue
        except Exception as exc:  # a bug or a lost connection: still recorded, never silent
            logger.exception("Backup of %s failed", key or "public")
            error = f"{type(exc).__name__}: {exc}"
            break
        backup_succeeded.send(sender=SiteBackup, site_key=key, backup=backup)
        return Outcome(key, backup=backup)
    _record_failure(site, key, attempts, error)
    return Outcome(key, error=error)


def _record_failure(site, key: str, attempts: int, error: str) -> BackupFailure:
    failure = BackupFailure.objects.create(
        site=site, site_key=key, attempts=attempts, error=error[:5000]
    )
    label = site.name if site else "public"
    try:
        send_mail(
            _("[Sao lưu] Không sao lưu được trang %(site)s") % {"site": label},
            _(
                "Sao lưu trang %(site)s (%(key)s) thất bại sau %(attempts)s lần thử "
                "lúc %(at)s.\n\nLỗi: %(error)s\n\nBản sao lưu đã kiểm tra gần nhất vẫn là "
                "bản trước đó; lần chạy sau sẽ thử lại."
            )
            % {
                "site": label,
                "key": key or "public",
                "attempts": attempts,
                "at": timezone.localtime(failure.at).strftime("%d/%m/%Y %H:%M"),
                "error": error,
            },
            None,
            operator_emails(),
        )
    except Exception:
        logger.exception("Could not e-mail the operators about the failed backup of %s", key)
    backup_failed.send(sender=SiteBackup, site_key=key, error=error, failure=failure)
    return failure


def operator_emails() -> list[str]:
    """``BACKUP_ALERT_EMAILS``, or every active console operator's address."""
    if settings.BACKUP_ALERT_EMAILS:
        return list(settings.BACKUP_ALERT_EMAILS)
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


# --- retention ---------------------------------------------------------------------------


def to_keep(times: Iterable[datetime], daily: int, weekly: int, monthly: int) -> set[datetime]:
    """The times kept by the retention rule: the newest backup of each of the
    ``daily`` most recent days that have one, of each of the ``weekly`` most recent
    ISO weeks, and of each of the ``monthly`` most recent months (local time).
    The newest backup is always kept."""
    ordered = sorted(set(times), reverse=True)
    kept: set[datetime] = set(ordered[:1])
    for count, period in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: list = []
        for t in ordered:
            p = period(timezone.localtime(t))
            if p in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(p)
            kept.add(t)
    return kept


def prune(site_key: str) -> int:
    """Delete the backups of ``site_key`` the retention rule does not keep (their
    archives first); returns how many. Backups made before a restore are kept
    like the others."""
    backups = list(SiteBackup.objects.filter(site_key=site_key))
    keep = to_keep(
        (b.verified_at for b in backups),
        settings.BACKUP_KEEP_DAILY,
        settings.BACKUP_KEEP_WEEKLY,
        settings.BACKUP_KEEP_MONTHLY,
    )
    removed = 0
    for backup in backups:
        if backup.verified_at in keep:
            continue
        try:
            store.delete(backup.location)
        except store.StoreError:
            logger.warning("Could not prune %s; kept for the next run", backup.location)
            continue
        backup.delete()
        removed += 1
    return removed


def sweep_orphans(now=None) -> list[str]:
    """Remove the archives in the store that no backup row references and that are
    older than ``BACKUP_ORPHAN_GRACE_HOURS``: what a run killed between the upload
    and its row left behind (a run under way records its archive within minutes).
    A referenced archive is never removed, nor a file not named as the scheduled
    backups name theirs (``store.ARCHIVE_NAME``). Returns the locations removed."""
    from tenants.models import AuditEvent

    now = now or timezone.now()
    older_than = now - timedelta(hours=settings.BACKUP_ORPHAN_GRACE_HOURS)
    referenced = {
        _same(location) for location in SiteBackup.objects.values_list("location", flat=True)
    }
    # the lifecycle's final backups (named by their audit events) are kept as well
    for details in AuditEvent.objects.filter(details__has_key="backup").values_list(
        "details", flat=True
    ):
        if isinstance(details.get("backup"), str):
            referenced.add(_same(details["backup"]))
    removed = []
    for location, modified in list(store.listing()):
        if _same(location) in referenced or modified > older_than:
            continue
        try:
            store.delete(location)
        except store.StoreError:
            logger.warning("Could not remove the orphan archive %s", location)
            continue
        logger.info("Removed the orphan archive %s (no backup refers to it)", location)
        removed.append(location)
    return removed


def _same(location: str) -> str:
    """One spelling of a location: local paths resolved (a relative ``BACKUP_DIR``
    and an absolute one name the same file)."""
    return location if location.startswith("s3://") else str(Path(location).resolve())


def last_backups() -> dict[str, SiteBackup]:
    """The newest verified backup of each site key (one query)."""
    rows = SiteBackup.objects.order_by("site_key", "-verified_at").distinct("site_key")
    return {b.site_key: b for b in rows}


def stale_since(now=None) -> datetime:
    from backups.models import STALE_AFTER

    return (now or timezone.now()) - STALE_AFTER
