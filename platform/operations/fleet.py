"""The figures of the console's fleet view, kept in ``public`` (``SiteFigures``).

- A publish on a site moves its ``last_published_at`` and counts one more item in
  the last 30 days at once (``page_published``, in the same transaction).
- The periodic rollup (``rollup_fleet`` → ``fan_out(rollup_site)``) recounts each
  active site in its own schema: published items of the last 30 days, the last
  publication, media size (the files' recorded sizes) and schema size
  (``pg_total_relation_size`` over the schema's tables: data, indexes, TOAST).
- The backup code records each verified backup with ``record_backup``.

The fleet view (``fleet_rows``) reads the registry joined to this table: one query
for 200 sites.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django_tenants.utils import get_public_schema_name, schema_context

from django.db import connection as db_connection
from django.db.models import F, Max, Sum
from django.utils import timezone

from operations.models import SiteFigures
from tenants.db import connection

if TYPE_CHECKING:
    from tenants.models import Tenant

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


# --- the fleet view's table ------------------------------------------------------------

#: the fleet view's sortable columns: the ``o`` parameter's names (``-`` before: descending)
ORDERINGS = {
    "trang": "name",
    "trang_thai": "status",
    "dang_bai": "figures__last_published_at",
    "so_bai": "figures__published_30d",
    "qua_han": "figures__overdue_items",
    "sao_luu": "figures__last_verified_backup_at",
    "dung_luong": "storage_bytes",
}
#: the ``can_chu_y`` filter: sites that published nothing / have no verified backup lately
ATTENTION = ("khong_dang", "sao_luu", "bat_ky")


@dataclass
class FleetRow:
    site: Tenant  # its ``figures`` (or None) already joined
    figures: SiteFigures | None
    storage_bytes: int
    last_published_at: datetime.datetime | None
    published_30d: int
    overdue_items: int | None
    deadlines_due_30d: int | None
    deadlines_met_30d: int | None
    last_verified_backup_at: datetime.datetime | None
    stale: bool  # nothing published for STALE_DAYS days
    no_backup: bool  # no verified backup for BACKUP_STALE_DAYS days

    @property
    def on_time(self) -> str:
        """``50% (1/2)``: items due in the last 30 days published in time; ``–``: none due."""
        if not self.deadlines_due_30d:
            return "–"
        met = self.deadlines_met_30d or 0
        return f"{round(100 * met / self.deadlines_due_30d)}% ({met}/{self.deadlines_due_30d})"


def fleet_rows(
    *,
    attention: str = "",
    status: str = "",
    kind: str = "",
    parent: str = "",
    query: str = "",
    order: str = "trang",
    now: datetime.datetime | None = None,
) -> list[FleetRow]:
    """Every site of the registry with its figures (a site not yet rolled up has
    none: it is flagged), filtered and sorted: ONE query, whatever the number of sites.
    Unknown filter or order values are ignored (the view shows everything)."""
    from django.db.models import Q, Value
    from django.db.models.functions import Coalesce

    from tenants.models import Tenant

    now = now or timezone.now()
    stale_since = now - datetime.timedelta(days=STALE_DAYS)
    backup_since = now - datetime.timedelta(days=BACKUP_STALE_DAYS)
    stale_q = Q(figures__last_published_at__lt=stale_since) | Q(figures__last_published_at=None)
    backup_q = Q(figures__last_verified_backup_at__lt=backup_since) | Q(
        figures__last_verified_backup_at=None
    )
    sites = (
        Tenant.objects.exclude(schema_name=get_public_schema_name())
        .select_related("figures")
        .only(
            "id",
            "name",
            "slug",
            "status",
            "kind",
            "schema_name",
            "figures__tenant_id",
            "figures__last_published_at",
            "figures__published_30d",
            "figures__overdue_items",
            "figures__deadlines_due_30d",
            "figures__deadlines_met_30d",
            "figures__last_verified_backup_at",
            "figures__schema_bytes",
            "figures__media_bytes",
        )
        .annotate(
            storage_bytes=Coalesce(F("figures__schema_bytes"), Value(0))
            + Coalesce(F("figures__media_bytes"), Value(0))
        )
    )
    if attention == "khong_dang":
        sites = sites.filter(stale_q)
    elif attention == "sao_luu":
        sites = sites.filter(backup_q)
    elif attention == "bat_ky":
        sites = sites.filter(stale_q | backup_q)
    if status:
        sites = sites.filter(status=status)
    if kind:
        sites = sites.filter(kind=kind)
    if parent:
        sites = sites.filter(parent__slug=parent)
    if query:
        sites = sites.filter(Q(name__icontains=query) | Q(slug__icontains=query))
    field = ORDERINGS.get(order.lstrip("-"), "name")
    expression = (
        F(field).desc(nulls_last=True) if order.startswith("-") else F(field).asc(nulls_first=True)
    )
    rows = []
    for site in sites.order_by(expression, "name"):
        figures = getattr(site, "figures", None)
        published = figures.last_published_at if figures else None
        backed_up = figures.last_verified_backup_at if figures else None
        rows.append(
            FleetRow(
                site=site,
                figures=figures,
                storage_bytes=site.storage_bytes,
                last_published_at=published,
                published_30d=figures.published_30d if figures else 0,
                overdue_items=figures.overdue_items if figures else None,
                deadlines_due_30d=figures.deadlines_due_30d if figures else None,
                deadlines_met_30d=figures.deadlines_met_30d if figures else None,
                last_verified_backup_at=backed_up,
                stale=published is None or published < stale_since,
                no_backup=backed_up is None or backed_up < backup_since,
            )
        )
    return rows
