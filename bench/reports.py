#!/usr/bin/env python3
"""Province report benchmark: a 6-month report over 200 sites from their rollups.

Run from the checkout's root: ``python3 bench/reports.py`` (``--help``). It works in
the bench's embedded PostgreSQL (``.data/bench``) and writes the rows directly:
``--sites`` registry rows (no schemas: a report never reads one), 182 days of their
``SiteDayFigure`` rows (articles in two categories, a document type, questions
received and answered, deadlines due and met: 8 rows a site a day), ``VisitDay``
rows and a few offers a site a month in the exchange. Then it times, with the
median of ``--rounds`` runs and a query count:

- ``service``: ``reports.services.build_report`` for the province over the 182 days
  that end yesterday (whole months from the monthly sums, the days at both edges
  from the daily rows);
- ``service_months``: the same for the 6 whole months before this one;
- ``view``: the console's page of a finished province report job (tables and SVG
  charts of every site, an operator signed in);
- ``job``: one whole job (the report, its XLSX and its PDF), once.
"""

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "br_"
AIM_MS = 200.0
DAYS = 182


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def inner(args) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import F
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from operations.models import VisitDay
    from reports import months
    from reports.models import JobState, ReportJob, SiteDayFigure, SiteMonthFigure
    from reports.services import build_report
    from reports.tasks import run_report
    from syndication.models import Offer
    from tenants.models import Tenant

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    Tenant.objects.filter(slug__startswith=PREFIX).delete()
    ReportJob.objects.filter(requested_by="bench-operator").delete()
    today = timezone.localdate()
    end = today - dt.timedelta(days=1)
    start = end - dt.timedelta(days=DAYS - 1)
    now = timezone.now()
    made = time.perf_counter()
    with transaction.atomic():
        tenants = Tenant.objects.bulk_create(
            Tenant(
                slug=f"{PREFIX}{n:03d}",
                schema_name=f"{PREFIX}{n:03d}",
                name=f"Xã Thử {n:03d}",
                kind="commune",
                status="active",
            )
            for n in range(args.sites)
        )
        rows = []
        for n, t in enumerate(tenants):
            for d in range(DAYS):
                day = start + dt.timedelta(days=d)
                rows += [
                    SiteDayFigure(
                        tenant=t, day=day, metric="articles", key="Thời sự", value=1 + n % 3
                    ),
                    SiteDayFigure(tenant=t, day=day, metric="articles", key="Kinh tế", value=1),
                    SiteDayFigure(tenant=t, day=day, metric="documents", key="thong_bao", value=1),
                    SiteDayFigure(tenant=t, day=day, metric="questions", key="received", value=2),
                    SiteDayFigure(tenant=t, day=day, metric="questions", key="answered", value=2),
                    SiteDayFigure(tenant=t, day=day, metric="deadlines", key="due", value=3),
                    SiteDayFigure(tenant=t, day=day, metric="deadlines", key="met", value=2),
                    SiteDayFigure(tenant=t, day=day, metric="deadlines", key="missed", value=1),
                ]
            if len(rows) > 50_000:
                SiteDayFigure.objects.bulk_create(rows, batch_size=5000)
                rows = []
        SiteDayFigure.objects.bulk_create(rows, batch_size=5000)
        VisitDay.objects.bulk_create(
            (
                VisitDay(tenant=t, day=start + dt.timedelta(days=d), visits=100 + d)
                for t in tenants
                for d in range(DAYS)
            ),
            batch_size=5000,
        )
        parent = tenants[0]
        Offer.objects.bulk_create(
            (
                Offer(
                    source=t,
                    source_key=t.slug,
                    source_name=t.name,
                    source_kind="commune",
                    target=parent,
                    page_id=k,
                    revision_id=k,
                    content_hash="x",
                    title=f"Tin {k}",
                    url=f"http://{t.slug}.localhost/tin/{k}/",
                    published_at=now - dt.timedelta(days=k * 7),
                    changed_at=now - dt.timedelta(days=k * 7),
                    status=("accepted", "rejected", "offered")[k % 3],
                )
                for t in tenants
                for k in range(1, 25)
            ),
            batch_size=5000,
        )
        Offer.objects.filter(source_key__startswith=PREFIX).update(offered_at=F("published_at"))
        months.refresh([start, end], [t.pk for t in tenants])  # as each site's rollup does
    seeded_s = round(time.perf_counter() - made, 1)
    connection.cursor().execute(
        "ANALYZE reports_sitedayfigure; ANALYZE reports_sitemonthfigure; "
        "ANALYZE operations_visitday"
    )

    User = get_user_model()
    user = User.objects.filter(username="bench-operator").first() or User.objects.create_superuser(
        "bench-operator", "b@example.vn", None
    )
    client = Client()
    from tests.two_factor import verified_login

    verified_login(client, user)  # the console asks operators for a second factor

    def timed(fn, rounds=args.rounds):
        fn()
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            fn()
        return round(statistics.median(times), 1), len(queries)

    def service():  # 182 days ending yesterday: whole months and days at both edges
        report = build_report(start, end, kind="custom")
        assert len(report["sites"]) >= args.sites

    # the 6 whole months before this one: the monthly sums alone
    months_end = today.replace(day=1) - dt.timedelta(days=1)
    months_start = months_end.replace(day=1)
    for _ in range(5):
        months_start = (months_start - dt.timedelta(days=1)).replace(day=1)

    def service_months():
        report = build_report(months_start, months_end, kind="custom")
        assert len(report["sites"]) >= args.sites

    job = ReportJob.objects.create(
        period_kind="custom", start=start, end=end, requested_by="bench-operator"
    )
    started = time.perf_counter()
    run_report(job.pk)
    job_s = round(time.perf_counter() - started, 2)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error

    def view():
        response = client.get(f"/reports/reportjob/{job.pk}/change/", HTTP_HOST="console.localhost")
        assert response.status_code == 200, response.status_code

    results = {
        "sites": args.sites,
        "figure_rows": SiteDayFigure.objects.filter(tenant__slug__startswith=PREFIX).count(),
        "month_rows": SiteMonthFigure.objects.filter(tenant__slug__startswith=PREFIX).count(),
        "seeded_s": seeded_s,
        "job_s": job_s,
        "pdf": bool(job.pdf),
    }
    results["service_median_ms"], results["service_queries"] = timed(service)
    results["service_months_median_ms"], results["service_months_queries"] = timed(service_months)
    results["view_median_ms"], results["view_queries"] = timed(view)
    Tenant.objects.filter(slug__startswith=PREFIX).delete()
    ReportJob.objects.filter(requested_by="bench-operator").delete()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        say("BENCH-RESULTS " + json.dumps(inner(args)))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_sites import run_inside

    results = run_inside(__file__, sys.argv[1:])
    say(
        f"  {results['sites']} sites, {results['figure_rows']} daily and "
        f"{results['month_rows']} monthly figure rows "
        f"(seeded in {results['seeded_s']} s)"
    )
    say(f"  job (report + XLSX + PDF={results['pdf']}): {results['job_s']} s")
    for name in ("service", "service_months", "view"):
        median = results[f"{name}_median_ms"]
        say(
            f"  {name}: {median} ms median, {results[f'{name}_queries']} queries: "
            f"{'met' if median < AIM_MS else 'MISSED'} (aim {AIM_MS:.0f} ms)"
        )


if __name__ == "__main__":
    main()
