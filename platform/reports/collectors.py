"""The daily figures each site writes of itself into ``public`` (``SiteDayFigure``).

A **collector** is a function ``func(day) -> iterable of (metric, key, value)`` that
counts, in the active site's schema, what happened on ``day``. ``register(func)``
adds one; ``rollup_site(days)`` (run in each active site's schema by the periodic
``reports.tasks.rollup_figures``) calls every collector for each day and replaces
that site's rows of that day, so running it twice, or again on a later day, gives the
same rows (recent days are recomputed: an answer given late still lands on its day).

Only figures that are not zero are stored. Offers (the syndication exchange) and
visits (``operations.VisitDay``) are in ``public`` already and need no collector.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable

from django_tenants.utils import get_public_schema_name, schema_context

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from reports import months
from tenants.db import connection

logger = logging.getLogger(__name__)

Row = tuple[str, str, int]
Collector = Callable[[datetime.date], Iterable[Row]]

ARTICLES = "articles"
DOCUMENTS = "documents"
QUESTIONS = "questions"
DEADLINES = "deadlines"

_collectors: list[Collector] = []


def register(func: Collector) -> Collector:
    """Add ``func`` to the collectors (usable as a decorator); twice is once."""
    if func not in _collectors:
        _collectors.append(func)
    return func


def collectors() -> list[Collector]:
    return list(_collectors)


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """``day`` 00:00 to the next day 00:00, local time."""
    tz = timezone.get_current_timezone()
    low = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    return low, low + datetime.timedelta(days=1)


# --- The collectors of the platform's own apps ---------------------------------------


@register
def articles_by_category(day: datetime.date) -> Iterable[Row]:
    """News articles first published on ``day``, by category name ("" for none)."""
    from news.models import NewsArticlePage

    low, high = day_bounds(day)
    rows = (
        NewsArticlePage.objects.live()
        .filter(first_published_at__gte=low, first_published_at__lt=high)
        .values("category__name")
        .annotate(n=Count("id"))
    )
    return [(ARTICLES, row["category__name"] or "", row["n"]) for row in rows]


@register
def documents_by_type(day: datetime.date) -> Iterable[Row]:
    """Legal documents first published on ``day``, by type (``DocumentType`` value)."""
    from documents.models import LegalDocumentPage

    low, high = day_bounds(day)
    rows = (
        LegalDocumentPage.objects.live()
        .filter(first_published_at__gte=low, first_published_at__lt=high)
        .values("doc_type")
        .annotate(n=Count("id"))
    )
    return [(DOCUMENTS, row["doc_type"], row["n"]) for row in rows]


@register
def questions(day: datetime.date) -> Iterable[Row]:
    """Visitors' questions and feedback received on ``day``, answered on ``day``, and
    overdue: due on ``day`` (already passed) and answered late or still open."""
    from participation.models.submission import OPEN_STATES, Submission

    low, high = day_bounds(day)
    now = timezone.now()
    figures = Submission.objects.aggregate(
        received=Count("id", filter=Q(created_at__gte=low, created_at__lt=high)),
        answered=Count("id", filter=Q(answered_at__gte=low, answered_at__lt=high)),
        overdue=Count(
            "id",
            filter=Q(due_at__gte=low, due_at__lt=min(high, now))
            & (Q(answered_at__gt=F("due_at")) | Q(answered_at__isnull=True, state__in=OPEN_STATES)),
        ),
    )
    return [(QUESTIONS, key, value) for key, value in figures.items()]


@register
def deadlines_due(day: datetime.date) -> Iterable[Row]:
    """Tracked items (news, documents) due on ``day``: how many, published in time,
    missed (the deadlines app; the reports' on-time rate is met / (met + missed))."""
    from deadlines.figures import day_figures

    return [(DEADLINES, key, value) for key, value in day_figures(day).items()]


# --- The rollup -----------------------------------------------------------------------

#: days recomputed by each run: today and the 7 before it
RECOMPUTE_DAYS = 7


def recent_days(today: datetime.date | None = None, back: int = RECOMPUTE_DAYS) -> list:
    today = today or timezone.localdate()
    return [today - datetime.timedelta(days=n) for n in range(back, -1, -1)]


def _tenant_id(schema_name: str) -> int | None:
    from tenants.models import Tenant

    with schema_context(get_public_schema_name()):
        return Tenant.objects.filter(schema_name=schema_name).values_list("id", flat=True).first()


def collect(day: datetime.date) -> tuple[dict[tuple[str, str], int], bool]:
    """Every collector's rows of ``day`` in the active schema (summed by metric and key),
    and whether all of them ran (a failing one is logged, the others go on)."""
    rows: dict[tuple[str, str], int] = {}
    complete = True
    for func in collectors():
        try:
            for metric, key, value in func(day):
                rows[(metric, str(key)[:120])] = rows.get((metric, str(key)[:120]), 0) + int(value)
        except Exception:
            complete = False
            logger.exception(
                "Report collector %s failed for %s on %s",
                getattr(func, "__name__", func),
                connection.schema_name,
                day,
            )
    return rows, complete


def rollup_site(days: Iterable[datetime.date] | None = None) -> int:
    """Recompute the active site's figures of ``days`` (default: ``recent_days()``) and
    replace its rows of those days in ``public``, then the monthly sums of their months
    (``reports.months``), in one transaction; returns the number of daily rows written."""
    from reports.models import SiteDayFigure

    tenant_id = _tenant_id(connection.schema_name)
    if tenant_id is None:
        return 0
    collected = {day: collect(day) for day in (days if days is not None else recent_days())}
    if not collected:
        return 0
    fresh = [
        SiteDayFigure(tenant_id=tenant_id, day=day, metric=metric, key=key, value=value)
        for day, (rows, _complete) in collected.items()
        for (metric, key), value in rows.items()
        if value
    ]
    with schema_context(get_public_schema_name()), transaction.atomic():
        SiteDayFigure.objects.filter(
            tenant_id=tenant_id, day__in=[day for day, (_rows, ok) in collected.items() if ok]
        ).delete()
        for day, (rows, complete) in collected.items():
            if not complete:  # keep the rows of the collectors that failed this time
                SiteDayFigure.objects.filter(
                    tenant_id=tenant_id, day=day, metric__in={metric for metric, _key in rows}
                ).delete()
        SiteDayFigure.objects.bulk_create(
            fresh,
            batch_size=2000,
            update_conflicts=True,  # a run overlapping this one wrote the same day
            unique_fields=["tenant", "day", "metric", "key"],
            update_fields=["value"],
        )
        months.refresh(collected, [tenant_id])
    return len(fresh)
