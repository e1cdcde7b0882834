"""The reports' background work: the sites' daily figures (periodic, fanned out over
the active sites) and the report jobs the console and the boards ask for."""

from __future__ import annotations

import datetime
import logging
import secrets

from celery import shared_task
from django_tenants.utils import get_public_schema_name, schema_context

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from core.periodic import fan_out

logger = logging.getLogger(__name__)


@shared_task
def rollup_site_figures(days: list[str] | None = None) -> int:
    """The active site's figures of ``days`` (ISO dates; default: today and the 7 days
    before) into ``SiteDayFigure`` (run in the site's schema by ``fan_out``)."""
    from reports.collectors import rollup_site

    return rollup_site([datetime.date.fromisoformat(day) for day in days] if days else None)


@shared_task
def rollup_figures(days: list[str] | None = None):
    """Beat's entry (``CELERY_BEAT_SCHEDULE["report-figures"]``): every active site's
    recent days, or the ``days`` given (ISO dates: a catch-up)."""
    fan_out(rollup_site_figures, days=days)


def file_name(job, extension: str) -> str:
    """Outside the publicly served folders; read back only through the report's page."""
    scope = job.tenant.slug if job.tenant_id else "toan-tinh"
    return f"reports/{secrets.token_hex(8)}/bao-cao-{scope}-{job.start}-{job.end}.{extension}"


@shared_task(acks_late=True)
def run_report(job_id: int) -> str:
    """Compute report job ``job_id``: the figures, then the XLSX, then the PDF. Runs once:
    a second delivery finds the job claimed. A PDF that cannot be made (no Pango) leaves
    the job done with its XLSX and the reason in ``pdf_error``."""
    from reports import exports
    from reports.models import JobState, ReportJob
    from reports.services import build_report

    with schema_context(get_public_schema_name()):
        claimed = ReportJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            state=JobState.RUNNING, progress=5
        )
        if not claimed:
            return "skipped"
        job = ReportJob.objects.select_related("tenant").get(pk=job_id)

        def progress(percent: int) -> None:
            ReportJob.objects.filter(pk=job_id).update(progress=percent)

        try:
            result = build_report(
                job.start,
                job.end,
                tenant=job.tenant,
                kind=job.period_kind,
                progress=lambda percent: progress(percent * 6 // 10),
            )
            progress(65)
            job.xlsx = default_storage.save(
                file_name(job, "xlsx"), ContentFile(exports.xlsx(result))
            )
            progress(80)
            try:
                job.pdf = default_storage.save(
                    file_name(job, "pdf"), ContentFile(exports.pdf(result))
                )
            except exports.PdfUnavailable as exc:
                job.pdf_error = str(exc)
            job.result, job.state, job.progress = result, JobState.DONE, 100
        except Exception as exc:
            logger.exception("Report job %s failed", job_id)
            job.state, job.error = JobState.FAILED, f"{type(exc).__name__}: {exc}"
        job.finished_at = timezone.now()
        job.save(
            update_fields=[
                "state",
                "progress",
                "error",
                "result",
                "xlsx",
                "pdf",
                "pdf_error",
                "finished_at",
            ]
        )
        return job.state
