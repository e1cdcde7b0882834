"""The console's backups: every verified backup, the failures, each site's interval,
and a restore page per backup (``backups.restore``, the same service as
``manage.py restore_site``)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from backups.models import BackupFailure, BackupSchedule, SiteBackup
from backups.restore import restore_site
from backups.services import stale_since
from provisioning.console.sites import console
from tenants.models import Tenant


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
                result = restore_site(
                    backup.site_key,
                    actor=request.user,
                    backup_id=backup.pk,
                    as_slug=data["as_slug"] if data["mode"] == "copy" else None,
                    confirmation=data["confirmation"],
                )
            except ValidationError as exc:
                for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                self.message_user(
                    request,
                    _("Đã phục hồi trang “%(name)s”, truy cập tại http://%(domain)s/")
                    % {"name": result.site.name, "domain": result.domain},
                    messages.SUCCESS,
                )
                return redirect("console:tenants_tenant_change", result.site.pk)
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
