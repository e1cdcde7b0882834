"""WSGI entry point of both benchmarked projects, with server-side query counting.

``DJANGO_SETTINGS_MODULE`` says which project (``bench.platform_settings`` or
``bench.plain_settings``). A request carrying ``X-Bench-Queries: 1`` is served
with every SQL statement counted (``connection.execute_wrapper``, which also sees
django-tenants' ``SET search_path``); the count comes back in the
``X-Bench-Query-Count`` response header, and with ``X-Bench-Sql: <name>`` the
statements are written to ``$BENCH_SQL_DIR/<name>.json``. Other requests are
served untouched, so the timed runs carry no counting overhead.
"""

import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _path in (str(ROOT / "platform"), str(ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connections  # noqa: E402

django_application = get_wsgi_application()
SQL_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")


def application(environ, start_response):
    if environ.get("HTTP_X_BENCH_QUERIES") != "1":
        return django_application(environ, start_response)

    statements = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append(
                {
                    "sql": sql,
                    "params": repr(params)[:500],
                    "many": many,
                    "ms": round((time.perf_counter() - started) * 1000, 3),
                }
            )

    def counting_start_response(status, headers, exc_info=None):
        # Django renders before it starts the response: every query is in.
        headers = [*headers, ("X-Bench-Query-Count", str(len(statements)))]
        name = environ.get("HTTP_X_BENCH_SQL", "")
        if name and SQL_NAME.match(name) and os.environ.get("BENCH_SQL_DIR"):
            path = Path(os.environ["BENCH_SQL_DIR"]) / f"{name}.json"
            path.write_text(json.dumps(statements, ensure_ascii=False, indent=1), encoding="utf-8")
        return start_response(status, headers, exc_info)

    with connections["default"].execute_wrapper(record):
        return django_application(environ, counting_start_response)
