"""The console's operations pages: the incident log (TT 20/2017) and its report,
the fleet view and the province-wide notice."""

import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.text import nfc
from operations import fleet, notice
from operations.models import CheckState, Incident, NoticeKind, ProvinceNotice, SiteFigures
from operations.reports import incidents_in, incidents_xlsx, summary
from provisioning.console.sites import console
from tenants.models import SiteKind, SiteStatus


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


class StaleFilter(admin.SimpleListFilter):
    title = _("cần chú ý")
    parameter_name = "can_chu_y"

    def lookups(self, request, model_admin):
        return [
            ("khong_dang", _("Không đăng bài %(days)s ngày") % {"days": fleet.STALE_DAYS}),
            (
                "sao_luu",
                _("Không có sao lưu đã kiểm tra %(days)s ngày") % {"days": fleet.BACKUP_STALE_DAYS},
            ),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "khong_dang":
            since = now - datetime.timedelta(days=fleet.STALE_DAYS)
            return queryset.filter(Q(last_published_at__lt=since) | Q(last_published_at=None))
        if self.value() == "sao_luu":
            since = now - datetime.timedelta(days=fleet.BACKUP_STALE_DAYS)
            return queryset.filter(
                Q(last_verified_backup_at__lt=since) | Q(last_verified_backup_at=None)
            )
        return queryset


class FleetFilterForm(forms.Form):
    """The fleet view's filters (GET); a value it does not know is simply not applied."""

    q = forms.CharField(label=_("Tìm trang"), required=False, max_length=100)
    can_chu_y = forms.ChoiceField(
        label=_("Cần chú ý"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("bat_ky", _("Có cảnh báo")),
            ("khong_dang", _("Không đăng bài %(days)s ngày") % {"days": fleet.STALE_DAYS}),
            (
                "sao_luu",
                _("Không có sao lưu đã kiểm tra %(days)s ngày") % {"days": fleet.BACKUP_STALE_DAYS},
            ),
        ],
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *SiteStatus.choices]
    )
    kind = forms.ChoiceField(
        label=_("Loại trang"), required=False, choices=[("", _("Tất cả")), *SiteKind.choices]
    )
    o = forms.CharField(required=False, widget=forms.HiddenInput)

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "attention": data.get("can_chu_y", ""),
            "status": data.get("status", ""),
            "kind": data.get("kind", ""),
            "query": nfc(data.get("q", "")).strip(),
            "order": data.get("o") or "trang",
        }


#: the fleet table's columns: (label, ``o`` name or None when not sortable)
FLEET_COLUMNS = [
    (_("Trang"), "trang"),
    (_("Trạng thái"), "trang_thai"),
    (_("Đăng bài gần nhất"), "dang_bai"),
    (_("Bài đăng 30 ngày"), "so_bai"),
    (_("Việc quá hạn"), "qua_han"),
    (_("Đăng đúng hạn 30 ngày qua"), None),
    (_("Sao lưu đã kiểm tra"), "sao_luu"),
    (_("Dung lượng"), "dung_luong"),
    (_("Cần chú ý"), None),
]


def fleet_table_rows(rows: list[fleet.FleetRow]) -> str:
    """The table's rows, rendered here at once (every value escaped): the template
    engine took most of the page's time for 200 rows × 8 cells of filters."""
    site_url = reverse("console:tenants_tenant_change", args=[0]).replace("/0/", "/{}/")
    statuses = {value: escape(str(label)) for value, label in SiteStatus.choices}
    no_backup = escape(str(_("chưa có")))
    quiet = '<strong class="fleet-flag">{}</strong>'.format(escape(str(_("không đăng bài"))))
    missing = '<strong class="fleet-flag">{}</strong>'.format(escape(str(_("thiếu sao lưu"))))
    zone = timezone.get_current_timezone()

    def when(value):
        return value.astimezone(zone).strftime("%d/%m/%Y %H:%M") if value else None

    lines = []
    for row in rows:
        site = row.site
        flags = " ".join(flag for flag, on in ((quiet, row.stale), (missing, row.no_backup)) if on)
        flagged = ' class="fleet-flagged"' if flags else ""
        lines.append(
            f'<tr{flagged}><th scope="row">'
            f'<a href="{site_url.format(site.pk)}">{escape(site.name)}</a> '
            f"<small>{escape(site.slug)}</small></th>"
            f"<td>{statuses.get(site.status) or escape(site.status)}</td>"
            f"<td>{when(row.last_published_at) or '–'}</td>"
            f"<td>{row.published_30d}</td>"
            f"<td>{'–' if row.overdue_items is None else row.overdue_items}</td>"
            f"<td>{row.on_time}</td>"
            f"<td>{when(row.last_verified_backup_at) or no_backup}</td>"
            f"<td>{size_text(row.storage_bytes)}</td><td>{flags}</td></tr>"
        )
    return mark_safe("\n".join(lines))  # each value escaped above


def size_text(size: int) -> str:
    """A size as the console shows it: ``12,3 MB`` (decimal comma, as Vietnamese writes)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}".replace(".", ",")


@admin.register(SiteFigures, site=console)
class FleetAdmin(admin.ModelAdmin):
    """The fleet view: one row per site from ``public`` alone, sortable and filtered.

    Its page (``changelist_view``) is a plain table from ONE query
    (``operations.fleet.fleet_rows``), all sites on one page: the admin changelist
    took 1.5 s to render 200 rows. The changelist options below are what that page
    was (``admin.ModelAdmin.changelist_view``); ``bench/fleet_view.py`` times it as
    the baseline of the plain table."""

    list_display = [
        "site",
        "status",
        "last_published_at",
        "published_30d",
        "overdue",
        "on_time",
        "backup",
        "storage",
        "flags",
    ]
    list_filter = [StaleFilter, "tenant__status", "tenant__kind", "tenant__parent"]
    search_fields = ["tenant__name", "tenant__slug"]
    list_select_related = ["tenant"]
    list_per_page = 100
    ordering = ["tenant__name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(storage_bytes=F("schema_bytes") + F("media_bytes"))
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        form = FleetFilterForm(request.GET)
        filters = form.filters()
        rows = fleet.fleet_rows(**filters)
        order = filters["order"]
        columns: list[dict[str, object]] = []
        for label, key in FLEET_COLUMNS:
            if key is None:
                columns.append({"label": label})
                continue
            current = order.lstrip("-") == key
            descending = current and order.startswith("-")
            query = request.GET.copy()
            query["o"] = key if descending or not current else f"-{key}"
            columns.append(
                {
                    "label": label,
                    "url": "?" + query.urlencode(),
                    "sorted": "descending" if descending else ("ascending" if current else ""),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Tình hình các trang"),
            "opts": self.opts,
            "form": form,
            "rows": rows,
            "table_rows": fleet_table_rows(rows),
            "columns": columns,
            "flagged": sum(1 for row in rows if row.stale or row.no_backup),
            "stale_days": fleet.STALE_DAYS,
            "backup_days": fleet.BACKUP_STALE_DAYS,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/operations/fleet.html", context)

    @admin.display(description=_("trang"), ordering="tenant__name")
    def site(self, obj):
        return obj.tenant.name

    @admin.display(description=_("trạng thái"), ordering="tenant__status")
    def status(self, obj):
        return obj.tenant.get_status_display()

    @admin.display(description=_("việc quá hạn"), ordering="overdue_items")
    def overdue(self, obj):
        return "–" if obj.overdue_items is None else obj.overdue_items

    @admin.display(description=_("đăng đúng hạn 30 ngày qua"))
    def on_time(self, obj):
        if not obj.deadlines_due_30d:
            return "–"
        rate = round(100 * (obj.deadlines_met_30d or 0) / obj.deadlines_due_30d)
        return f"{rate}% ({obj.deadlines_met_30d or 0}/{obj.deadlines_due_30d})"

    @admin.display(description=_("sao lưu đã kiểm tra"), ordering="last_verified_backup_at")
    def backup(self, obj):
        return obj.last_verified_backup_at or _("chưa có")

    @admin.display(description=_("dung lượng"), ordering="storage_bytes")
    def storage(self, obj):
        return filesizeformat(obj.schema_bytes + obj.media_bytes)

    @admin.display(description=_("cần chú ý"))
    def flags(self, obj):
        now = timezone.now()
        flags = []
        if not obj.last_published_at or now - obj.last_published_at > datetime.timedelta(
            days=fleet.STALE_DAYS
        ):
            flags.append(_("không đăng bài"))
        if (
            not obj.last_verified_backup_at
            or now - obj.last_verified_backup_at > datetime.timedelta(days=fleet.BACKUP_STALE_DAYS)
        ):
            flags.append(_("thiếu sao lưu"))
        return format_html_join(
            " ", '<strong class="fleet-flag">{}</strong>', ((flag,) for flag in flags)
        )


class NoticeForm(forms.ModelForm):
    class Meta:
        model = ProvinceNotice
        fields = ["kind", "message", "active", "grey_colours"]
        error_messages = {
            "kind": {"required": _("Hãy chọn loại thông báo.")},
            "message": {"required": _("Hãy nhập nội dung thông báo.")},
        }

    def clean_message(self):
        message = nfc(self.cleaned_data["message"]).strip()
        if len(message) > 500:
            raise forms.ValidationError(_("Nội dung thông báo không được dài quá 500 ký tự."))
        return message

    def clean(self):
        data = super().clean() or {}
        if data.get("grey_colours") and data.get("kind") != NoticeKind.MOURNING:
            self.add_error(
                "grey_colours", _("Chỉ chuyển giao diện sang màu xám trong những ngày Quốc tang.")
            )
        return data


@admin.register(ProvinceNotice, site=console)
class ProvinceNoticeAdmin(admin.ModelAdmin):
    """Set once here, shown by every site at once (every page cache purged)."""

    form = NoticeForm
    list_display = ["kind", "message", "active", "grey_colours", "updated_at", "updated_by"]
    list_filter = ["active", "kind"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user.get_username()
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            notice.changed()

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            notice.changed()

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            notice.changed()
