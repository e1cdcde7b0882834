"""The platform's own settings (``config.settings.base``) with the bench's knobs.

Nothing here changes how the platform serves a page; it only sets what the
benchmark varies, from environment variables the bench runner sets:

* ``BENCH_CONN_MAX_AGE``: persistent database connections (the platform uses 0 on
  the embedded database and 60 in production; the runner passes the same value
  to both projects).
* ``BENCH_PAGE_CACHE_TIMEOUT``: the platform's anonymous-page cache, in seconds
  (0 disables it), when the platform has that setting.
* ``BENCH_PARTICIPATION_RATE_LIMIT``: submissions per address (bench/participation.py
  posts from one address).
"""

import os
from pathlib import Path

os.environ.setdefault(
    "PLATFORM_DATA_DIR", str(Path(__file__).resolve().parents[1] / ".data" / "bench")
)
os.environ.setdefault("LOG_LEVEL", "WARNING")

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

if "BENCH_CONN_MAX_AGE" in os.environ:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])
if "BENCH_PAGE_CACHE_TIMEOUT" in os.environ:
    PAGE_CACHE_TIMEOUT = int(os.environ["BENCH_PAGE_CACHE_TIMEOUT"])
if "BENCH_PARTICIPATION_RATE_LIMIT" in os.environ:
    PARTICIPATION_RATE_LIMIT = int(os.environ["BENCH_PARTICIPATION_RATE_LIMIT"])
