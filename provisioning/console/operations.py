"""The console's operations pages: the incident log (TT 20/2017) and its report."""

from django import forms
from django.contrib import admin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from operations.models import CheckState, Incident
from operations.reports import incidents_in, incidents_xlsx, summary
from provisioning.console.sites import console


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("Từ ngày"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Hãy nhập ngày bắt đầu."),
            "invalid": _("Ngày không hợp lệ."),
        },
    )
    end = forms.DateField(
        label=_("Đến ngày"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Hãy nhập ngày kết thúc."),
            "invalid": _("Ngày không hợp lệ."),
        },
    )

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
            if (end - start).days > 3 * 366:
                raise forms.ValidationError(_("Kỳ báo cáo không được dài quá 3 năm."))
        return data


class IncidentForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = [
            "title",
            "received_at",
            "reported_by",
            "channel",
            "sites",
            "severity",
            "description",
            "diagnosis",
            "status",
            "resolution",
            "fixed_at",
            "escalated_to",
            "escalated_at",
            "closed_at",
        ]
        error_messages = {
            "title": {"required": _("Hãy nhập tiêu đề sự cố.")},
            "received_at": {"required": _("Hãy nhập thời điểm tiếp nhận.")},
            "reported_by": {"required": _("Hãy ghi người hoặc đơn vị báo sự cố.")},
            "channel": {"required": _("Hãy chọn hình thức tiếp nhận.")},
        }


@admin.register(Incident, site=console)
class IncidentAdmin(admin.ModelAdmin):
    form = IncidentForm
    list_display = [
        "__str__",
        "received_at",
        "severity",
        "status",
        "channel",
        "automatic",
        "closed_at",
    ]
    list_filter = ["status", "severity", "channel", "automatic"]
    search_fields = ["title", "reported_by", "diagnosis", "sites__name", "sites__slug"]
    date_hierarchy = "received_at"
    filter_horizontal = ["sites"]
    readonly_fields = ["automatic", "source_key", "created_by"]
    fieldsets = [
        (
            _("Tiếp nhận"),
            {
                "fields": [
                    "title",
                    "received_at",
                    "reported_by",
                    "channel",
                    "sites",
                    "severity",
                    "description",
                ]
            },
        ),
        (
            _("Xử lý"),
            {
                "fields": [
                    "diagnosis",
                    "status",
                    "resolution",
                    "fixed_at",
                    "escalated_to",
                    "escalated_at",
                    "closed_at",
                ]
            },
        ),
        (_("Ghi nhận"), {"fields": ["automatic", "source_key", "created_by"]}),
    ]

    def get_changeform_initial_data(self, request):
        return {"received_at": timezone.now(), **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user.get_username()
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "bao-cao/",
                self.admin_site.admin_view(self.report_view),
                name="operations_incident_report",
            ),
            *super().get_urls(),
        ]

    def report_view(self, request):
        today = timezone.localdate()
        data = (
            request.GET
            if "start" in request.GET
            else {"start": today.replace(day=1).isoformat(), "end": today.isoformat()}
        )
        form = PeriodForm(data)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": _("Báo cáo sự cố theo kỳ"),
        }
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
            if request.GET.get("format") == "xlsx":
                response = HttpResponse(
                    incidents_xlsx(start, end),
                    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
                response["Content-Disposition"] = f'attachment; filename="su-co-{start}-{end}.xlsx"'
                return response
            incidents = list(incidents_in(start, end))
            context.update(incidents=incidents, figures=summary(incidents), start=start, end=end)
        return TemplateResponse(request, "admin/operations/incident_report.html", context)


@admin.register(CheckState, site=console)
class CheckStateAdmin(admin.ModelAdmin):
    list_display = ["key", "ok", "since", "checked_at", "detail"]
    list_filter = ["ok"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


__all__ = ["IncidentAdmin", "PeriodForm"]
