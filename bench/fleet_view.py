#!/usr/bin/env python3
"""Fleet view benchmark: the console's fleet view and a province-wide visits report
for 200 sites, answered from the figures in ``public`` alone.

Run from the checkout's root: ``python3 bench/fleet_view.py`` (``--help``). It
works in the bench's embedded PostgreSQL (``.data/bench``) and writes the rows
directly: ``--sites`` registry rows (no schemas: the views never read one), their
``SiteFigures`` and 180 days of ``VisitDay`` each; then times the fleet view page
(``/operations/sitefigures/`` on the console host, an operator signed in: every site
on one page), filtered, and — in the same run — the plain table's view against the
admin changelist it replaced (the baseline), then the 6-month visits-per-site
aggregate a province report reads, with query counts.
"""

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "bf_"
AIM_MS = 200.0


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def inner(args) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Sum
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from operations.models import SiteFigures, VisitDay
    from tenants.models import Tenant

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    Tenant.objects.filter(slug__startswith=PREFIX).delete()
    now = timezone.now()
    today = timezone.localdate()
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
        SiteFigures.objects.bulk_create(
            SiteFigures(
                tenant=t,
                last_published_at=now - dt.timedelta(days=n % 45),
                published_30d=n % 40,
                schema_bytes=12_000_000 + n,
                media_bytes=50_000_000 + n,
                last_verified_backup_at=now - dt.timedelta(days=n % 5),
                rolled_up_at=now,
            )
            for n, t in enumerate(tenants)
        )
        VisitDay.objects.bulk_create(
            VisitDay(tenant=t, day=today - dt.timedelta(days=d), visits=100 + d)
            for t in tenants
            for d in range(180)
        )
    User = get_user_model()
    user = User.objects.filter(username="bench-operator").first() or User.objects.create_superuser(
        "bench-operator", "b@example.vn", None
    )
    client = Client()
    from tests.two_factor import verified_login

    verified_login(client, user)  # the console asks operators for a second factor

    def timed(fn):
        fn()
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            fn()
        return round(statistics.median(times), 1), len(queries)

    def fleet_view():
        response = client.get("/operations/sitefigures/?o=-sao_luu", HTTP_HOST="console.localhost")
        assert response.status_code == 200, response.status_code
        assert response.content.count(b'<tr class="fleet-flagged">') > 0

    def fleet_view_filtered():
        response = client.get(
            "/operations/sitefigures/?can_chu_y=bat_ky&o=dung_luong", HTTP_HOST="console.localhost"
        )
        assert response.status_code == 200, response.status_code

    # the same page in the same run: the plain table against the admin changelist it
    # replaced (``admin.ModelAdmin.changelist_view`` of the same FleetAdmin, all sites on
    # one page), both called as views (no middleware) so the ratio is the views' alone
    from django.contrib import admin as django_admin
    from django.test import RequestFactory
    from django.urls import resolve

    # the console's FleetAdmin, found by its URL (only the console's URLconf imports
    # the console: tests/test_layout.py)
    model_admin = resolve(
        "/operations/sitefigures/", urlconf="config.urls_console"
    ).func.model_admin
    model_admin.list_per_page = args.sites + 50
    factory = RequestFactory(HTTP_HOST="console.localhost")

    def as_view(call, url):
        def run():
            from django.urls import set_urlconf

            set_urlconf("config.urls_console")  # what the console host's routing sets
            request = factory.get(url)
            request.urlconf = "config.urls_console"
            request.user = user
            response = call(request)
            response.render()
            assert response.status_code == 200, response.status_code

        return run

    plain_view = as_view(model_admin.changelist_view, "/operations/sitefigures/?o=sao_luu")
    changelist = as_view(
        lambda request: django_admin.ModelAdmin.changelist_view(model_admin, request),
        "/operations/sitefigures/?o=6",
    )

    def province_visits():
        list(
            VisitDay.objects.filter(day__gte=today - dt.timedelta(days=182))
            .values("tenant__name")
            .annotate(total=Sum("visits"))
            .order_by("-total")
        )

    results = {"sites": args.sites}
    results["fleet_view_median_ms"], results["fleet_view_queries"] = timed(fleet_view)
    results["fleet_view_filtered_median_ms"], results["fleet_view_filtered_queries"] = timed(
        fleet_view_filtered
    )
    results["plain_table_view_median_ms"], results["plain_table_view_queries"] = timed(plain_view)
    results["admin_changelist_view_median_ms"], results["admin_changelist_view_queries"] = timed(
        changelist
    )
    results["province_visits_median_ms"], results["province_visits_queries"] = timed(
        province_visits
    )
    Tenant.objects.filter(slug__startswith=PREFIX).delete()
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
    for name in (
        "fleet_view",
        "fleet_view_filtered",
        "plain_table_view",
        "admin_changelist_view",
        "province_visits",
    ):
        median = results[f"{name}_median_ms"]
        say(
            f"  {name}: {median} ms median, {results[f'{name}_queries']} queries at "
            f"{results['sites']} sites: {'met' if median < AIM_MS else 'MISSED'} "
            f"(aim {AIM_MS:.0f} ms)"
        )
    ratio = results["admin_changelist_view_median_ms"] / max(
        results["plain_table_view_median_ms"], 0.1
    )
    say(
        f"  the plain table is {ratio:.1f}x faster than the admin changelist it replaced "
        f"({results['sites']} sites on one page, same run, views alone)"
    )


if __name__ == "__main__":
    main()
