"""The incident log's services: what the health checks (and the backups) call.

``open_incident`` records an incident; with ``source_key`` it is *automatic* and at
most one is open per key (a check failing every minute opens one, not sixty).
``resolve_automatic(source_key)`` closes it when the check recovers; an incident
opened by hand is never closed by a check.
"""

from __future__ import annotations

from collections.abc import Iterable

from django_tenants.utils import get_public_schema_name, schema_context

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from operations.models import Channel, Incident, IncidentStatus, Severity


def open_incident(
    title: str,
    *,
    source_key: str = "",
    schemas: Iterable[str] = (),
    severity: str = Severity.HIGH,
    description: str = "",
    reported_by: str = "",
    channel: str = Channel.AUTOMATIC,
) -> Incident:
    """Record an incident (automatic when ``source_key`` is given) for the sites whose
    schemas are ``schemas``; returns the open one already recorded under
    ``source_key`` instead of a second one."""
    from tenants.models import Tenant

    with schema_context(get_public_schema_name()), transaction.atomic():
        if source_key:
            existing = (
                Incident.objects.select_for_update()
                .filter(source_key=source_key, automatic=True)
                .exclude(status__in=[IncidentStatus.FIXED, IncidentStatus.CLOSED])
                .first()
            )
            if existing is not None:
                return existing
        incident = Incident.objects.create(
            title=title[:255],
            received_at=timezone.now(),
            reported_by=reported_by or _("Hệ thống giám sát"),
            channel=channel,
            severity=severity,
            description=description,
            automatic=bool(source_key),
            source_key=source_key,
        )
        schemas = list(schemas)
        if schemas:
            incident.sites.set(Tenant.objects.filter(schema_name__in=schemas))
        return incident


def resolve_automatic(source_key: str, note: str = "") -> Incident | None:
    """Close the open automatic incident of ``source_key`` (its check recovered);
    returns it, or ``None`` when there was none."""
    with schema_context(get_public_schema_name()), transaction.atomic():
        incident = (
            Incident.objects.select_for_update()
            .filter(source_key=source_key, automatic=True)
            .exclude(status__in=[IncidentStatus.FIXED, IncidentStatus.CLOSED])
            .first()
        )
        if incident is None:
            return None
        now = timezone.now()
        incident.status = IncidentStatus.CLOSED
        incident.fixed_at = incident.fixed_at or now
        incident.closed_at = now
        incident.resolution = "\n".join(
            part
            for part in (incident.resolution, note or _("Tự phục hồi (kiểm tra lại đạt)."))
            if part
        )
        incident.save()
        return incident
