"""Liveness and readiness: ``/healthz`` and ``/readyz`` on every host.

``HealthMiddleware`` answers both paths before the routing middleware, so they cost
no host lookup, are never served from the page cache and work on any Host header
(the load balancer's and docker-compose's probes use ``127.0.0.1``). ``/healthz``
says the process answers and touches nothing; ``/readyz`` runs the checks of
django-health-check 4.8 (``Database``: ``SELECT 1``, no rows; ``Redis``: a ping) and
the platform's own (S3 bucket reachable, worker and beat heartbeats fresh). An
anonymous caller reads only each check's name and ``ok``/``fail``: the errors go to
the log.

Heartbeats are rows of ``operations.Heartbeat`` in ``public`` (the database, not the
cache: they must outlive a Redis restart and be shared by every process), written
by the ``operations.tasks.worker_heartbeat`` task and by the beat scheduler
(``operations.beat``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import inspect
import logging
from typing import Any

from django_tenants.utils import get_public_schema_name, schema_context
from health_check.base import HealthCheck
from health_check.checks import Database
from health_check.exceptions import HealthCheckException, ServiceUnavailable

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"


def beat(name: str) -> None:
    """Record that the process ``name`` (``worker``, ``beat``) is alive now."""
    from operations.models import Heartbeat

    with schema_context(get_public_schema_name()):
        Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


@dataclasses.dataclass
class HeartbeatCheck(HealthCheck):
    """Fails when ``name`` has not beaten for ``HEALTH_HEARTBEAT_STALE_MINUTES``."""

    name: str = "worker"

    def run(self):
        from operations.models import Heartbeat

        with schema_context(get_public_schema_name()):
            seen = Heartbeat.objects.filter(name=self.name).values_list("seen_at", flat=True)
            seen_at = next(iter(seen), None)
        limit = datetime.timedelta(minutes=settings.HEALTH_HEARTBEAT_STALE_MINUTES)
        if seen_at is None or timezone.now() - seen_at > limit:
            raise ServiceUnavailable(f"no heartbeat from {self.name} since {seen_at}")


@dataclasses.dataclass
class RedisCheck(HealthCheck):
    """A ping to ``url`` with a short timeout (a stopped Redis fails fast)."""

    url: str = dataclasses.field(default="", repr=False)

    def run(self):
        import redis

        client = redis.Redis.from_url(self.url, socket_connect_timeout=2, socket_timeout=2)
        try:
            if not client.ping():
                raise ServiceUnavailable("Redis did not answer the ping")
        except redis.RedisError as error:
            raise ServiceUnavailable("Redis unreachable") from error
        finally:
            client.close()


@dataclasses.dataclass
class S3Check(HealthCheck):
    """The media bucket answers (``HeadBucket``; nothing written)."""

    def run(self):
        from django.core.files.storage import storages

        storage: Any = storages["default"]  # core.storage.SiteS3Storage
        try:
            storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        except Exception as error:
            raise ServiceUnavailable("S3 bucket unreachable") from error


def readiness_checks() -> dict[str, HealthCheck]:
    """The checks ``/readyz`` runs, by name: the database always, Redis and S3 when
    configured, the heartbeats when ``HEALTH_CHECK_HEARTBEATS``."""
    checks: dict[str, HealthCheck] = {"database": Database()}
    if settings.HEALTH_REDIS_URL:
        checks["redis"] = RedisCheck(url=settings.HEALTH_REDIS_URL)
    if settings.AWS_STORAGE_BUCKET_NAME:
        checks["s3"] = S3Check()
    if settings.HEALTH_CHECK_HEARTBEATS:
        checks["worker"] = HeartbeatCheck(name="worker")
        checks["beat"] = HeartbeatCheck(name="beat")
    return checks


def run_check(name: str, check: HealthCheck) -> str | None:
    """Run one check in this thread (its database reads see this connection);
    returns ``None`` when it passes, else the error (for the log and the operators)."""
    try:
        if inspect.iscoroutinefunction(check.run):
            asyncio.run(asyncio.wait_for(check.run(), check.timeout.total_seconds()))
        else:
            check.run()
    except HealthCheckException as error:
        logger.warning("Health check %s failed: %s", name, error, exc_info=error.__cause__)
        return str(error)
    except Exception as error:
        logger.exception("Health check %s failed", name)
        return f"{type(error).__name__}"
    return None


def readiness() -> dict[str, str | None]:
    """Every readiness check's result by name (``None``: passed)."""
    return {name: run_check(name, check) for name, check in readiness_checks().items()}


class HealthMiddleware:
    """Answer ``/healthz`` and ``/readyz`` on any host, before routing and the page
    cache (place it right after the security headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH:
            return _no_store(JsonResponse({"status": "ok"}))
        if request.path == READY_PATH:
            from tenants.db import connection

            connection.set_schema_to_public()
            results = readiness()
            ready = all(error is None for error in results.values())
            body = {
                "status": "ok" if ready else "fail",
                "checks": {
                    name: "ok" if error is None else "fail" for name, error in results.items()
                },
            }
            return _no_store(JsonResponse(body, status=200 if ready else 503))
        return self.get_response(request)


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response
