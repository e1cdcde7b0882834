#!/usr/bin/env python3
"""Fleet release benchmark: ``migrate_sites`` against django-tenants' ``migrate_schemas``
when there is nothing to apply, over N sites.

Run from the checkout's root: ``python3 bench/fleet.py --sites 150`` (``--help`` for
options; ``--sites 150,1000`` measures both sizes in one run). It bootstraps like
``manage.py`` (re-runs itself with ``.venv/bin/python``), joins an embedded
PostgreSQL of its own in ``.data/bench-fleet`` (never the demo's, the tests' or
``bench/pages.py``'s), makes the fleet by cloning the site template (schema only:
registry rows with status active, no page skeleton) and times, each as the operator
runs it (``manage.py …`` in a process of its own, Django's start included):

* ``migrate_sites`` (provisioning.fleet), ``--rounds`` times after one warm-up run;
* ``migrate_schemas`` (standard executor) and ``migrate_schemas
  --executor=multiprocessing``, once each, unless the fleet is larger than
  ``--skip-baseline-above`` (they take minutes at 1000 sites).

It prints the times and their ratios and writes them to
``bench/results/fleet-<timestamp>.json``.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"
DATA_DIR = ROOT / ".data" / "bench-fleet"
SLUG_PREFIX = "fleet"
#: seconds a no-op release may take, by fleet size (the aims of the fleet migration)
AIMS = {150: 5.0, 1000: 30.0}
COMMANDS = {
    # Django's start alone: the part of any manage.py command no fleet code can save
    "startup": ["migrate_sites", "--help"],
    "migrate_sites": ["migrate_sites"],
    "migrate_schemas": ["migrate_schemas", "--noinput"],
    "migrate_schemas_mp": ["migrate_schemas", "--noinput", "--executor=multiprocessing"],
}


def _bootstrap() -> None:
    """Run under the checkout's virtualenv, creating it if needed (as manage.py does)."""
    sys.path.insert(0, str(ROOT))
    import manage

    manage.ensure_environment()
    sys.path[:0] = [str(ROOT / "platform")]


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


# --- The fleet (run in a Django process of its own: ``bench/fleet.py --setup N``) -------------


def slug(number: int) -> str:
    return f"{SLUG_PREFIX}{number:04d}"


def setup_fleet(size: int, reset: bool, threads: int) -> dict:
    """Make the registry hold exactly ``size`` bench sites, each schema cloned from the
    current site template; returns what was done."""
    from concurrent.futures import ThreadPoolExecutor

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.migrations.loader import MigrationLoader

    from provisioning import fleet, template
    from tenants.models import Tenant

    started = time.monotonic()
    loader_pending = fleet.public_pending(MigrationLoader(None, ignore_no_migrations=True))
    if loader_pending:
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        connection.set_schema_to_public()
    current = template.current_template()
    marker = DATA_DIR / "fleet-fingerprint.txt"
    if current is None:
        say("  building the site template …")
        current = template.refresh_template()
    stale = reset or not marker.exists() or marker.read_text() != current.fingerprint

    ours = {t.slug: t for t in Tenant.objects.filter(slug__regex=rf"^{SLUG_PREFIX}\d{{4}}$")}
    wanted = {slug(number) for number in range(1, size + 1)}
    dropped = [t for s, t in ours.items() if stale or s not in wanted]
    for tenant in dropped:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
        Tenant.objects.filter(pk=tenant.pk).delete()
    if dropped:
        say(f"  dropped {len(dropped)} sites{' (template changed)' if stale else ''}")
    missing = sorted(wanted - (set(ours) - {t.slug for t in dropped}))

    def clone(slugs):
        try:
            for done, name in enumerate(slugs, 1):
                schema = Tenant.schema_name_for(name)
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                    Tenant.objects.create(
                        slug=name,
                        schema_name=schema,
                        name=f"Trang thử {name}",
                        kind="commune",
                        status="active",
                    )
                    template.clone_schema(schema, current)
                if done % 100 == 0:
                    say(f"  … {done} of {len(slugs)} on one thread")
        finally:
            connection.close()

    if missing:
        say(f"  cloning {len(missing)} sites on {threads} threads …")
        cloning = time.monotonic()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            for future in [pool.submit(clone, missing[i::threads]) for i in range(threads)]:
                future.result()
        say(f"  cloned in {time.monotonic() - cloning:.0f} s")
    marker.write_text(current.fingerprint)
    return {
        "sites": Tenant.objects.filter(slug__regex=rf"^{SLUG_PREFIX}\d{{4}}$").count(),
        "other_sites": Tenant.objects.exclude(slug__regex=rf"^{SLUG_PREFIX}\d{{4}}$").count(),
        "cloned": len(missing),
        "dropped": len(dropped),
        "template": current.fingerprint[:12],
        "seconds": round(time.monotonic() - started, 1),
    }


# --- Timing ------------------------------------------------------------------------------------


def timed(name: str, env: dict) -> tuple[float, str]:
    """Wall-clock seconds of ``manage.py <command>`` and its output; exits if it fails."""
    command = [sys.executable, str(ROOT / "manage.py"), *COMMANDS[name]]
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"{' '.join(COMMANDS[name])} failed (exit {result.returncode}).")
    return seconds, result.stdout + result.stderr


def check_noop(output: str, size: int) -> float:
    """The seconds ``migrate_sites`` says its check took; exits unless every site was
    up to date (the benchmark is about releases with nothing to apply)."""
    if f"{size} đã cập nhật, 0 còn thiếu di trú" not in output:
        raise SystemExit(f"migrate_sites did not find {size} sites up to date:\n{output}")
    return float(re.search(r"trong ([\d.]+) giây", output).group(1))


def measure(size: int, args, env: dict) -> dict:
    say(f"\nFleet of {size} sites")
    result = run_setup(size, args, env)
    total = result["sites"] + result["other_sites"]
    say(
        f"  {result['sites']} bench sites ready ({result['cloned']} cloned, "
        f"{result['dropped']} dropped) in {result['seconds']} s"
    )

    timed("migrate_sites", env)  # warm-up: the files and the catalog in the OS cache
    runs, checks = [], []
    for _round in range(args.rounds):
        seconds, output = timed("migrate_sites", env)
        runs.append(seconds)
        checks.append(check_noop(output, total))
    startup = statistics.median(timed("startup", env)[0] for _round in range(args.rounds))
    figures = {
        "sites": total,
        "startup": startup,
        "migrate_sites": {
            "median": statistics.median(runs),
            "runs": runs,
            "check_median": statistics.median(checks),
        },
    }
    say(
        f"  {'migrate_sites':<46} {figures['migrate_sites']['median']:7.1f} s"
        f"  (median of {len(runs)}: {' '.join(f'{r:.1f}' for r in runs)};"
        f" check {figures['migrate_sites']['check_median']:.2f} s;"
        f" Django's start alone {startup:.1f} s)"
    )
    if size > args.skip_baseline_above:
        say(
            f"  migrate_schemas: skipped (more than --skip-baseline-above "
            f"{args.skip_baseline_above} sites)"
        )
        return figures
    for name, label in (
        ("migrate_schemas", "migrate_schemas"),
        ("migrate_schemas_mp", "migrate_schemas --executor=multiprocessing"),
    ):
        seconds, _output = timed(name, env)
        figures[name] = {"seconds": seconds, "ratio": seconds / figures["migrate_sites"]["median"]}
        say(f"  {label:<46} {seconds:7.1f} s  ({figures[name]['ratio']:.1f}× migrate_sites)")
    # the baselines changed nothing: migrate_sites still finds every site up to date
    check_noop(timed("migrate_sites", env)[1], total)
    return figures


def run_setup(size: int, args, env: dict) -> dict:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--setup",
        str(size),
        "--threads",
        str(args.threads),
    ]
    if args.reset:
        command.append("--reset")
    result = subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=False
    )
    lines = result.stdout.splitlines()
    for line in lines:
        if not line.startswith("BENCH-SUMMARY "):
            say(line)
    if result.returncode != 0:
        raise SystemExit(f"Setting up {size} sites failed (exit {result.returncode}).")
    summary = next(line for line in lines if line.startswith("BENCH-SUMMARY "))
    return json.loads(summary.removeprefix("BENCH-SUMMARY "))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sites", default="150", help="fleet size, or sizes separated by commas (e.g. 150,1000)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of migrate_sites")
    parser.add_argument(
        "--skip-baseline-above",
        type=int,
        default=300,
        metavar="N",
        help="time migrate_schemas only for fleets of at most N sites",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=max(1, min(4, os.cpu_count() or 1)),
        help="connections cloning the sites in parallel",
    )
    parser.add_argument("--reset", action="store_true", help="drop and clone the sites again")
    parser.add_argument("--setup", type=int, metavar="N", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    env = {
        **os.environ,
        "PLATFORM_DATA_DIR": str(DATA_DIR),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DEBUG": "False",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if args.setup is not None:
        os.environ.update(env)
        import django

        django.setup()
        summary = setup_fleet(args.setup, args.reset, args.threads)
        say("BENCH-SUMMARY " + json.dumps(summary))
        return

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Hold the embedded server for the whole run (it stops when its last user exits).
    os.environ["PLATFORM_DATA_DIR"] = str(DATA_DIR)
    from config import embedded

    embedded.postgres_settings(DATA_DIR / "postgres")
    sizes = sorted(int(size) for size in args.sites.split(","))
    say(
        f"Fleet release with nothing to apply, data in {DATA_DIR.relative_to(ROOT)}, "
        f"{os.cpu_count()} CPUs"
    )
    results = {size: measure(size, args, env) for size in sizes}

    say("\nSummary (seconds; ratio = baseline / migrate_sites)")
    for size, figures in results.items():
        ours = figures["migrate_sites"]["median"]
        aim = AIMS.get(size)
        line = f"  {size:>5} sites: migrate_sites {ours:.1f}"
        if aim is not None:
            line += f" (aim < {aim:.0f}: {'met' if ours < aim else 'NOT met'})"
        for name, label in (
            ("migrate_schemas", "migrate_schemas"),
            ("migrate_schemas_mp", "multiprocessing"),
        ):
            if name in figures:
                line += f", {label} {figures[name]['seconds']:.1f} ({figures[name]['ratio']:.1f}×)"
        say(line)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"fleet-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(
        json.dumps(
            {
                "cpus": os.cpu_count(),
                "rounds": args.rounds,
                "skip_baseline_above": args.skip_baseline_above,
                "results": {str(size): figures for size, figures in results.items()},
            },
            indent=2,
        )
    )
    say(f"\nWritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    _bootstrap()
    main()
