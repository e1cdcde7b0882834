"""The PostgreSQL side of backups: a dump with its row counts taken in the same
snapshot, and scratch databases to restore an archive into before trusting it.

``pg_dump``/``pg_restore`` are the ones of the server in use
(``tenants.schema_dump.pg_dump_path``: ``PG_DUMP``, the embedded wheel's, or PATH).
"""

import importlib
import os
import secrets
import subprocess
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

from django.conf import settings
from django.utils.translation import gettext as _

from tenants.schema_dump import pg_dump_path


class DumpError(RuntimeError):
    """pg_dump or pg_restore failed (a Vietnamese message)."""


def _params(dbname: str | None = None) -> dict:
    db = settings.DATABASES["default"]
    params = {"dbname": dbname or db["NAME"], "user": db.get("USER") or None}
    if db.get("HOST"):
        params["host"] = db["HOST"]
    if db.get("PORT"):
        params["port"] = str(db["PORT"])
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    return params


def connect(dbname: str | None = None, **kwargs) -> psycopg.Connection:
    return psycopg.connect(**_params(dbname), **kwargs)


def _run(tool: str, *args: str, dbname: str | None = None, database: bool = True) -> str:
    db = settings.DATABASES["default"]
    binary = str(Path(pg_dump_path()).with_name(tool))
    command = [binary, *args]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    if database:
        command += ["--dbname", dbname or db["NAME"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise DumpError(
            _("%(tool)s thất bại: %(error)s")
            % {"tool": tool, "error": result.stderr.strip()[-2000:]}
        )
    return result.stdout


def tables(cursor, schema: str) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", [schema]
    )
    return [row[0] for row in cursor.fetchall()]


def row_counts(cursor, schema: str) -> dict[str, int]:
    counts = {}
    for table in tables(cursor, schema):
        cursor.execute(
            sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
        )
        counts[table] = cursor.fetchone()[0]
    return counts


def dump_with_counts(schema: str, target: Path) -> dict[str, int]:
    """``pg_dump --format=custom`` of ``schema`` into ``target``, and the row count of
    each of its tables, both read in one exported snapshot (REPEATABLE READ): the
    counts are exactly those of the dump."""
    with connect() as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            row = cursor.fetchone()
            assert row is not None
            snapshot = row[0]
            counts = row_counts(cursor, schema)
            _run(
                "pg_dump",
                "--no-owner",
                "--no-privileges",
                "--format=custom",
                f"--snapshot={snapshot}",
                "-n",
                schema,
                f"--file={target}",
            )
        conn.rollback()
    return counts


def list_archive(dump: Path) -> str:
    """``pg_restore --list``: fails on a file that is not a readable custom dump."""
    return _run("pg_restore", "--list", str(dump), database=False)


def restore(dump: Path, dbname: str | None = None) -> None:
    """Restore ``dump`` (all or nothing) into the platform's database or ``dbname``.

    The ``public`` schema itself is never created (it exists in every database):
    its entry is left out of the list pg_restore follows."""
    listing = list_archive(dump)
    kept = [line for line in listing.splitlines() if not _is_public_schema_entry(line)]
    list_file = dump.with_suffix(".list")
    list_file.write_text("\n".join(kept) + "\n", encoding="utf-8")
    _run(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--use-list={list_file}",
        str(dump),
        dbname=dbname,
    )


def _is_public_schema_entry(line: str) -> bool:
    return " SCHEMA - public " in line or line.rstrip().endswith("SCHEMA - public postgres")


def dump_from(dbname: str, schema: str, target: Path) -> None:
    _run(
        "pg_dump",
        "--no-owner",
        "--no-privileges",
        "--format=custom",
        "-n",
        schema,
        f"--file={target}",
        dbname=dbname,
    )


def _search_prerequisites() -> str:
    """The public objects every site schema relies on (unaccent, the Vietnamese
    text search configuration), as core's first migration creates them."""
    return importlib.import_module("core.migrations.0001_vietnamese_search").CREATE


@contextmanager
def scratch_database(*, for_public: bool = False):
    """A new empty database, dropped on the way out; yields its name."""
    name = f"backup_scratch_{secrets.token_hex(6)}"
    with connect(autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
    try:
        with connect(name, autocommit=True) as conn:
            if for_public:
                conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public")
            else:
                conn.execute(_search_prerequisites())
        yield name
    finally:
        with connect(autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def drop_abandoned_scratch_databases() -> list[str]:
    """Drop the scratch databases a killed run left behind (those nobody is connected
    to: one in use refuses ``DROP DATABASE`` without FORCE and is left alone)."""
    dropped = []
    with connect(autocommit=True) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'backup\\_scratch\\_%'"
            ).fetchall()
        ]
        for name in names:
            try:
                conn.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
            except psycopg.Error:
                continue
            dropped.append(name)
    return dropped
