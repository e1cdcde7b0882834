"""Restoring a site from a verified backup: in place, as a copy, or a deleted site.

Every restore first opens the archive, checks it is the site's and restores it
into a scratch database (``services.verify_restores``): a corrupt or wrong-site
archive is refused before anything changes. Then:

- **in place** (typed confirmation): the current state is backed up (and
  verified) first; the site's schema is renamed aside, the dump restored in one
  transaction, the old schema dropped (or renamed back if the restore fails);
- **as a copy** (``as_slug``): the schema is renamed in the scratch database and
  restored as ``site_<as_slug>``; a new registry row and a domain
  ``<as-slug>.<BACKUP_COPY_DOMAIN>`` make it reachable; its media names are the
  original's (``sites/<slug>/…``), so it shows the original's files;
- **a deleted site**: its registry row and domains are recreated from the
  archive's ``site.json`` and the schema restored under its own name; its slug
  (the site key) is the same, so its offers in the exchange refer to it again.

Then the schema's pending migrations run, its Wagtail Site follows its domains
and its page cache is purged. Media come back from the archive's ``media/``
(to the local folder, or under the site's prefix in the S3 media bucket).
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django_tenants.utils import get_public_schema_name, schema_context

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext as _

from backups import media as s3_media
from backups import pg, store
from backups.models import Reason, SiteBackup
from backups.services import (
    Archive,
    BackupFailed,
    VerifyError,
    back_up,
    open_archive,
    verify_restores,
)
from tenants import services as tenant_services
from tenants.db import connection
from tenants.models import AuditEvent, Domain, SiteStatus, Tenant, record

logger = logging.getLogger(__name__)


@dataclass
class Restored:
    site: Tenant
    domain: str
    backup_location: str
    pre_restore: SiteBackup | None = None


def find_backup(slug: str, backup_id: int | None = None) -> tuple[str, SiteBackup | None]:
    """The archive to restore ``slug`` from: the backup ``backup_id``, else the newest
    verified one, else (a deleted site) the final backup its deletion recorded."""
    if backup_id is not None:
        backup = SiteBackup.objects.filter(pk=backup_id).first()
        if backup is None:
            raise ValidationError(_("Không có bản sao lưu số %(id)s.") % {"id": backup_id})
        if backup.site_key != slug:
            raise ValidationError(
                _("Bản sao lưu số %(id)s là của trang “%(other)s”, không phải “%(slug)s”.")
                % {"id": backup_id, "other": backup.site_key or "public", "slug": slug}
            )
        return backup.location, backup
    deleted = (
        AuditEvent.objects.filter(site_key=slug, action="site.deleted").order_by("-at").first()
    )
    newest = SiteBackup.objects.filter(site_key=slug).order_by("-verified_at").first()
    if (
        deleted
        and not Tenant.objects.filter(slug=slug).exists()
        and (newest is None or newest.verified_at < deleted.at)
    ):
        return deleted.details["backup"], None
    if newest is None:
        raise ValidationError(_("Trang “%(slug)s” chưa có bản sao lưu nào.") % {"slug": slug})
    return newest.location, newest


def _no_progress(step: str) -> None:
    pass


def restore_site(
    slug: str,
    *,
    actor,
    backup_id: int | None = None,
    as_slug: str | None = None,
    confirmation: str = "",
    progress: Callable[[str], None] = _no_progress,
) -> Restored:
    """Restore ``slug`` (see the module); raises ``ValidationError`` (Vietnamese) and
    changes nothing when the archive or the request is refused. ``progress`` is told
    each step as it starts (``models.RESTORE_STEPS``' keys)."""
    with schema_context(get_public_schema_name()):
        return _restore_site(slug, actor, backup_id, as_slug, confirmation, progress)


def check_request(
    slug: str, *, backup_id: int | None = None, as_slug: str | None = None, confirmation: str = ""
) -> tuple[str, SiteBackup | None, Tenant | None]:
    """What can be refused without reading the archive: the backup, the typed
    confirmation of an in-place restore, the copy's new slug. Raises
    ``ValidationError``; returns the archive's location, its backup and the site."""
    location, backup = find_backup(slug, backup_id)
    existing = Tenant.objects.filter(slug=slug).first()
    if as_slug:
        _check_new_slug(as_slug)
    elif existing is not None and confirmation != slug:
        raise ValidationError(
            {
                "confirmation": _(
                    "Phục hồi tại chỗ ghi đè dữ liệu hiện tại: hãy gõ chính xác mã trang "
                    "“%(slug)s” để xác nhận."
                )
                % {"slug": slug}
            }
        )
    return location, backup, existing


def _restore_site(slug, actor, backup_id, as_slug, confirmation, progress) -> Restored:
    location, backup, existing = check_request(
        slug, backup_id=backup_id, as_slug=as_slug, confirmation=confirmation
    )
    with tempfile.TemporaryDirectory(prefix="restore-") as tmp:
        work = Path(tmp)
        local = work / "archive.tar"
        progress("fetch")
        try:
            store.get(location, local)
            if backup is not None and services_sha(local) != backup.sha256:
                raise VerifyError(_("Tệp sao lưu đã bị thay đổi từ khi được kiểm tra."))
            archive = open_archive(local, slug, work / "x")
        except (store.StoreError, VerifyError) as exc:
            raise ValidationError(str(exc)) from exc
        try:
            if as_slug:
                result = _restore_copy(archive, as_slug, work, actor, progress)
            elif existing is not None:
                result = _restore_in_place(archive, existing, actor, progress)
            else:
                result = _restore_deleted(archive, actor, progress)
        except (VerifyError, pg.DumpError, BackupFailed) as exc:
            raise ValidationError(str(exc)) from exc
    result.backup_location = location
    record(
        actor,
        "site.restored",
        result.site,
        source=slug,
        backup=location,
        mode="copy" if as_slug else ("in_place" if existing else "deleted"),
        pre_restore=result.pre_restore.location if result.pre_restore else None,
    )
    logger.info("Restored %s from %s as %s", slug, location, result.site.slug)
    return result


def services_sha(path: Path) -> str:
    from backups.services import _sha256

    return _sha256(path)


def _check_new_slug(as_slug: str) -> None:
    probe = Tenant(slug=as_slug)
    try:
        probe.clean_fields(exclude=[f.name for f in Tenant._meta.fields if f.name != "slug"])
    except ValidationError as exc:
        raise ValidationError({"as_slug": exc.message_dict.get("slug", exc.messages)}) from exc
    if Tenant.objects.filter(slug=as_slug).exists() or _schema_exists(
        Tenant.schema_name_for(as_slug)
    ):
        raise ValidationError(
            {"as_slug": _("Mã trang “%(slug)s” đã được dùng.") % {"slug": as_slug}}
        )


def _schema_exists(schema: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema])
        return cursor.fetchone() is not None


def _restore_in_place(archive: Archive, site: Tenant, actor, progress) -> Restored:
    progress("check")
    verify_restores(archive)  # refused here if it does not restore: nothing changed yet
    progress("pre_restore")
    pre = back_up(site, reason=Reason.PRE_RESTORE)
    progress("restore")
    schema = site.schema_name
    aside = f"{schema}__before_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{aside}" CASCADE')
        cursor.execute(f'ALTER SCHEMA "{schema}" RENAME TO "{aside}"')
    try:
        pg.restore(archive.dump)
    except pg.DumpError:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            cursor.execute(f'ALTER SCHEMA "{aside}" RENAME TO "{schema}"')
        raise
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA "{aside}" CASCADE')
    _restore_media(archive, site.slug)
    progress("settle")
    _settle(site)
    return Restored(site, _primary(site), "", pre)


def _restore_deleted(archive: Archive, actor, progress) -> Restored:
    progress("check")
    verify_restores(archive)
    info = archive.manifest["site"]
    if _schema_exists(info["schema_name"]):
        raise ValidationError(
            _("Lược đồ %(schema)s đã tồn tại; không thể phục hồi trang đã xoá.")
            % {"schema": info["schema_name"]}
        )
    with transaction.atomic():
        site = Tenant(
            slug=info["slug"],
            name=info["name"],
            name_en=info.get("name_en") or "",
            kind=info["kind"],
            parent=Tenant.objects.filter(slug=info.get("parent") or "").first(),
            theme=info.get("theme") or "base",
            languages=info.get("languages") or ["vi"],
            status=SiteStatus.ACTIVE,
            schema_name=info["schema_name"],
        )
        site.save()
        hosts = [
            d
            for d in archive.manifest.get("domains", [])
            if not Domain.objects.filter(domain=d["domain"]).exists()
        ]
        if not any(d["is_primary"] for d in hosts):
            hosts = [{"domain": _copy_domain(site.slug), "is_primary": True}, *hosts]
        for d in hosts:
            Domain.objects.create(tenant=site, domain=d["domain"], is_primary=d["is_primary"])
    progress("restore")
    try:
        pg.restore(archive.dump)
    except pg.DumpError:
        site.delete(force_drop=False)
        raise
    _restore_media(archive, site.slug)
    progress("settle")
    _settle(site)
    return Restored(site, _primary(site), "")


def _restore_copy(archive: Archive, as_slug: str, work: Path, actor, progress) -> Restored:
    info = archive.manifest["site"]
    new_schema = Tenant.schema_name_for(as_slug)
    renamed = work / "copy.dump"

    def rename(scratch: str) -> None:
        with pg.connect(scratch, autocommit=True) as conn:
            conn.execute(f'ALTER SCHEMA "{info["schema_name"]}" RENAME TO "{new_schema}"')
        pg.dump_from(scratch, new_schema, renamed)

    progress("check")
    verify_restores(archive, keep=rename)
    progress("restore")
    original = Tenant.objects.filter(slug=info["slug"]).first()
    with transaction.atomic():
        site = Tenant(
            slug=as_slug,
            name=_("%(name)s (bản phục hồi)") % {"name": info["name"]},
            name_en=info.get("name_en") or "",
            kind=info["kind"],
            parent=original.parent
            if original
            else Tenant.objects.filter(slug=info.get("parent") or "").first(),
            theme=info.get("theme") or "base",
            languages=info.get("languages") or ["vi"],
            status=SiteStatus.ACTIVE,
            schema_name=new_schema,
        )
        site.save()
        Domain.objects.create(tenant=site, domain=_copy_domain(as_slug), is_primary=True)
    try:
        pg.restore(renamed)
    except pg.DumpError:
        site.delete(force_drop=True)
        raise
    if original is None:  # the original's media are gone: the copy brings them back
        _restore_media(archive, info["slug"])
    progress("settle")
    _settle(site)
    return Restored(site, _primary(site), "")


def _copy_domain(slug: str) -> str:
    return f"{slug.replace('_', '-')}.{settings.BACKUP_COPY_DOMAIN}"


def _primary(site: Tenant) -> str:
    domain = site.domains.filter(is_primary=True).first()
    return domain.domain if domain else ""


def _restore_media(archive: Archive, slug: str) -> None:
    if archive.media is None:
        return
    if not settings.SERVE_LOCAL_MEDIA:
        s3_media.restore(archive.media, slug)
        return
    target = Path(settings.MEDIA_ROOT) / "sites" / slug
    aside = target.with_name(f".{slug}-before-restore")
    if aside.exists():
        shutil.rmtree(aside)
    if target.exists():
        target.rename(aside)
    shutil.copytree(archive.media, target)
    shutil.rmtree(aside, ignore_errors=True)


def _settle(site: Tenant) -> None:
    """Bring a restored schema up to the code: pending migrations, the Wagtail Site
    from the registry's domains, the page cache purged."""
    from core.page_cache import purge_site

    call_command(
        "migrate_schemas", schema_name=site.schema_name, tenant=True, interactive=False, verbosity=0
    )
    connection.set_schema_to_public()
    tenant_services.apply_domains(site)
    with schema_context(get_public_schema_name()):
        purge_site(site.schema_name)


def manifest_of(path: Path) -> dict:
    import tarfile

    with tarfile.open(path) as tar:
        member = tar.extractfile("site.json")
        return json.loads(member.read()) if member else {}
