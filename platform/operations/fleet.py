"""The figures of the console's fleet view, kept in ``public`` (``SiteFigures``).

- A publish on a site moves its ``last_published_at`` and counts one more item in
  the last 30 days at once (``page_published``, in the same transaction).
- The periodic rollup (``rollup_fleet`` → ``fan_out(rollup_site)``) recounts each
  active site in its own schema: published items of the last 30 days, the last
  publication, media size (the files' recorded sizes) and schema size
  (``pg_total_relation_size`` over the schema's tables: data, indexes, TOAST).
- The backup code records each verified backup with ``record_backup``.

The fleet view reads only this table: one query for 200 sites.
"""

from __future__ import annotations

import datetime

from django_tenants.utils import get_public_schema_name, schema_context

from django.db import connection as db_connection
from django.db.models import F, Max, Sum
from django.utils import timezone

from operations.models import SiteFigures
from tenants.db import connection

#: a site that has published nothing for this many days is flagged in the fleet view
STALE_DAYS = 30
#: a site without a verified backup for this many days is flagged (000 Đ14.1)
BACKUP_STALE_DAYS = 3


def _tenant_id(schema_name: str) -> int | None:
    from tenants.models import Tenant

    with schema_context(get_public_schema_name()):
        return Tenant.objects.filter(schema_name=schema_name).values_list("id", flat=True).first()


def record_publication(schema_name: str | None = None) -> None:
    """A page of the active site (or ``schema_name``'s) was published just now."""
    schema = schema_name or connection.schema_name
    tenant_id = _tenant_id(schema)
    if tenant_id is None:
        return
    now = timezone.now()
    with schema_context(get_public_schema_name()):
        updated = SiteFigures.objects.filter(tenant_id=tenant_id).update(
            last_published_at=now, published_30d=F("published_30d") + 1
        )
        if not updated:
            SiteFigures.objects.get_or_create(
                tenant_id=tenant_id, defaults={"last_published_at": now, "published_30d": 1}
            )


def record_backup(schema_name: str, verified_at: datetime.datetime) -> None:
    """The interface for the backup code: a backup of ``schema_name`` was verified at
    ``verified_at``; the fleet view shows it and flags sites without a recent one."""
    tenant_id = _tenant_id(schema_name)
    if tenant_id is None:
        return
    with schema_context(get_public_schema_name()):
        SiteFigures.objects.update_or_create(
            tenant_id=tenant_id, defaults={"last_verified_backup_at": verified_at}
        )


def schema_size(schema_name: str) -> int:
    """Bytes of every table of the schema, with its indexes and TOAST."""
    with db_connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind IN ('r', 'm', 'p')",
            [schema_name],
        )
        return int(cursor.fetchone()[0])


def media_size() -> int:
    """Bytes of the active site's images, their renditions and documents, as recorded
    when they were uploaded (no listing of the storage)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    images = get_image_model().objects.aggregate(total=Sum("file_size"))["total"] or 0
    documents = get_document_model().objects.aggregate(total=Sum("file_size"))["total"] or 0
    return int(images) + int(documents)


def rollup_site() -> None:
    """Recount the active site's figures (run in its schema by ``fan_out``)."""
    from wagtail.models import Page

    schema = connection.schema_name
    tenant_id = _tenant_id(schema)
    if tenant_id is None:
        return
    since = timezone.now() - datetime.timedelta(days=30)
    live = Page.objects.live().filter(depth__gt=2)
    figures = {
        "last_published_at": live.aggregate(last=Max("last_published_at"))["last"],
        "published_30d": live.filter(first_published_at__gte=since).count(),
        "media_bytes": media_size(),
        "schema_bytes": schema_size(schema),
        "rolled_up_at": timezone.now(),
    }
    with schema_context(get_public_schema_name()):
        SiteFigures.objects.update_or_create(tenant_id=tenant_id, defaults=figures)
