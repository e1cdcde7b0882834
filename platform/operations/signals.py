"""A publish on any site updates its figures in ``public`` (operations.fleet); a
backup that fails opens an automatic incident, the next good one closes it and
shows in the fleet view (``backups.services`` sends both signals)."""

import logging

from wagtail.signals import page_published

logger = logging.getLogger(__name__)


def _published(sender, instance, **kwargs):
    from operations import fleet

    try:
        fleet.record_publication()
    except Exception:  # the rollup recounts; a publish never fails for a figure
        logger.exception("Không cập nhật được số liệu trang khi đăng bài")


def _backup_failed(sender, site_key="", error="", **kwargs):
    from django.utils.translation import gettext as _

    from operations import incidents
    from tenants.models import Tenant

    try:
        schemas = list(Tenant.objects.filter(slug=site_key).values_list("schema_name", flat=True))
        incidents.open_incident(
            _("Sao lưu không thành công: %(site)s") % {"site": site_key or "public"},
            source_key=f"backup:{site_key or 'public'}",
            schemas=schemas,
            description=str(error)[:2000],
        )
    except Exception:
        logger.exception("Không ghi được sự cố sao lưu của %s", site_key or "public")


def _backup_succeeded(sender, site_key="", backup=None, **kwargs):
    from operations import fleet, incidents
    from tenants.models import Tenant

    try:
        incidents.resolve_automatic(f"backup:{site_key or 'public'}")
        tenant = Tenant.objects.filter(slug=site_key).first() if site_key else None
        if tenant is not None and backup is not None:
            fleet.record_backup(tenant.schema_name, backup.verified_at)
    except Exception:
        logger.exception("Không cập nhật được sự cố/số liệu sao lưu của %s", site_key)


def connect():
    from backups.services import backup_failed, backup_succeeded

    page_published.connect(_published, dispatch_uid="operations_fleet_publication")
    backup_failed.connect(_backup_failed, dispatch_uid="operations_backup_failed")
    backup_succeeded.connect(_backup_succeeded, dispatch_uid="operations_backup_succeeded")
