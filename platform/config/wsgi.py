"""WSGI entry point (gunicorn). See manage.py for why platform/ goes on sys.path."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for path in (str(ROOT), str(ROOT / "platform")):
    if path not in sys.path:
        sys.path.insert(0, path)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
