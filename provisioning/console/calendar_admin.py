"""The province's working-day calendar in the console: the days declared off
(nghỉ bù, nghỉ theo quyết định) or made working days (làm bù). Weekends and public
holidays come from ``holidays.Vietnam`` (``workdays.calendar``); only the
exceptions are edited here. Every change is in the platform audit trail.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.translation import gettext_lazy as _

from provisioning.console.sites import console
from tenants.models import record
from workdays.models import DeclaredDay

WEEKDAYS = [
    _("Thứ Hai"),
    _("Thứ Ba"),
    _("Thứ Tư"),
    _("Thứ Năm"),
    _("Thứ Sáu"),
    _("Thứ Bảy"),
    _("Chủ nhật"),
]


class DeclaredDayForm(forms.ModelForm):
    # Django's Vietnamese formats accept 09/01/2027 as 1 September (month first):
    # the console reads day/month/year, as operators write dates, or ISO.
    date = forms.DateField(
        label=_("ngày"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=AdminDateWidget(format="%d/%m/%Y"),
        help_text=_("Ngày/tháng/năm, ví dụ 09/01/2027."),
    )

    class Meta:
        model = DeclaredDay
        fields = ["date", "kind", "note"]


@admin.register(DeclaredDay, site=console)
class DeclaredDayAdmin(admin.ModelAdmin):
    form = DeclaredDayForm
    list_display = ["date", "weekday", "kind", "note", "created_by"]
    list_filter = ["kind"]
    search_fields = ["note"]
    date_hierarchy = "date"
    fields = ["date", "kind", "note"]

    @admin.display(description=_("thứ"))
    def weekday(self, obj):
        return WEEKDAYS[obj.date.weekday()]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user.get_username()
        super().save_model(request, obj, form, change)
        record(
            request.user,
            "workdays.changed" if change else "workdays.declared",
            date=obj.date.isoformat(),
            kind=obj.kind,
            note=obj.note,
        )

    def delete_model(self, request, obj):
        record(request.user, "workdays.removed", date=obj.date.isoformat(), kind=obj.kind)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(request.user, "workdays.removed", date=obj.date.isoformat(), kind=obj.kind)
        super().delete_queryset(request, queryset)
