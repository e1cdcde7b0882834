"""The report pages of each site's Wagtail admin (its board, its own site only), and
the helpers the console's pages share (``provisioning.console.reports``)."""

from __future__ import annotations

from django_tenants.utils import get_public_schema_name

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from reports.exports import page_context
from reports.forms import PeriodForm
from reports.models import JobState, ReportJob
from reports.services import request_report
from tenants.db import connection

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def job_context(job: ReportJob) -> dict:
    """What a job's page shows: its progress until it is finished, then the report."""
    context: dict = {"job": job, "refresh": not job.is_finished}
    if job.state == JobState.DONE and job.result:
        context.update(page_context(job.result))
    return context


def download(job: ReportJob, fmt: str) -> FileResponse:
    """The job's XLSX or PDF as an attachment (404 when it has none)."""
    name = getattr(job, fmt, "") if fmt in FORMATS else ""
    if job.state != JobState.DONE or not name or not default_storage.exists(name):
        raise Http404(_("Báo cáo không có tệp này."))
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=name.rsplit("/", 1)[-1],
        content_type=FORMATS[fmt],
    )


def current_site():
    """The registry row of the site whose admin this is (404 anywhere else)."""
    from tenants.models import Tenant

    tenant = getattr(connection, "tenant", None)
    if (
        not isinstance(tenant, Tenant)
        or not tenant.pk
        or tenant.schema_name == get_public_schema_name()
    ):
        raise Http404
    return tenant


def _job(site, job_id: int) -> ReportJob:
    job = ReportJob.objects.filter(pk=job_id, tenant_id=site.pk).first()
    if job is None:  # another site's job, or none: the same answer
        raise Http404(_("Không có báo cáo này."))
    return job


def index(request):
    """The period form and the site's recent reports; a valid form queues a job."""
    site = current_site()
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = request_report(
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            kind=form.cleaned_data["kind"],
            tenant=site,
            username=request.user.get_username(),
        )
        return redirect("reports:job", job.pk)
    return TemplateResponse(
        request,
        "reports/admin_index.html",
        {
            "form": form,
            "site": site,
            "jobs": ReportJob.objects.filter(tenant_id=site.pk)[:20],
        },
    )


def job(request, job_id: int):
    site = current_site()
    return TemplateResponse(
        request, "reports/admin_job.html", {"site": site, **job_context(_job(site, job_id))}
    )


def job_file(request, job_id: int, fmt: str):
    site = current_site()
    return download(_job(site, job_id), fmt)
