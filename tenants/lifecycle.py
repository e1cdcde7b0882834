"""The life of a site after it is created: suspend, resume, archive, delete, domains.

The one set of services behind the console's buttons (and a shell). Each action
runs in one transaction with its entry in the platform audit trail (who, what,
when), so an action is either done and recorded or not done at all; a refusal
raises ``ValidationError`` with a Vietnamese message and changes nothing. What a request
caches of the registry is forgotten when the transaction commits (``tenants.signals``),
so the first request after it sees the change.

Statuses (``SiteStatus``)::

    active ──suspend──▶ suspended ──resume──▶ the status it had (active or archived)
    active, suspended ──archive (backup first)──▶ archived ──unarchive──▶ active
    archived ──suspend──▶ suspended
    any ──delete_site (typed slug, final backup)──▶ gone (audit rows kept)

- *suspended*: visitors and editors get the 503 notice on every path, the
  Wagtail admin included (``core.middleware.SiteRoutingMiddleware``).
- *archived*: visitors are served as before; every write, in the admin or
  elsewhere, is refused with a 403 notice (``core.middleware.ArchivedSiteMiddleware``).

Archiving and deleting first write a backup (``tenants.backup``) while the site's
tables are locked against writes (reads go on), so the backup holds exactly the
state that is archived or dropped; if the backup fails, nothing changes.
"""

import contextlib
import logging

from django_tenants.utils import get_public_schema_name, schema_context

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext as _

from tenants import services
from tenants.backup import BackupError, backup_site, remove_media
from tenants.models import AuditEvent, Domain, SiteStatus, Tenant, record

logger = logging.getLogger(__name__)

#: how long an archive or delete waits for writes in progress on the site to finish
LOCK_TIMEOUT = "15s"
LOCK_NOT_AVAILABLE = "55P03"


def suspend(tenant: Tenant, actor) -> Tenant:
    """Take a site offline: visitors and editors get the 503 notice."""
    with transaction.atomic():
        site = _locked(tenant)
        _require(site, {SiteStatus.ACTIVE, SiteStatus.ARCHIVED}, _("tạm ngừng"))
        previous = site.status
        _set_status(site, SiteStatus.SUSPENDED)
        record(actor, "site.suspended", site, previous_status=previous)
    return _refresh(tenant, site)


def resume(tenant: Tenant, actor) -> Tenant:
    """Bring a suspended site back, in the status it had before (active, or archived)."""
    with transaction.atomic():
        site = _locked(tenant)
        _require(site, {SiteStatus.SUSPENDED}, _("cho hoạt động lại"))
        last = (
            AuditEvent.objects.filter(site=site, action="site.suspended")
            .order_by("-at", "-pk")
            .first()
        )
        status = SiteStatus.ACTIVE
        if last and last.details.get("previous_status") == SiteStatus.ARCHIVED:
            status = SiteStatus.ARCHIVED
        _set_status(site, status)
        record(actor, "site.resumed", site, status=status)
    return _refresh(tenant, site)


def archive(tenant: Tenant, actor):
    """Make a site read-only after backing it up; returns the backup's path.

    If the backup fails, ``BackupError`` is raised and the site is unchanged.
    """
    with transaction.atomic():
        site = _locked(tenant)
        _require(site, {SiteStatus.ACTIVE, SiteStatus.SUSPENDED}, _("lưu trữ"))
        previous = site.status
        _freeze(site)
        path = backup_site(site, reason="archive")
        _set_status(site, SiteStatus.ARCHIVED)
        record(actor, "site.archived", site, previous_status=previous, **_backup_details(path))
    _refresh(tenant, site)
    return path


def unarchive(tenant: Tenant, actor) -> Tenant:
    """Open an archived site for editing again."""
    with transaction.atomic():
        site = _locked(tenant)
        _require(site, {SiteStatus.ARCHIVED}, _("mở lại"))
        _set_status(site, SiteStatus.ACTIVE)
        record(actor, "site.unarchived", site)
    return _refresh(tenant, site)


def delete_site(tenant: Tenant, actor, confirmation: str):
    """Delete a site for good after a final backup; returns the backup's path.

    ``confirmation`` must be the site's slug, exactly as typed. The schema is
    dropped (CASCADE), the site's domains and registry row are deleted, and so
    is its local media folder (once the transaction commits; it is in the
    backup). Its audit trail stays, by ``site_key``. A site with component sites
    under it cannot be deleted. If the backup fails, nothing changes.
    """
    if confirmation != tenant.slug:
        raise ValidationError(
            {
                "confirmation": _("Mã xác nhận không đúng: hãy gõ chính xác mã trang “%(slug)s”.")
                % {"slug": tenant.slug}
            }
        )
    with schema_context(get_public_schema_name()), transaction.atomic():
        site = _locked(tenant)
        children = list(site.children.values_list("name", flat=True))
        if children:
            raise ValidationError(
                _("Không thể xoá trang “%(name)s” khi còn trang trực thuộc: %(children)s.")
                % {"name": site.name, "children": ", ".join(children)}
            )
        hosts = list(site.domains.values_list("domain", flat=True))
        _freeze(site)
        path = backup_site(site, reason="delete")
        record(
            actor,
            "site.deleted",
            site,
            name=site.name,
            schema_name=site.schema_name,
            domains=hosts,
            **_backup_details(path),
        )
        slug, schema = site.slug, site.schema_name
        # drops the schema (CASCADE) and deletes the domains; audit rows keep site_key;
        # the cached hosts and site key are forgotten on commit (tenants.signals)
        with _busy(site):
            site.delete(force_drop=True)
        transaction.on_commit(lambda: remove_media(slug))
    logger.info("Deleted site %s (%s), final backup %s", slug, schema, path)
    return path


def change_domains(tenant: Tenant, actor, *, add=(), remove=(), primary: str | None = None):
    """Add and remove host names of a site and choose its primary one, in one step.

    ``primary`` (an existing or an added host name; None keeps the current one)
    becomes the host the site is served on. The former primary domain stays, as
    an alias that redirects (301) every path to the new one, unless it is in
    ``remove``. The Wagtail Site of the schema follows the primary domain. Records
    ``site.domains_changed`` with the domains before and after; returns the
    domains after, as ``[(host, is_primary), …]``. Visitors meet the new domains
    with the first request after the commit (``tenants.signals``).
    """
    add = [_host(h) for h in add]
    remove = {_host(h) for h in remove}
    primary = _host(primary) if primary else None
    with transaction.atomic():
        site = _locked(tenant)
        existing = {d.domain: d for d in site.domains.select_for_update()}
        before = _state(existing.values())
        current = next((h for h, d in existing.items() if d.is_primary), None)
        primary = primary or current
        errors = []
        if primary in remove:
            errors.append(
                _("Hãy chọn tên miền chính khác trước khi xoá tên miền chính %(host)s.")
                % {"host": primary}
            )
        unknown = sorted(remove - existing.keys())
        if unknown:
            errors.append(_("Trang không có tên miền: %(hosts)s.") % {"hosts": ", ".join(unknown)})
        new: list[Domain] = []
        for host in add:
            if host in existing or host in (d.domain for d in new):
                continue
            domain = Domain(tenant=site, domain=host, is_primary=False)
            try:
                domain.full_clean(exclude=["tenant"])
            except ValidationError as exc:
                errors.extend(m for ms in exc.message_dict.values() for m in ms)
            new.append(domain)
        kept = (existing.keys() - remove) | {d.domain for d in new}
        if not kept:
            errors.append(_("Trang phải có ít nhất một tên miền."))
        elif primary not in kept and primary not in remove:
            errors.append(
                _("Tên miền chính %(host)s phải là một tên miền còn lại của trang.")
                % {"host": primary}
            )
        if errors:
            raise ValidationError(errors)

        # Demote the former primary before promoting the new one (one primary per site).
        if current and current != primary and current not in remove:
            existing[current].is_primary = False
            existing[current].save()
        for host in remove:
            existing[host].delete()
        for domain in new:
            domain.is_primary = domain.domain == primary
            domain.save()
        if primary in existing and not existing[primary].is_primary:
            existing[primary].is_primary = True
            existing[primary].save()

        after = _state(site.domains.all())
        if after != before:
            if primary != current:
                services.apply_domains(site)
            record(
                actor,
                "site.domains_changed",
                site,
                before=before,
                after=after,
                added=sorted({d.domain for d in new}),
                removed=sorted(remove),
                primary_before=current,
                primary_after=primary,
            )
    return after


def _host(value: str) -> str:
    return (value or "").strip().lower().rstrip(".")


def _state(domains) -> list[tuple[str, bool]]:
    return sorted(((d.domain, d.is_primary) for d in domains), key=lambda x: (not x[1], x[0]))


def _locked(tenant: Tenant) -> Tenant:
    """The site's registry row, re-read and locked until the transaction ends
    (two operators acting on one site at once take turns)."""
    return Tenant.objects.select_for_update().get(pk=tenant.pk)


def _require(site: Tenant, allowed: set, verb: str) -> None:
    if site.status not in allowed:
        raise ValidationError(
            _("Không thể %(verb)s trang “%(name)s” đang ở trạng thái “%(status)s”.")
            % {"verb": verb, "name": site.name, "status": SiteStatus(site.status).label}
        )


def _set_status(site: Tenant, status: str) -> None:
    """Save the new status; the next request after the commit sees it (the save's
    signal forgets the site's cached hosts then, ``tenants.signals``)."""
    site.status = status
    site.save(update_fields=["status", "updated_at"])


def _refresh(tenant: Tenant, site: Tenant) -> Tenant:
    """Keep the caller's instance in step with the row."""
    tenant.status, tenant.updated_at = site.status, site.updated_at
    return tenant


def _freeze(site: Tenant) -> None:
    """Lock every table of the site's schema against writes until the transaction
    ends (visitors' reads go on), so what pg_dump then reads is final. Waits at most
    ``LOCK_TIMEOUT`` for a lock, here and for the rest of the transaction."""
    with _busy(site), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_TIMEOUT])
        cursor.execute(
            "SELECT format('%%I.%%I', schemaname, tablename) FROM pg_tables"
            " WHERE schemaname = %s ORDER BY tablename",
            [site.schema_name],
        )
        tables = [row[0] for row in cursor.fetchall()]
        if tables:
            cursor.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")


@contextlib.contextmanager
def _busy(site: Tenant):
    """A lock that could not be had in time becomes a ``BackupError`` the console shows."""
    try:
        yield
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE:
            raise
        raise BackupError(
            _("Trang “%(name)s” đang có thay đổi chưa hoàn tất; vui lòng thử lại sau ít phút.")
            % {"name": site.name}
        ) from exc


def _backup_details(path) -> dict:
    return {"backup": str(path), "backup_bytes": path.stat().st_size}
