"""The site's deadline figures: for the reports (``day_figures``) and for the
console's fleet view (``rollup``: written to ``public.operations_sitefigures``)."""

from __future__ import annotations

import datetime

from django_tenants.utils import get_public_schema_name, schema_context

from django.db.models import Count, F, Q
from django.utils import timezone

from workdays.calendar import TIMEZONE

#: the period of the on-time rate the console shows
ON_TIME_DAYS = 30


def day_figures(day: datetime.date) -> dict[str, int]:
    """Items of the active site due on ``day`` (local date): how many, how many
    were published in time, how many were missed (published late, or not published
    and past due)."""
    from deadlines.models import DeadlineItem

    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=TIMEZONE)
    end = start + datetime.timedelta(days=1)
    now = timezone.now()
    counts = DeadlineItem.objects.filter(due_at__gte=start, due_at__lt=end).aggregate(
        due=Count("pk"),
        met=Count("pk", filter=Q(published_at__lte=F("due_at"))),
        missed=Count(
            "pk",
            filter=Q(published_at__gt=F("due_at")) | Q(published_at__isnull=True, due_at__lt=now),
        ),
    )
    return {"due": counts["due"], "met": counts["met"], "missed": counts["missed"]}


def site_counts(now=None) -> dict[str, int]:
    """Overdue items now, and items due in the last ``ON_TIME_DAYS`` days with how
    many of them were published in time."""
    from deadlines.models import DeadlineItem

    now = now or timezone.now()
    since = now - datetime.timedelta(days=ON_TIME_DAYS)
    counts = DeadlineItem.objects.aggregate(
        overdue=Count("pk", filter=Q(published_at__isnull=True, due_at__lt=now)),
        due=Count("pk", filter=Q(due_at__gte=since, due_at__lt=now)),
        met=Count(
            "pk",
            filter=Q(due_at__gte=since, due_at__lt=now, published_at__lte=F("due_at")),
        ),
    )
    return counts


def rollup(now=None) -> dict[str, int] | None:
    """Write the active site's overdue count and 30-day on-time counts to its
    ``SiteFigures`` row in ``public`` (run in the site's schema)."""
    from operations.models import SiteFigures
    from tenants.db import connection
    from tenants.models import Tenant

    schema = connection.schema_name
    with schema_context(get_public_schema_name()):
        tenant_id = Tenant.objects.filter(schema_name=schema).values_list("id", flat=True).first()
    if tenant_id is None:
        return None
    counts = site_counts(now)
    with schema_context(get_public_schema_name()):
        SiteFigures.objects.update_or_create(
            tenant_id=tenant_id,
            defaults={
                "overdue_items": counts["overdue"],
                "deadlines_due_30d": counts["due"],
                "deadlines_met_30d": counts["met"],
            },
        )
    return counts
