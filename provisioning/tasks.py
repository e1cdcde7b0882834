"""The console's provisioning jobs, run by a Celery worker."""

import json
import logging
import time

from celery import shared_task

from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

logger = logging.getLogger(__name__)


class _ProgressWriter:
    """Writes a job's steps through a connection of its own, in autocommit: the
    provisioning's transaction would hide them until it commits (or roll them back
    with it), and the console shows them while the job runs."""

    def __init__(self, job):
        self.job_id, self.steps, self.started = job.pk, [], time.perf_counter()
        self.connection = connections.create_connection("default")

    def __call__(self, step: str) -> None:
        self.steps.append([step, round(time.perf_counter() - self.started, 2)])
        with self.connection.cursor() as cursor:
            cursor.execute(
                "UPDATE public.provisioning_provisioningjob SET steps = %s WHERE id = %s",
                [json.dumps(self.steps), self.job_id],
            )

    def close(self):
        self.connection.close()


@shared_task(acks_late=True)
def run_job(job_id: int) -> str:
    """Provision the site of job ``job_id``. A job runs once: a second delivery of the
    message (a worker lost after taking it) finds it claimed and does nothing."""
    from core.jobs import JobStatus
    from provisioning.models import ProvisioningJob
    from provisioning.province import validation_messages
    from provisioning.services import SiteSpec, provision_site

    job = ProvisioningJob.claim(job_id)
    if job is None:
        return "skipped"
    progress = _ProgressWriter(job)
    try:
        site = provision_site(SiteSpec(**job.spec), actor=job.created_by, progress=progress)
    except ValidationError as exc:
        job.status, job.error = JobStatus.FAILED, "\n".join(validation_messages(exc))
    except Exception as exc:
        logger.exception("Provisioning job %s failed", job_id)
        job.status, job.error = JobStatus.FAILED, f"{type(exc).__name__}: {exc}"
    else:
        job.status, job.site = JobStatus.SUCCEEDED, site
    finally:
        progress.close()
    job.steps, job.finished_at = progress.steps, timezone.now()
    job.save(update_fields=["status", "error", "site", "steps", "finished_at"])
    if not connection.in_atomic_block:
        # the next job starts a fresh database session (see province.provision)
        connection.close()
    return job.status
