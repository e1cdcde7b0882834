#!/usr/bin/env python3
"""Backup benchmark: verified backups of the demo-sized sites, and one verified restore.

Run from the checkout's root: ``python3 bench/backups.py`` (``--parallel 1,2``,
``--rounds N``). It bootstraps like ``manage.py`` and uses an embedded PostgreSQL of
its own in ``.data/bench-backups`` (never the demo's or the tests'), where it builds
the demo sites once (``provisioning.demo_data.load_demo``: the demo's articles,
documents, images). Then, for each parallelism, it backs up every demo site and
``public`` (``backups.services.run_backups``: dump + counts in one snapshot, store,
read back, restore into a scratch database, compare) and prints the wall time, the
time per site, the archive sizes; and it restores one site as a copy (the console's
"restore as a copy": verify, rename, restore, migrate) and in place, timed.

Figures for 150 sites are extrapolated from the per-site time at the measured
parallelism (the work is per site and independent; the limit is the machine's
CPUs and disk), and printed as such.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bootstrap() -> None:
    sys.path.insert(0, str(ROOT))
    import manage

    manage.ensure_environment()
    sys.path[:0] = [str(ROOT / "platform")]


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parallel", default="1,2", help="parallelisms to measure")
    parser.add_argument("--fleet", type=int, default=150, help="fleet size to extrapolate to")
    args = parser.parse_args()

    _bootstrap()
    os.environ.setdefault("PLATFORM_DATA_DIR", str(ROOT / ".data" / "bench-backups"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    import django

    django.setup()
    from django.core.management import call_command

    from backups.models import SiteBackup
    from backups.restore import restore_site
    from backups.services import run_backups
    from provisioning.demo_data import load_demo
    from provisioning.template import current_template, refresh_template
    from tenants.models import Tenant

    say("Preparing the demo sites (first run only)…")
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    if current_template() is None:
        refresh_template()
    load_demo()
    sites = list(
        Tenant.objects.filter(status="active")
        .exclude(slug__startswith="bench_copy")
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    say(f"{len(sites)} demo sites: {', '.join(sites)}")

    per_site = {}
    for parallel in [int(p) for p in args.parallel.split(",")]:
        start = time.monotonic()
        outcomes = run_backups(sites, include_public=True, parallelism=parallel)
        wall = time.monotonic() - start
        failed = [o for o in outcomes if o.error]
        done = [o.backup for o in outcomes if o.backup]
        sizes = [b.size for b in done if b.site_key]
        per_site[parallel] = wall / len(outcomes)
        say(
            f"parallelism {parallel}: {len(done)} verified backups ({len(sites)} sites + public)"
            f" in {wall:.1f} s = {per_site[parallel]:.2f} s each (wall), failed {len(failed)};"
            f" site archive median {statistics.median(sizes) / 1e6:.2f} MB,"
            f" max {max(sizes) / 1e6:.2f} MB, total {sum(sizes) / 1e6:.1f} MB;"
            f" per backup (own clock) median {statistics.median(b.seconds for b in done):.2f} s"
        )
        for o in failed:
            say(f"  FAILED {o.site_key}: {o.error[:200]}")
        fleet = per_site[parallel] * args.fleet
        say(
            f"  → {args.fleet} such sites at parallelism {parallel}:"
            f" ≈ {fleet / 60:.1f} min (extrapolated)"
        )

    slug = max(sites, key=lambda s: SiteBackup.objects.filter(site_key=s).first().size)
    backup = SiteBackup.objects.filter(site_key=slug).order_by("-verified_at").first()
    copy = "bench_copy"
    for stale in Tenant.objects.filter(slug=copy):
        stale.delete(force_drop=True)
    start = time.monotonic()
    result = restore_site(slug, actor="bench", backup_id=backup.pk, as_slug=copy)
    copy_s = time.monotonic() - start
    say(
        f"restore of {slug} ({backup.size / 1e6:.2f} MB, {backup.rows} rows) as a copy:"
        f" {copy_s:.1f} s, at {result.domain}"
    )
    start = time.monotonic()
    restore_site(slug, actor="bench", backup_id=backup.pk, confirmation=slug)
    in_place_s = time.monotonic() - start
    say(
        f"restore of {slug} in place (a verified backup of the current state first):"
        f" {in_place_s:.1f} s"
    )
    Tenant.objects.get(slug=copy).delete(force_drop=True)
    say(
        "aim: a demo-sized site's verified restore < 30 s → "
        + ("met" if max(copy_s, in_place_s) < 30 else "NOT met")
    )


if __name__ == "__main__":
    main()
