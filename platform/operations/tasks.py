"""Periodic tasks of the operations centre (beat entries in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from core.periodic import fan_out
from operations import health, monitoring


@shared_task
def worker_heartbeat():
    """A worker ran this: ``/readyz``'s ``worker`` check is fresh."""
    health.beat("worker")


@shared_task
def check_platform():
    return monitoring.check_platform()


@shared_task
def check_site_home():
    """Per-site: probe this site's home page (runs in the site's schema)."""
    from tenants.db import connection

    return monitoring.check_site(connection.schema_name)


@shared_task
def check_sites():
    """Dispatcher: every active site's home page."""
    fan_out(check_site_home)


@shared_task
def rollup_site():
    """Per-site: recount this site's fleet figures."""
    from operations import fleet

    fleet.rollup_site()


@shared_task
def rollup_fleet():
    """Dispatcher: every active site's fleet figures."""
    fan_out(rollup_site)


@shared_task
def rollup_site_visits():
    """Per-site: copy today's and yesterday's visit counters into public."""
    from operations import visits

    visits.rollup_visits()


@shared_task
def rollup_visits():
    """Dispatcher: every active site's visit counters."""
    fan_out(rollup_site_visits)
