"""The demo's report figures (``manage.py demo``): each demo site's real figures of
the last six months, from its own content by the collectors, and illustrative figures
(``SiteDayFigure`` and ``VisitDay`` rows, marked nowhere else) on the days before the
last week that have none, so the console shows a full 6-month report with its
charts; then one finished province report of the last six whole months."""

from __future__ import annotations

import datetime
import random

from django_tenants.utils import get_public_schema_name, schema_context

from django.utils import timezone

from reports import collectors, months

DAYS = 190
#: the illustrative figures are for days before this many (the beat recomputes them)
RECENT = collectors.RECOMPUTE_DAYS + 1


def seed(tenants) -> None:
    """Once: the figures of ``tenants`` (demo sites) and a finished province report."""
    from news.models import NewsCategory
    from operations.models import VisitDay
    from reports.models import PeriodKind, ReportJob, SiteDayFigure
    from reports.tasks import run_report

    with schema_context(get_public_schema_name()):
        if ReportJob.objects.filter(requested_by="demo").exists():
            return
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=n) for n in range(DAYS, -1, -1)]
    for tenant in tenants:
        with schema_context(tenant.schema_name):
            collectors.rollup_site(days)  # the site's real figures
            categories = list(
                NewsCategory.objects.filter(locale__language_code="vi").values_list(
                    "name", flat=True
                )
            ) or ["Tin tức"]
        rng = random.Random(tenant.slug)
        size = 3 if tenant.kind in ("commune", "ward") else 6
        rows, visits = [], []
        for day in days[:-RECENT]:
            weekday = day.weekday() < 5
            for name in rng.sample(categories, min(len(categories), 2)):
                if weekday or rng.random() < 0.3:
                    rows.append((day, "articles", name, rng.randint(1, size)))
            if weekday and rng.random() < 0.4:
                rows.append(
                    (day, "documents", rng.choice(["thong_bao", "ke_hoach", "quyet_dinh"]), 1)
                )
            if rng.random() < 0.5:
                rows.append((day, "questions", "received", rng.randint(1, 3)))
            if rng.random() < 0.45:
                rows.append((day, "questions", "answered", rng.randint(1, 3)))
            if rng.random() < 0.05:
                rows.append((day, "questions", "overdue", 1))
            visits.append(
                VisitDay(
                    tenant=tenant, day=day, visits=rng.randint(80, 400) * (2 if weekday else 1)
                )
            )
        with schema_context(get_public_schema_name()):
            real_days = set(
                SiteDayFigure.objects.filter(tenant=tenant).values_list("day", flat=True)
            )
            SiteDayFigure.objects.bulk_create(
                (
                    SiteDayFigure(tenant=tenant, day=day, metric=metric, key=key, value=value)
                    for day, metric, key, value in rows
                    if day not in real_days
                ),
                ignore_conflicts=True,
            )
            VisitDay.objects.bulk_create(visits, ignore_conflicts=True)
            months.refresh(days, [tenant.pk])
    # the last six whole months, for the province
    end = today.replace(day=1) - datetime.timedelta(days=1)
    start = end.replace(day=1)
    for _ in range(5):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
    with schema_context(get_public_schema_name()):
        job = ReportJob.objects.create(
            period_kind=PeriodKind.CUSTOM if start.month not in (1, 7) else PeriodKind.HALF,
            start=start,
            end=end,
            requested_by="demo",
        )
        run_report(job.pk)
