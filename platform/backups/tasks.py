"""Backups by the clock: fleet-level work in ``public`` (docs/periodic.md), a few
dumps at a time (``BACKUP_PARALLELISM``), not a per-site fan-out."""

from celery import shared_task
from django_tenants.utils import get_public_schema_name, schema_context


@shared_task(ignore_result=True)
def run_due_backups() -> dict:
    """Back up every active site whose last verified backup is older than its
    interval, and ``public``; returns counts of what was done."""
    from backups.services import run_backups

    with schema_context(get_public_schema_name()):
        outcomes = run_backups()
    return {
        "verified": sum(1 for o in outcomes if o.backup),
        "failed": sum(1 for o in outcomes if o.error),
    }


@shared_task(acks_late=True)
def run_restore_job(job_id: int) -> str:
    """Run the console's restore ``job_id`` (``backups.jobs.run``)."""
    from backups.jobs import run

    with schema_context(get_public_schema_name()):
        return run(job_id)
