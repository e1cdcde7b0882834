"""Periodic work: one dispatcher per job that fans out over the active sites.

Celery beat runs in ``public`` (ARCHITECTURE.md: "beat schedules that only run
in public"), so a job that concerns each site's own content (scheduled
publishing, closing drafts, erasing personal data…) is two tasks:

- a **dispatcher** named in ``CELERY_BEAT_SCHEDULE``, which calls
  :func:`fan_out`;
- a **per-site task**, which :func:`fan_out` sends once into each active site's
  schema (tenant_schemas_celery carries the schema with the message).

Sites that are suspended, archived or deleted are skipped: nothing changes on
them by itself. With a worker, the per-site tasks run in parallel, bounded by
the worker's concurrency; without Redis (the embedded default, where tasks run
in-process) they run one after the other and a failing site does not stop the
others.

The embedded default has no ``celery beat`` process, so :func:`start_embedded_beat`
runs Celery's own beat service in a thread of the web process (``manage.py
demo``): the same schedule, the same dispatchers, run in-process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from celery import Task
from celery.result import AsyncResult
from django_tenants.utils import get_public_schema_name, schema_context

from django.conf import settings

logger = logging.getLogger(__name__)


def active_schemas() -> list[str]:
    """The schema names of every active site, read from the registry in ``public``."""
    from tenants.models import SiteStatus, Tenant

    with schema_context(get_public_schema_name()):
        return list(
            Tenant.objects.filter(status=SiteStatus.ACTIVE)
            .exclude(schema_name=get_public_schema_name())
            .order_by("schema_name")
            .values_list("schema_name", flat=True)
        )


def fan_out(
    task: Task, *args, schemas: Iterable[str] | None = None, **kwargs
) -> dict[str, AsyncResult]:
    """Send ``task`` into every active site's schema (or the ``schemas`` given);
    returns each schema it was sent to with the task's result handle.

    A site whose task cannot be sent (or, in-process, fails) is logged and the
    others go on: one broken site never holds up the fleet.
    """
    sent: dict[str, AsyncResult] = {}
    for schema in active_schemas() if schemas is None else schemas:
        try:
            with schema_context(schema):
                result = task.apply_async(args=args, kwargs=kwargs)
        except Exception:
            logger.exception("Periodic task %s failed for site %s", task.name, schema)
        else:
            sent[schema] = result
    return sent


def start_embedded_beat():
    """Run the beat schedule in a thread of this process when there is no Redis
    (tasks are then eager, so each due dispatcher runs here); returns the thread,
    or ``None`` when a real ``celery beat`` is expected (``REDIS_URL`` set).
    """
    if settings.REDIS_URL:
        return None
    from celery.beat import _Threaded

    from config.celery import app

    # what EmbeddedService(thread=True) returns, typed (its stop() waits for the thread)
    beat = _Threaded(
        app, max_interval=1, schedule_filename=str(settings.DATA_DIR / "celerybeat-schedule")
    )
    beat.start()
    logger.info("Embedded beat started: %s", ", ".join(sorted(settings.CELERY_BEAT_SCHEDULE)))
    return beat
