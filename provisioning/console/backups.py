"""The console's backups: every verified backup, the failures, each site's interval,
and a restore page per backup, which queues a restore job (``backups.jobs``: the
same service as ``manage.py restore_site``, run by a Celery task) and shows its
progress."""

from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from backups import jobs
from backups.models import (
    RESTORE_STEPS,
    BackupFailure,
    BackupSchedule,
    RestoreJob,
    SiteBackup,
)
from backups.services import stale_since
from core.jobs import JobStatus
from provisioning.console.sites import console
from tenants.models import Tenant

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def last_backup_cell(when):
    """The time of a site's last verified backup, flagged when older than 3 days."""
    if when is None:
        return format_html('<strong style="color:#ba2121">{}</strong>', _("Chưa có"))
    text = timezone.localtime(when).strftime("%d/%m/%Y %H:%M")
    if when < stale_since():
        return format_html('<strong style="color:#ba2121">{} ⚠</strong>', text)
    return text


@admin.register(SiteBackup, site=console)
class SiteBackupAdmin(admin.ModelAdmin):
    list_display = [
        "site_key_label",
        "reason",
        "verified_at",
        "size",
        "row_total",
        "seconds",
        "restore_link",
    ]
    list_filter = ["reason", "site_key"]
    search_fields = ["site_key", "location"]
    date_hierarchy = "verified_at"
    readonly_fields = [f.name for f in SiteBackup._meta.fields]

    @admin.display(description=_("trang"), ordering="site_key")
    def site_key_label(self, obj):
        return obj.site_key or "public"

    @admin.display(description=_("số dòng"))
    def row_total(self, obj):
        return obj.rows

    @admin.display(description=_("phục hồi"))
    def restore_link(self, obj):
        if not obj.site_key:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("console:backups_sitebackup_restore", args=[obj.pk]),
            _("Phục hồi…"),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:object_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="backups_sitebackup_restore",
            ),
            *super().get_urls(),
        ]

    def restore_view(self, request, object_id):
        backup = get_object_or_404(SiteBackup, pk=object_id)
        if not request.user.is_superuser or not backup.site_key:
            raise PermissionDenied
        exists = Tenant.objects.filter(slug=backup.site_key).exists()
        form = RestoreForm(exists, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                job = jobs.queue(
                    backup,
                    actor=request.user.get_username(),
                    as_slug=data["as_slug"] if data["mode"] == "copy" else "",
                    confirmation=data["confirmation"],
                )
            except ValidationError as exc:
                for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return redirect("console:backups_restorejob_change", job.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Phục hồi trang từ bản sao lưu"),
            "opts": self.opts,
            "backup": backup,
            "exists": exists,
            "form": form,
        }
        return TemplateResponse(request, "admin/backups/sitebackup/restore.html", context)


class RestoreForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Cách phục hồi"),
        choices=[
            (
                "in_place",
                _("Tại chỗ (ghi đè trang hiện tại; trạng thái hiện tại được sao lưu trước)"),
            ),
            ("copy", _("Thành một bản sao với mã trang mới, để xem lại")),
        ],
        widget=forms.RadioSelect,
        initial="copy",
    )
    as_slug = forms.CharField(label=_("Mã trang của bản sao"), required=False, max_length=41)
    confirmation = forms.CharField(
        label=_("Gõ mã trang để xác nhận phục hồi tại chỗ"), required=False, max_length=41
    )

    def __init__(self, exists, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.exists = exists

    def clean(self):
        data = super().clean() or {}
        if data.get("mode") == "copy" and not data.get("as_slug"):
            self.add_error("as_slug", _("Hãy nhập mã trang cho bản sao."))
        return data


@admin.register(BackupFailure, site=console)
class BackupFailureAdmin(admin.ModelAdmin):
    list_display = ["site_key", "at", "attempts", "error"]
    list_filter = ["site_key"]
    readonly_fields = [f.name for f in BackupFailure._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BackupSchedule, site=console)
class BackupScheduleAdmin(admin.ModelAdmin):
    list_display = ["site", "interval_hours"]
    autocomplete_fields = ["site"]


RESTORE_JOB_FIELDS: tuple[str, ...] = (
    "site_key",
    "backup",
    "mode",
    "as_slug",
    "status",
    "progress",
    "error",
    "result_link",
    "pre_restore",
    "created_by",
    "created_at",
    "started_at",
    "finished_at",
)


@admin.register(RestoreJob, site=console)
class RestoreJobAdmin(admin.ModelAdmin):
    """The restores asked for in the console; a job's page shows its progress
    (admin/backups/restorejob/change_form.html refreshes itself until it ends)."""

    list_display = ["site_key", "mode", "status", "created_by", "created_at", "finished_at"]
    list_filter = ["status", "mode"]
    search_fields = ["site_key", "as_slug"]
    fields = RESTORE_JOB_FIELDS
    readonly_fields = RESTORE_JOB_FIELDS

    def has_add_permission(self, request):
        return False  # a restore is asked for from a backup's "Phục hồi…" page

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("tiến độ"))
    def progress(self, obj):
        done = {step for step, _seconds in obj.steps}
        current = obj.steps[-1][0] if obj.steps and not obj.is_finished else None
        rows = []
        for key, label in RESTORE_STEPS.items():
            if key == "pre_restore" and obj.mode != "in_place":
                continue
            mark: StrOrPromise = "–"
            if key == current:
                mark = _("đang làm")
            elif key in done:
                mark = _("xong")
            seconds = next((s for k, s in obj.steps if k == key), None)
            rows.append((label, mark, f"{seconds:.2f} s" if seconds is not None else ""))
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li>{}: <strong>{}</strong> <small>{}</small></li>", rows),
        )

    @admin.display(description=_("trang sau phục hồi"))
    def result_link(self, obj):
        if obj.status != JobStatus.SUCCEEDED:
            return "–"
        return format_html(
            '{} — <a href="http://{}/">http://{}/</a>',
            obj.result_slug,
            obj.result_domain,
            obj.result_domain,
        )
