"""Settings for the test suite: the base settings on a data folder of their own.

Without ``DATABASE_URL`` the tests run on their own embedded PostgreSQL
(``.data/test/postgres``) and media folder, never the ones the demo uses.
"""

import os
from pathlib import Path

_root = Path(__file__).resolve().parents[3]
os.environ.setdefault("PLATFORM_DATA_DIR", str(_root / ".data" / "test"))

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import LOGGING  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = "WARNING"  # type: ignore[index]  # LOGGING is a dict
# Tests see what the code renders; the page cache's own tests switch it on.
PAGE_CACHE_TIMEOUT = 0
# Backups retry at once in tests (a failure test sees every attempt quickly).
BACKUP_RETRY_SECONDS = 0
