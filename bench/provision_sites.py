#!/usr/bin/env python3
"""Provisioning benchmark: cloning against migrating, a whole province, a no-op release.

Run from the checkout's root: ``python3 bench/provision_sites.py`` (``--help`` for options).
It bootstraps like ``manage.py`` and works in the bench's embedded PostgreSQL
(``.data/bench``, shared with ``bench/pages.py``, never the demo's or the tests'):

1. refreshes the site template (timed);
2. provisions ``--sites`` sites (schema, skeleton, board of six, workflow) by
   cloning the template and ``--migrated`` sites by running the migrations, in the
   same run, interleaved, and prints both medians and their ratio (and the same for
   the schema alone);
3. provisions a province from a generated file (``--communes`` communes and wards,
   ``--departments`` departments, ``--party-bodies`` party bodies, under a provincial
   and a party portal) with ``manage.py provision_province``, then runs the file again
   (nothing to create);
4. runs the fleet release with nothing to apply (``manage.py migrate_sites``) and
   django-tenants' ``migrate_schemas`` over those sites, and prints both times;
5. with ``--pages``, reruns ``bench/pages.py`` with the province in place.

The province's sites are dropped at the start of each run, so creation is measured
from scratch. Results go to ``bench/results/provisioning-<timestamp>.json``.
"""

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"
PREFIX = "bp_"  # the slugs of every site this bench makes
AIMS = {"site_median_s": 1.5, "province_s": 240, "noop_release_150_s": 5}


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def province_file(path: Path, communes: int, departments: int, party_bodies: int) -> int:
    """Write a province file; return its number of sites."""
    import yaml

    def board(slug):
        return [
            {
                "email": f"{role}@{slug.replace('_', '-')}.bench.vn",
                "role": role,
                "name": f"Thành viên {role}",
            }
            for role in (
                "quan_tri",
                "truong_ban",
                "pho_truong_ban",
                "thu_ky",
                "bien_tap_vien",
                "phong_vien",
            )
        ]

    portal, party = f"{PREFIX}tinh", f"{PREFIX}dcs"
    sites = [
        {
            "slug": portal,
            "kind": "provincial_portal",
            "name": "Cổng Thông tin điện tử tỉnh Bench",
            "name_en": "Bench Provincial Portal",
            "domains": ["tinh.bench.localhost"],
            "board": board(portal),
        },
        {
            "slug": party,
            "kind": "party_portal",
            "name": "Cổng Thông tin điện tử Đảng bộ tỉnh Bench",
            "domains": ["dcs.bench.localhost"],
            "board": board(party),
        },
    ]
    for number in range(1, departments + 1):
        slug = f"{PREFIX}so{number:02d}"
        sites.append(
            {
                "slug": slug,
                "kind": "department",
                "parent": portal,
                "name": f"Sở số {number} tỉnh Bench",
                "name_en": f"Department {number}",
                "domains": [f"so{number:02d}.tinh.bench.localhost"],
                "board": board(slug),
            }
        )
    for number in range(1, communes + 1):
        slug = f"{PREFIX}xa{number:03d}"
        sites.append(
            {
                "slug": slug,
                "kind": "commune",
                "parent": portal,
                "name": f"Xã số {number}",
                "name_en": f"Commune {number}",
                "domains": [f"xa{number:03d}.tinh.bench.localhost"],
                "board": board(slug),
            }
        )
    for number in range(1, party_bodies + 1):
        slug = f"{PREFIX}ban{number:02d}"
        sites.append(
            {
                "slug": slug,
                "kind": "party_body",
                "parent": party,
                "name": f"Ban đảng số {number}",
                "languages": ["vi"],
                "domains": [f"ban{number:02d}.dcs.bench.localhost"],
                "board": board(slug),
            }
        )
    path.write_text(yaml.safe_dump({"sites": sites}, allow_unicode=True), encoding="utf-8")
    return len(sites)


# --- Inside Django -------------------------------------------------------------------------------


def inner(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from provisioning import template
    from provisioning.board import Member
    from provisioning.services import SiteSpec, provision_site
    from tenants.models import Tenant

    results = {}
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    say("Dropping the sites of earlier runs…")
    from bench.bench_sites import drop_sites

    drop_sites(PREFIX)

    started = time.perf_counter()
    template.refresh_template()
    results["template_refresh_s"] = round(time.perf_counter() - started, 2)
    say(f"Template refreshed in {results['template_refresh_s']} s")

    # 2. Cloning against migrating, interleaved so that both see the same machine.
    board = [
        Member(email=f"{role}@bench.vn", role=role)
        for role in (
            "quan_tri",
            "truong_ban",
            "pho_truong_ban",
            "thu_ky",
            "bien_tap_vien",
            "phong_vien",
        )
    ]
    timings = {"clone": [], "migrate": [], "clone_schema": [], "migrate_schema": []}
    order = ["clone"] * args.sites
    for index in range(args.migrated):
        order.insert(
            min(len(order), (index + 1) * max(1, args.sites // (args.migrated + 1))), "migrate"
        )
    # The departments' parent portal (not timed).
    portal = f"{PREFIX}onetinh"
    provision_site(
        SiteSpec(
            slug=portal,
            name="Cổng thử",
            kind="provincial_portal",
            domains=["onetinh.bench.localhost"],
            board=board,
            languages=["vi"],
        ),
        actor="bench",
        invite=False,
    )
    for number, how in enumerate(order, start=1):
        slug = f"{PREFIX}one{number:02d}"
        spec = SiteSpec(
            slug=slug,
            name=f"Sở thử {number}",
            kind="department",
            parent=portal,
            domains=[f"one{number:02d}.bench.localhost"],
            board=board,
            languages=["vi", "en"],
        )
        # The same service either way; the baseline makes the schema by migration.
        started = time.perf_counter()
        provision_site(spec, actor="bench", invite=False, clone=how == "clone")
        timings[how].append(time.perf_counter() - started)
        connection.close()  # each site in a fresh session, as provision_province does
        # The schema alone, by each route, in a transaction rolled back.
        for route in ("clone_schema", "migrate_schema"):
            if route == "migrate_schema" and len(timings["migrate_schema"]) >= args.migrated:
                continue
            schema = f"site_{PREFIX}schema_only"
            from django.db import transaction

            try:
                with transaction.atomic():
                    started = time.perf_counter()
                    if route == "clone_schema":
                        template.clone_schema(schema)
                    else:
                        with connection.cursor() as cursor:
                            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                        Tenant(schema_name=schema, slug="x").create_schema(
                            check_if_exists=True, verbosity=0
                        )
                    timings[route].append(time.perf_counter() - started)
                    raise _Rollback
            except _Rollback:
                pass
            connection.set_schema_to_public()
    for name, values in timings.items():
        results[f"{name}_median_s"] = round(statistics.median(values), 3) if values else None
        results[f"{name}_runs"] = len(values)
    results["site_ratio"] = round(results["migrate_median_s"] / results["clone_median_s"], 1)
    results["schema_ratio"] = round(
        results["migrate_schema_median_s"] / results["clone_schema_median_s"], 1
    )
    say(
        f"One site ready to edit (schema, skeleton, board, workflow): clone "
        f"{results['clone_median_s']:.2f} s median ({len(timings['clone'])} sites), migrate "
        f"{results['migrate_median_s']:.2f} s ({len(timings['migrate'])}): {results['site_ratio']}×"
    )
    say(
        f"Schema alone: clone {results['clone_schema_median_s']:.2f} s, migrate "
        f"{results['migrate_schema_median_s']:.2f} s: {results['schema_ratio']}×"
    )

    # 3. A whole province from one file, then the same file again.
    path = Path(args.data_dir) / "bench-province.yaml"
    count = province_file(path, args.communes, args.departments, args.party_bodies)
    # As the operator runs it: ``manage.py provision_province`` in a process of its own
    # (Django's start included), the same settings and database as this one.
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "provision_province",
        str(path),
        "--no-email",
    ]
    started = time.perf_counter()
    process = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    results["province_sites"] = count
    results["province_s"] = round(time.perf_counter() - started, 1)
    if process.returncode != 0:
        say(
            "\n".join(line for line in process.stdout.splitlines() if not line.startswith("ĐÃ TẠO"))
            + process.stderr[-3000:]
        )
        raise SystemExit("provision_province failed")
    per_site = [float(m) for m in re.findall(r"\(([0-9.]+) s\)", process.stdout)]
    results["province_site_median_s"] = round(statistics.median(per_site), 2)
    say(
        f"Province of {count} sites provisioned in {results['province_s']} s "
        f"({results['province_s'] / count:.2f} s per site; each site "
        f"{results['province_site_median_s']} s median as the command reports it)"
    )
    started = time.perf_counter()
    process = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    results["province_rerun_s"] = round(time.perf_counter() - started, 1)
    summary = process.stdout.strip().splitlines()[-1]
    say(f"Same file again in {results['province_rerun_s']} s: {summary}")

    # 4. A release with nothing to apply, over every site now in the database.
    results["fleet_sites"] = Tenant.objects.count()
    started = time.perf_counter()
    call_command("migrate_sites", stdout=StringIO())
    results["migrate_sites_s"] = round(time.perf_counter() - started, 2)
    if not args.skip_baseline:
        started = time.perf_counter()
        call_command("migrate_schemas", interactive=False, verbosity=0, stdout=StringIO())
        results["migrate_schemas_s"] = round(time.perf_counter() - started, 2)
        results["release_ratio"] = round(
            results["migrate_schemas_s"] / results["migrate_sites_s"], 1
        )
    say(
        f"No-op release over {results['fleet_sites']} sites: migrate_sites "
        f"{results['migrate_sites_s']} s"
        + (
            f", migrate_schemas {results['migrate_schemas_s']} s ({results['release_ratio']}×)"
            if "migrate_schemas_s" in results
            else ""
        )
    )
    return results


class _Rollback(Exception):
    pass


# --- Outside --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=9, help="sites created by cloning")
    parser.add_argument("--migrated", type=int, default=3, help="sites created by migration")
    parser.add_argument("--communes", type=int, default=124)
    parser.add_argument("--departments", type=int, default=20)
    parser.add_argument("--party-bodies", type=int, default=6)
    parser.add_argument(
        "--skip-baseline",
        action="store_true",
        help="do not time migrate_schemas (slow at 1,000 sites)",
    )
    parser.add_argument(
        "--pages", action="store_true", help="then rerun bench/pages.py with the province in place"
    )
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.data_dir = os.environ.get("PLATFORM_DATA_DIR", str(ROOT / ".data" / "bench"))
    if args.inner:
        results = inner(args)
        say("BENCH-RESULTS " + json.dumps(results))
        return

    from bench_sites import run_inside

    results = run_inside(__file__, [a for a in sys.argv[1:] if a != "--pages"])
    say(
        "\nAims on this 2-core machine: one site under 1.5 s median, the province under "
        "4 minutes, a no-op release over 150 sites under 5 s."
    )
    say(
        f"  one site by cloning: {results['clone_median_s']:.2f} s "
        f"({'met' if results['clone_median_s'] < AIMS['site_median_s'] else 'MISSED'}); "
        f"by migration {results['migrate_median_s']:.2f} s; ratio {results['site_ratio']}×"
    )
    say(
        f"  province ({results['province_sites']} sites): {results['province_s']} s "
        f"({'met' if results['province_s'] < AIMS['province_s'] else 'MISSED'})"
    )
    say(
        f"  no-op release over {results['fleet_sites']} sites: {results['migrate_sites_s']} s"
        + (
            f" vs migrate_schemas {results['migrate_schemas_s']} s"
            if "migrate_schemas_s" in results
            else ""
        )
    )
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS_DIR / f"provisioning-{stamp}.json").write_text(json.dumps(results, indent=2))
    if "--pages" in sys.argv:
        say("\nThe page benchmark with the province in place:")
        subprocess.run([sys.executable, str(ROOT / "bench" / "pages.py")], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
