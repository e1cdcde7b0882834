"""The operations centre's console: the site registry in Django's admin, on the console host."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tenants.models import AuditEvent, Domain, SiteStatus, Tenant, record


class ConsoleSite(admin.AdminSite):
    site_header = _("Trung tâm Thông tin – Hội nghị")
    site_title = _("Bảng điều khiển vận hành")
    index_title = _("Quản lý các trang thông tin điện tử")
    # Unknown console URLs are 404s, not redirects to the login page.
    final_catch_all_view = False


console = ConsoleSite(name="console")


class DomainFormSet(BaseInlineFormSet):
    """A site has at least one domain and exactly one primary domain."""

    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not kept:
            raise ValidationError(_("Trang phải có ít nhất một tên miền."))
        if sum(bool(f.cleaned_data.get("is_primary")) for f in kept) != 1:
            raise ValidationError(_("Trang phải có đúng một tên miền chính."))


class DomainInline(admin.TabularInline):
    model = Domain
    formset = DomainFormSet
    extra = 1
    fields = ["domain", "is_primary"]


@admin.register(Tenant, site=console)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "parent", "status", "primary_domain", "theme"]
    list_filter = ["kind", "status", "theme", "parent"]
    search_fields = ["name", "name_en", "slug", "domains__domain"]
    list_select_related = ["parent"]
    inlines = [DomainInline]
    actions = ["suspend", "resume"]
    fields = ["name", "name_en", "slug", "kind", "parent", "status", "theme", "languages"]
    readonly_fields = ["schema_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(
            Prefetch("domains", queryset=Domain.objects.filter(is_primary=True), to_attr="primary")
        )

    def get_readonly_fields(self, request, obj=None):
        fields = ["schema_name"]
        if obj is not None:
            fields.append("slug")
        else:
            fields.append("status")
        return fields

    def get_fields(self, request, obj=None):
        return [*self.fields, "schema_name"] if obj else self.fields

    @admin.display(description=_("tên miền chính"))
    def primary_domain(self, obj):
        return obj.primary[0].domain if getattr(obj, "primary", None) else "—"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "languages" in form.changed_data and obj.status != SiteStatus.PROVISIONING:
            from django_tenants.utils import schema_context

            from provisioning.services import enable_languages

            with schema_context(obj.schema_name):
                enable_languages(obj)
        if change and form.changed_data:
            record(request.user, "site.changed", obj, fields=form.changed_data)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        tenant = form.instance
        if not change:
            from provisioning.services import build_site

            build_site(tenant)
            record(request.user, "site.created", tenant)

    def _set_status(self, request, queryset, status, action):
        changed = 0
        for tenant in queryset.exclude(status=status).exclude(status=SiteStatus.PROVISIONING):
            with transaction.atomic():
                tenant.status = status
                tenant.save(update_fields=["status", "updated_at"])
                record(request.user, action, tenant)
            changed += 1
        self.message_user(
            request,
            ngettext("Đã cập nhật %(n)d trang.", "Đã cập nhật %(n)d trang.", changed) % {"n": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Tạm ngừng các trang đã chọn"))
    def suspend(self, request, queryset):
        self._set_status(request, queryset, SiteStatus.SUSPENDED, "site.suspended")

    @admin.action(description=_("Cho hoạt động lại các trang đã chọn"))
    def resume(self, request, queryset):
        self._set_status(request, queryset, SiteStatus.ACTIVE, "site.resumed")


@admin.register(AuditEvent, site=console)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "site_key"]
    list_filter = ["action"]
    search_fields = ["actor", "action", "site_key"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
