"""The console's restores, in the background: a ``RestoreJob`` row, a Celery task
(``tasks.run_restore_job``) and the job's page, which refreshes itself until it is
finished (as the console's provisioning jobs do).

``queue`` refuses in the request what needs no archive (the backup, the typed
confirmation, the copy's slug, a restore of the same site already under way);
``run`` then does the restore (``restore.restore_site``, which refuses a corrupt or
wrong-site archive before anything changes) and records its steps and outcome.
"""

from __future__ import annotations

import logging
import time

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backups.models import RestoreJob, RestoreMode, SiteBackup
from backups.restore import check_request, restore_site
from core.jobs import JobStatus

logger = logging.getLogger(__name__)

#: the advisory lock (with the slug's hash) under which a site's restore is queued
QUEUE_LOCK = 74_221_402


def queue(
    backup: SiteBackup, *, actor: str, as_slug: str = "", confirmation: str = ""
) -> RestoreJob:
    """A restore job for ``backup`` (as a copy when ``as_slug``), queued once the
    transaction commits. Raises ``ValidationError`` (Vietnamese; nothing queued)."""
    slug = backup.site_key
    check_request(slug, backup_id=backup.pk, as_slug=as_slug or None, confirmation=confirmation)
    with transaction.atomic():
        with connection.cursor() as cursor:  # two operators asking at once: one at a time
            cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [QUEUE_LOCK, slug])
        busy = RestoreJob.objects.filter(
            site_key=slug, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
        ).exists()
        if busy:
            raise ValidationError(
                _("Trang “%(slug)s” đang được phục hồi; hãy chờ yêu cầu trước kết thúc.")
                % {"slug": slug}
            )
        job = RestoreJob.objects.create(
            backup=backup,
            site_key=slug,
            mode=RestoreMode.COPY if as_slug else RestoreMode.IN_PLACE,
            as_slug=as_slug,
            confirmation=confirmation,
            created_by=actor,
        )

        def start():
            from backups.tasks import run_restore_job

            run_restore_job.delay(job.pk)

        transaction.on_commit(start)
    return job


def run(job_id: int) -> str:
    """Do the restore of job ``job_id``; a job runs once (a second delivery of its
    message finds it claimed and does nothing). Returns the job's status."""
    job = RestoreJob.claim(job_id)
    if job is None:
        return "skipped"
    started, steps = time.monotonic(), []

    def progress(step: str) -> None:
        steps.append([step, round(time.monotonic() - started, 2)])
        RestoreJob.objects.filter(pk=job_id).update(steps=list(steps))

    try:
        if job.backup_id is None:
            raise ValidationError(_("Bản sao lưu của yêu cầu này đã bị xoá."))
        result = restore_site(
            job.site_key,
            actor=job.created_by,
            backup_id=job.backup_id,
            as_slug=job.as_slug or None,
            confirmation=job.confirmation,
            progress=progress,
        )
    except ValidationError as exc:
        job.status = JobStatus.FAILED
        job.error = "\n".join(exc.messages)
    except Exception as exc:
        logger.exception("Restore job %s failed", job_id)
        job.status, job.error = JobStatus.FAILED, f"{type(exc).__name__}: {exc}"
    else:
        job.status = JobStatus.SUCCEEDED
        job.result_slug, job.result_domain = result.site.slug, result.domain
        job.pre_restore = result.pre_restore
    job.steps, job.finished_at = steps, timezone.now()
    job.save(
        update_fields=[
            "status",
            "error",
            "steps",
            "result_slug",
            "result_domain",
            "pre_restore",
            "finished_at",
        ]
    )
    if not connection.in_atomic_block:
        connection.close()  # the next job starts a fresh database session
    return job.status
