#!/usr/bin/env python3
"""Syndication benchmark: publish-to-inbox latency, and the parent's inbox, the
portal's block of stories from component sites and its directory with headlines
at 200 sites and 20,000 offers.

Run from the checkout's root: ``python3 bench/exchange.py`` (``--help`` for
options). It bootstraps like ``manage.py`` and works in the bench's embedded
PostgreSQL (``.data/bench``, shared with the other benches):

1. provisions a provincial portal and one commune under it (skeleton, board,
   workflow), and clones ``--sites`` - 1 more communes (schema only, registry rows
   and domains) so the portal has ``--sites`` component sites;
2. publishes ``--publishes`` articles on the commune and measures, for each, the
   time from the start of the publish until the offer is visible to another
   database connection (the parent's inbox query): median and 95th percentile;
3. fills the exchange with ``--offers`` offers from every component site;
4. times the portal's inbox page (``/admin/syndication/``, a board member logged
   in), the block of stories from component sites, and the directory of
   component sites with each site's headlines, with their query counts.

The offer is written in the publish's own transaction, so no worker is on the
path from publish to inbox; with ``REDIS_URL`` unset the slow parts (alerts) run
in-process. Results go to ``bench/results/syndication-<timestamp>.json``.
"""

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"
PREFIX = "bs_"
PORTAL_HOST = "tinh.bs.localhost"
AIMS = {"inbox_visible_s": 2.0, "page_ms": 100.0}


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


# --- Inside Django -------------------------------------------------------------------------------


def inner(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    from provisioning import template

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    if template.current_template() is None:
        template.refresh_template()
    say("Dropping the sites of earlier runs…")
    from bench.bench_sites import drop_sites

    drop_sites(PREFIX)
    portal, commune = _sites(args.sites)
    results = {"sites": args.sites}
    results.update(_publish_latency(commune, args.publishes))
    _fill_exchange(portal, args.offers)
    results["offers"] = args.offers
    results.update(_pages(portal, args.rounds))
    return results


def _sites(count: int):
    from django.db import connection, transaction

    from provisioning import template
    from provisioning.board import Member
    from provisioning.services import SiteSpec, provision_site
    from tenants.models import Domain, Tenant

    def board(slug):
        return [
            Member(email=f"{role}@{slug}.bench.vn", role=role)
            for role in (
                "quan_tri",
                "truong_ban",
                "pho_truong_ban",
                "thu_ky",
                "bien_tap_vien",
                "phong_vien",
            )
        ]

    started = time.perf_counter()
    portal = provision_site(
        SiteSpec(
            slug=f"{PREFIX}tinh",
            kind="provincial_portal",
            name="Cổng thử tỉnh Bench",
            domains=[PORTAL_HOST],
            languages=["vi"],
            board=board("tinh"),
        ),
        actor="bench",
        invite=False,
    )
    commune = provision_site(
        SiteSpec(
            slug=f"{PREFIX}xa000",
            kind="commune",
            parent=portal.slug,
            name="Xã Bench 0",
            domains=["xa000.bs.localhost"],
            languages=["vi"],
            board=board("xa000"),
        ),
        actor="bench",
        invite=False,
    )
    current = template.current_template()
    for number in range(1, count):
        slug = f"{PREFIX}xa{number:03d}"
        with transaction.atomic():
            tenant = Tenant.objects.create(
                slug=slug,
                schema_name=Tenant.schema_name_for(slug),
                name=f"Xã Bench {number}",
                kind="commune",
                parent=portal,
                status="active",
            )
            template.clone_schema(tenant.schema_name, current)
            # after the schema: saving a domain updates the site's Wagtail Site
            Domain.objects.create(
                tenant=tenant, domain=f"xa{number:03d}.bs.localhost", is_primary=True
            )
    connection.set_schema_to_public()
    say(f"{count} component sites under the portal in {time.perf_counter() - started:.0f} s")
    return portal, commune


def _publish_latency(commune, publishes: int) -> dict:
    from django_tenants.utils import schema_context

    from django.db import connection, connections

    from news.models import NewsArticlePage, NewsIndexPage
    from syndication.models import Offer

    def visible(page_id, done: threading.Event, seen: list):
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                while not done.is_set():
                    cursor.execute(
                        "SELECT 1 FROM public.syndication_offer"
                        " WHERE source_key = %s AND page_id = %s",
                        [commune.slug, page_id],
                    )
                    if cursor.fetchone():
                        seen.append(time.perf_counter())
                        return
                    time.sleep(0.002)
        finally:
            other.close()

    timings, publish_only = [], []
    with schema_context(commune.schema_name):
        index = NewsIndexPage.objects.get(locale__language_code="vi")
        for number in range(publishes):
            article = NewsArticlePage(
                title=f"Xã Bench ra quân làm đường giao thông đợt {number}",
                slug=f"ra-quan-dot-{number}",
                lead="Sáng nay, xã tổ chức lễ ra quân.",
                body=json.dumps(
                    [
                        {
                            "type": "paragraph",
                            "value": (
                                "<p>Hàng trăm người dân tham gia làm đường bê tông liên thôn.</p>"
                                * 5
                            ),
                        }
                    ]
                ),
                live=False,
            )
            index.add_child(instance=article)
            revision = article.save_revision()
            done, seen = threading.Event(), []
            started = time.perf_counter()
            revision.publish()
            published = time.perf_counter()
            watcher = threading.Thread(target=visible, args=(article.pk, done, seen))
            watcher.start()
            watcher.join(timeout=10)
            done.set()
            if not seen:
                raise SystemExit(f"Offer of article {article.pk} not visible after 10 s")
            timings.append(seen[0] - started)
            publish_only.append(published - started)
    assert Offer.objects.filter(source_key=commune.slug).count() >= publishes
    connection.set_schema_to_public()
    result = {
        "inbox_visible_median_s": round(statistics.median(timings), 3),
        "inbox_visible_p95_s": round(percentile(timings, 0.95), 3),
        "publish_median_s": round(statistics.median(publish_only), 3),
        "publishes": publishes,
    }
    say(
        f"Publish → visible in the parent's inbox: median {result['inbox_visible_median_s']} s, "
        f"p95 {result['inbox_visible_p95_s']} s ({publishes} publishes; the publish itself "
        f"{result['publish_median_s']} s median)"
    )
    return result


def _fill_exchange(portal, offers: int) -> None:
    from django.utils import timezone

    from syndication.models import Offer, OfferStatus
    from tenants.models import Tenant

    started = time.perf_counter()
    sources = list(Tenant.objects.filter(parent=portal).order_by("slug"))
    statuses = [
        OfferStatus.OFFERED,
        OfferStatus.SEEN,
        OfferStatus.ACCEPTED,
        OfferStatus.REJECTED,
        OfferStatus.UPDATED,
        OfferStatus.WITHDRAWN,
    ]
    now = timezone.now()
    rng = random.Random(2026)
    body = "<p>Hàng trăm người dân tham gia làm đường bê tông liên thôn.</p>" * 8
    batch = []
    for number in range(offers):
        source = sources[number % len(sources)]
        at = now - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 365))
        status = statuses[number % len(statuses)]
        republished = status == OfferStatus.ACCEPTED
        batch.append(
            Offer(
                source=source,
                source_key=source.slug,
                source_name=source.name,
                source_kind=source.kind,
                target=portal,
                page_id=100000 + number,
                revision_id=1,
                content_hash=f"{number:064d}",
                title=f"Tin số {number} của {source.name}",
                lead="Sapo của tin.",
                body=body,
                url=f"http://{source.slug}.bs.localhost/tin/{number}/",
                published_at=at,
                changed_at=at,
                status=status,
                category="Thời sự",
                accepted_page_id=number if republished else None,
                parent_url=f"http://{PORTAL_HOST}/tin-tuc/tin-{number}/" if republished else "",
                parent_published_at=at if republished else None,
            )
        )
        if len(batch) == 2000:
            Offer.objects.bulk_create(batch)
            batch = []
    Offer.objects.bulk_create(batch)
    with __import__("django.db", fromlist=["connection"]).connection.cursor() as cursor:
        cursor.execute("ANALYZE public.syndication_offer")
    say(
        f"{offers} offers from {len(sources)} sites in the exchange "
        f"({time.perf_counter() - started:.0f} s)"
    )


def _pages(portal, rounds: int) -> dict:
    from django_tenants.utils import schema_context

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from syndication.blocks import ComponentNewsBlock

    with schema_context(portal.schema_name):
        user = get_user_model().objects.get(email="truong_ban@tinh.bench.vn")
    client = Client()
    with schema_context(portal.schema_name):
        client.force_login(user)
    connection.set_schema_to_public()

    def measure(name, fn):
        for _ in range(3):
            fn()
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            fn()
        return {
            f"{name}_median_ms": round(statistics.median(times), 1),
            f"{name}_p95_ms": round(percentile(times, 0.95), 1),
            f"{name}_queries": len(queries),
        }

    def inbox():
        response = client.get("/admin/syndication/", HTTP_HOST=PORTAL_HOST)
        assert response.status_code == 200, response.status_code
        connection.set_schema_to_public()

    def directory():
        response = client.get("/trang-thanh-phan/", HTTP_HOST=PORTAL_HOST)
        assert response.status_code == 200, response.status_code
        connection.set_schema_to_public()

    block = ComponentNewsBlock()
    value = block.to_python({"heading": "Tin từ các xã, phường, sở, ngành", "count": 6})

    def aggregated():
        connection.set_tenant(portal)
        html = block.render(value, {})
        assert "Tin số" in html
        connection.set_schema_to_public()

    results = {}
    for name, fn in (
        ("inbox", inbox),
        ("component_news_block", aggregated),
        ("directory", directory),
    ):
        results.update(measure(name, fn))
        say(
            f"{name}: median {results[f'{name}_median_ms']} ms, "
            f"p95 {results[f'{name}_p95_ms']} ms, "
            f"{results[f'{name}_queries']} queries"
        )
    return results


# --- Outside --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=200, help="component sites of the portal")
    parser.add_argument("--offers", type=int, default=20000, help="offers in the exchange")
    parser.add_argument("--publishes", type=int, default=30, help="publishes timed")
    parser.add_argument("--rounds", type=int, default=30, help="requests timed per page")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        say("BENCH-RESULTS " + json.dumps(inner(args)))
        return
    from bench_sites import run_inside

    results = run_inside(__file__, sys.argv[1:], BENCH_PAGE_CACHE_TIMEOUT="0")
    say(
        f"\nAims: an offer in the parent's inbox within {AIMS['inbox_visible_s']} s of "
        f"publishing; the inbox and the aggregated block under {AIMS['page_ms']:.0f} ms at "
        f"{results['sites']} sites and {results['offers']} offers."
    )
    say(
        f"  publish → inbox p95 {results['inbox_visible_p95_s']} s: "
        f"{'met' if results['inbox_visible_p95_s'] < AIMS['inbox_visible_s'] else 'MISSED'}"
    )
    for name in ("inbox", "component_news_block", "directory"):
        median = results[f"{name}_median_ms"]
        say(
            f"  {name}: {median} ms median, {results[f'{name}_queries']} queries: "
            f"{'met' if median < AIMS['page_ms'] else 'MISSED'}"
        )
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS_DIR / f"syndication-{stamp}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
