"""The console's periodic reports (docs/reports.md): for the province or one site, over
a month, a quarter, 6 months, a year or chosen days; computed in the background
(``reports.tasks.run_report``) with a page that shows the progress, then the report
with its charts and its XLSX and PDF."""

from django import forms
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from provisioning.console.sites import console
from reports import views as report_views
from reports.forms import PeriodForm
from reports.models import ReportJob
from reports.services import request_report
from tenants.models import SiteStatus, Tenant


class ConsoleReportForm(PeriodForm):
    site = forms.ModelChoiceField(
        label=_("Trang"),
        queryset=Tenant.objects.exclude(status=SiteStatus.PROVISIONING).order_by("name"),
        required=False,
        empty_label=_("Toàn tỉnh (mọi trang)"),
        error_messages={"invalid_choice": _("Trang đã chọn không có trong danh sách.")},
    )

    field_order = ["site", "kind", "year", "number", "start", "end"]


@admin.register(ReportJob, site=console)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "period_kind", "state", "progress", "requested_by", "created_at"]
    list_filter = ["state", "period_kind"]
    search_fields = ["tenant__name", "tenant__slug", "requested_by"]
    list_select_related = ["tenant"]

    def has_change_permission(self, request, obj=None):
        return False  # a job is read, not edited

    def get_urls(self):
        return [
            path(
                "<int:object_id>/tai-ve/<str:fmt>/",
                self.admin_site.admin_view(self.file_view),
                name="reports_reportjob_file",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("console:index"))
        form = ConsoleReportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            job = request_report(
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                kind=form.cleaned_data["kind"],
                tenant=form.cleaned_data["site"],
                username=request.user.get_username(),
            )
            return HttpResponseRedirect(reverse("console:reports_reportjob_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Lập báo cáo định kỳ"),
            "form": form,
        }
        return TemplateResponse(request, "admin/reports/report_form.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = get_object_or_404(ReportJob.objects.select_related("tenant"), pk=object_id)
        if not self.has_view_permission(request, job):
            return HttpResponseRedirect(reverse("console:index"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": str(job),
            "xlsx_url": reverse("console:reports_reportjob_file", args=[job.pk, "xlsx"]),
            "pdf_url": reverse("console:reports_reportjob_file", args=[job.pk, "pdf"]),
            **report_views.job_context(job),
        }
        return TemplateResponse(request, "admin/reports/report_job.html", context)

    def file_view(self, request, object_id, fmt):
        job = get_object_or_404(ReportJob, pk=object_id)
        if not self.has_view_permission(request, job):
            return HttpResponseRedirect(reverse("console:index"))
        return report_views.download(job, fmt)
