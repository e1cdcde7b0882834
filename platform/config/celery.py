"""The Celery application: tenant_schemas_celery's, so tasks run in the schema they were sent from.

Start a worker with ``celery -A config worker`` from ``platform/`` on the path
(the Docker image sets PYTHONPATH). Tasks take ids, never model instances.
"""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = CeleryApp("platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
