"""What the benches that make sites share: dropping the sites of their earlier runs."""


def drop_sites(prefix: str) -> None:
    """Drop every site whose slug starts with ``prefix`` (schemas, registry rows,
    domains, offers they made), keeping their audit rows; then vacuum the system
    catalogs, as a clean install would have them."""
    from django.db import connection

    from syndication.models import Offer
    from tenants.models import AuditEvent, Domain, Tenant

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", [f"site_{prefix}%"]
        )
        for (schema,) in cursor.fetchall():
            cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
    Offer.objects.filter(source_key__startswith=prefix).delete()
    AuditEvent.objects.filter(site_key__startswith=prefix).update(site=None)
    Domain.objects.filter(tenant__slug__startswith=prefix).delete()
    # Children first: a site's parent is protected while it has children.
    while Tenant.objects.filter(slug__startswith=prefix).exists():
        Tenant.objects.filter(slug__startswith=prefix, children__isnull=True).delete()
    # Dropped schemas leave dead rows in the system catalogs until autovacuum gets to
    # them, which slows every schema created meanwhile; a clean install has none.
    with connection.cursor() as cursor:
        for table in (
            "pg_class",
            "pg_attribute",
            "pg_type",
            "pg_depend",
            "pg_constraint",
            "pg_index",
            "pg_attrdef",
            "pg_namespace",
            "pg_sequence",
        ):
            cursor.execute(f"VACUUM ANALYZE pg_catalog.{table}")


def run_inside(script, argv: list[str], **extra_env: str) -> dict:
    """Run ``script --inner argv…`` under the platform's bench settings (after the
    checkout's environment is ready), echo what it prints and return the results it
    reports on its ``BENCH-RESULTS`` line; exit if it fails."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    import manage

    manage.ensure_environment()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.platform_settings",
        "PLATFORM_SKIP_BOOTSTRAP": "1",
        "PYTHONPATH": f"{root / 'platform'}:{root}",
        **extra_env,
    }
    # -P: the script's folder is not put first on sys.path, where bench/backups.py,
    # bench/reports.py… would hide the platform's apps of the same names
    command = [sys.executable, "-P", str(Path(script).resolve()), "--inner", *argv]
    process = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    results = {}
    for line in process.stdout.splitlines():
        if line.startswith("BENCH-RESULTS "):
            results = json.loads(line.removeprefix("BENCH-RESULTS "))
        else:
            sys.stdout.write(line + "\n")
    sys.stdout.flush()
    if process.returncode != 0:
        sys.stderr.write(process.stderr[-5000:])
        raise SystemExit(f"The benchmark failed (exit {process.returncode}).")
    return results
