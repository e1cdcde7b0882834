"""The console's admins: the site registry (sites, their domains, lifecycle and
editorial board), the platform audit trail, and the new-site jobs.

Every change goes through a service: ``tenants.lifecycle`` (status, domains),
``provisioning.members`` (the board, ``views``), ``provisioning.tasks`` (new sites).
"""

from typing import TYPE_CHECKING

from accounts import operator
from axes.admin import AccessAttemptAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessLog
from django_tenants.utils import schema_context

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Prefetch, Subquery
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from backups.models import SiteBackup
from core.jobs import JobStatus
from provisioning.console import calendar_admin, views
from provisioning.console import operations as _operations  # noqa: F401  (registers the incident log)
from provisioning.console import reports as _reports  # noqa: F401  (registers the report jobs)
from provisioning.console.backups import last_backup_cell
from provisioning.console.forms import DomainForm, DomainFormSet, LifecycleForm, SiteRequestForm
from provisioning.console.sites import console
from provisioning.models import ProvisioningJob
from provisioning.services import STEPS
from provisioning.skeleton import enable_languages
from provisioning.tasks import run_job
from tenants import lifecycle
from tenants.backup import BackupError
from tenants.models import AuditEvent, Domain, SiteStatus, Tenant, record

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# calendar_admin registers the working-day calendar on the console
__all__ = ["calendar_admin", "console"]


class DomainInline(admin.TabularInline):
    model = Domain
    form = DomainForm
    formset = DomainFormSet
    extra = 1
    fields = ["domain", "is_primary"]


@admin.register(Tenant, site=console)
class TenantAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "kind",
        "parent",
        "status",
        "primary_domain",
        "theme",
        "last_backup",
    ]
    list_filter = ["kind", "status", "theme", "parent"]
    search_fields = ["name", "name_en", "slug", "domains__domain"]
    list_select_related = ["parent"]
    inlines = [DomainInline]
    actions = ["suspend", "resume"]
    fields = ["name", "name_en", "slug", "kind", "parent", "status", "theme", "languages"]
    readonly_fields = ["schema_name"]

    def get_queryset(self, request):
        last = (
            SiteBackup.objects.filter(site_key=OuterRef("slug"))
            .values("site_key")
            .annotate(last=Max("verified_at"))
            .values("last")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(last_verified_backup=Subquery(last))
            .prefetch_related(
                Prefetch(
                    "domains", queryset=Domain.objects.filter(is_primary=True), to_attr="primary"
                )
            )
        )

    def get_readonly_fields(self, request, obj=None):
        # the status changes only through the lifecycle buttons (backups, audit)
        fields = ["schema_name", "status"]
        if obj is not None:
            fields.append("slug")
        return fields

    def has_delete_permission(self, request, obj=None):
        # Django's delete would skip the typed confirmation and the final backup:
        # sites are deleted with the "Xoá trang" button (lifecycle.delete_site).
        return False

    def get_fields(self, request, obj=None):
        return [*self.fields, "schema_name"] if obj else self.fields

    @admin.display(description=_("tên miền chính"))
    def primary_domain(self, obj):
        return obj.primary[0].domain if getattr(obj, "primary", None) else "—"

    @admin.display(description=_("sao lưu đã kiểm tra gần nhất"), ordering="last_verified_backup")
    def last_backup(self, obj):
        """Flagged in red when older than 3 days (or none): backups.models.STALE_AFTER."""
        return last_backup_cell(getattr(obj, "last_verified_backup", None))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "languages" in form.changed_data and obj.status != SiteStatus.PROVISIONING:
            with schema_context(obj.schema_name):
                enable_languages(obj)
        if change and form.changed_data:
            record(request.user, "site.changed", obj, fields=form.changed_data)

    def add_view(self, request, form_url="", extra_context=None):
        """A new site is a provisioning job (``ProvisioningJobAdmin``): the form queues
        it and its page shows the progress."""
        return redirect("console:provisioning_provisioningjob_add")

    def save_formset(self, request, form, formset, change):
        if not (change and formset.model is Domain):
            return super().save_formset(request, form, formset, change)
        # Domains of an existing site change through the lifecycle service: the former
        # primary domain is demoted before the new one is promoted, and kept (it
        # redirects) unless its row is deleted; one audit entry with before and after.
        formset.save(commit=False)  # fills new/changed/deleted_objects for the history
        kept = [
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        primary = next(data["domain"] for data in kept if data.get("is_primary"))
        lifecycle.change_domains(
            form.instance,
            request.user,
            add=[d.domain for d in formset.new_objects],
            remove=[d.domain for d in formset.deleted_objects],
            primary=primary,
        )

    # --- Lifecycle: suspend, resume, archive, unarchive, delete -----------------------

    #: the lifecycle buttons of a site's change page: url name → (label, statuses it shows for)
    LIFECYCLE_ACTIONS = {
        "suspend": (_("Tạm ngừng"), {SiteStatus.ACTIVE, SiteStatus.ARCHIVED}),
        "resume": (_("Cho hoạt động lại"), {SiteStatus.SUSPENDED}),
        "archive": (_("Lưu trữ"), {SiteStatus.ACTIVE, SiteStatus.SUSPENDED}),
        "unarchive": (_("Mở lại (bỏ lưu trữ)"), {SiteStatus.ARCHIVED}),
        "delete_site": (
            _("Xoá trang"),
            {SiteStatus.ACTIVE, SiteStatus.SUSPENDED, SiteStatus.ARCHIVED},
        ),
    }

    #: the board's page and its changes (``views``): url name suffix → (route, view)
    BOARD_VIEWS = {
        "board": ("board/", views.BoardPage),
        "board_add": ("board/add/", views.AddMember),
        "board_role": ("board/<str:username>/role/", views.ChangeRole),
        "board_disable": ("board/<str:username>/disable/", views.Disable),
        "board_enable": ("board/<str:username>/enable/", views.Enable),
        "board_link": ("board/<str:username>/link/", views.SendLink),
        "board_two_factor": ("board/<str:username>/two-factor/", views.ResetTwoFactor),
        "board_workflow": ("workflow/", views.ChangeWorkflow),
    }

    def get_urls(self):
        return (
            [
                path(
                    f"<int:object_id>/{route}",
                    self.admin_site.admin_view(view.as_view(model_admin=self)),
                    name=f"tenants_tenant_{name}",
                )
                for name, (route, view) in self.BOARD_VIEWS.items()
            ]
            + [
                path(
                    f"<int:object_id>/{name.replace('_', '-')}/",
                    self.admin_site.admin_view(self.lifecycle_view),
                    {"action": name},
                    name=f"tenants_tenant_{name}",
                )
                for name in self.LIFECYCLE_ACTIONS
            ]
            + [
                path(
                    "<int:object_id>/operator-sign-in/",
                    self.admin_site.admin_view(self.operator_sign_in_view),
                    name="tenants_tenant_operator_sign_in",
                )
            ]
            + super().get_urls()
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        tenant = self.get_object(request, object_id)
        actions = []
        if tenant is not None and self.has_change_permission(request, tenant):
            if tenant.status != SiteStatus.PROVISIONING:
                actions.append(
                    (reverse("console:tenants_tenant_board", args=[tenant.pk]), _("Ban Biên tập"))
                )
                actions.append(
                    (
                        reverse("console:tenants_tenant_board_workflow", args=[tenant.pk]),
                        _("Quy trình duyệt"),
                    )
                )
            actions += [
                (reverse(f"console:tenants_tenant_{name}", args=[tenant.pk]), label)
                for name, (label, statuses) in self.LIFECYCLE_ACTIONS.items()
                if tenant.status in statuses
            ]
        sign_in_url = None
        if (
            tenant is not None
            and self.has_change_permission(request, tenant)
            and tenant.status != SiteStatus.PROVISIONING
        ):
            sign_in_url = reverse("console:tenants_tenant_operator_sign_in", args=[tenant.pk])
        extra_context = {
            **(extra_context or {}),
            "lifecycle_actions": actions,
            "operator_sign_in_url": sign_in_url,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def operator_sign_in_view(self, request, object_id):
        """POST: a one-time link to the site's admin for this operator
        (``accounts.operator``), recorded in the audit trail; the operator is sent there."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        tenant = get_object_or_404(Tenant, pk=object_id)
        if not self.has_change_permission(request, tenant) or tenant.status in (
            SiteStatus.PROVISIONING,
        ):
            raise PermissionDenied
        try:
            url = operator.issue(tenant, request.user)
        except LookupError:
            self.message_user(request, _("Trang này chưa có tên miền chính."), messages.ERROR)
            return redirect("console:tenants_tenant_change", tenant.pk)
        return HttpResponseRedirect(url)

    def lifecycle_view(self, request, object_id, action):
        """A confirmation page for one lifecycle action (GET), and the action (POST)."""
        tenant = get_object_or_404(Tenant, pk=object_id)
        if not self.has_change_permission(request, tenant):
            raise PermissionDenied
        form = LifecycleForm(action, tenant, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                done = self._run(action, tenant, request, form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            except BackupError as exc:
                form.add_error(None, str(exc))
            else:
                self.message_user(request, done, messages.SUCCESS)
                if action == "delete_site":
                    return redirect("console:tenants_tenant_changelist")
                return redirect("console:tenants_tenant_change", tenant.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": self.LIFECYCLE_ACTIONS[action][0],
            "opts": self.opts,
            "original": tenant,
            "action": action,
            "form": form,
            "primary_domain": tenant.domains.filter(is_primary=True).first(),
        }
        return TemplateResponse(request, "admin/tenants/tenant/lifecycle_confirm.html", context)

    def _run(self, action, tenant, request, data) -> str:
        """Do ``action`` and return the message for the operator."""
        user = request.user
        if action == "delete_site":
            backup = lifecycle.delete_site(tenant, user, data["confirmation"])
            return _("Đã xoá trang “%(name)s”. Bản sao lưu cuối cùng: %(path)s") % {
                "name": tenant.name,
                "path": backup,
            }
        if action == "archive":
            backup = lifecycle.archive(tenant, user)
            return _("Đã lưu trữ trang “%(name)s” (chỉ còn để xem). Bản sao lưu: %(path)s") % {
                "name": tenant.name,
                "path": backup,
            }
        getattr(lifecycle, action)(tenant, user)
        return {
            "suspend": _("Đã tạm ngừng trang “%(name)s”."),
            "resume": _("Trang “%(name)s” đã hoạt động lại."),
            "unarchive": _("Đã mở lại trang “%(name)s” để cập nhật."),
        }[action] % {"name": tenant.name}

    def _apply(self, request, queryset, service):
        done, refused = 0, []
        for tenant in queryset:
            try:
                service(tenant, request.user)
            except ValidationError as exc:
                refused.extend(exc.messages)
            else:
                done += 1
        self.message_user(
            request,
            ngettext("Đã cập nhật %(n)d trang.", "Đã cập nhật %(n)d trang.", done) % {"n": done},
            messages.SUCCESS,
        )
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Tạm ngừng các trang đã chọn"))
    def suspend(self, request, queryset):
        self._apply(request, queryset, lifecycle.suspend)

    @admin.action(description=_("Cho hoạt động lại các trang đã chọn"))
    def resume(self, request, queryset):
        self._apply(request, queryset, lifecycle.resume)


# Sign-in lockouts of the console's own accounts (public): deleting an attempt
# unlocks it. axes' admin classes, registered on the console's site.
console.register(AccessAttempt, AccessAttemptAdmin)
console.register(AccessLog, AccessLogAdmin)


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


@admin.register(ProvisioningJob, site=console)
class ProvisioningJobAdmin(admin.ModelAdmin):
    list_display = ["slug", "site_name", "status", "created_by", "created_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["slug"]
    # its change form: admin/provisioning/provisioningjob/change_form.html (refreshes
    # itself until the job is finished)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = SiteRequestForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [
                "name",
                "name_en",
                "slug_field",
                "kind",
                "parent",
                "domains",
                "theme",
                "languages",
                "members",
            ]
        return [
            "slug",
            "site_name",
            "status",
            "progress",
            "error",
            "site_link",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        return False  # a job is read, not edited: its page shows its progress

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("tên trang"))
    def site_name(self, obj):
        return obj.spec.get("name", "")

    @admin.display(description=_("tiến độ"))
    def progress(self, obj):
        done = {step for step, _seconds in obj.steps}
        current = obj.steps[-1][0] if obj.steps and not obj.is_finished else None
        rows = []
        for key, label in STEPS.items():
            mark: StrOrPromise
            if key == current:
                mark = _("đang làm")
            elif key in done:
                mark = _("xong")
            else:
                mark = "–"
            seconds = next((s for k, s in obj.steps if k == key), None)
            rows.append((label, mark, f"{seconds:.2f} s" if seconds is not None else ""))
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li>{}: <strong>{}</strong> <small>{}</small></li>", rows),
        )

    @admin.display(description=_("trang"))
    def site_link(self, obj):
        if obj.site_id is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("console:tenants_tenant_change", args=[obj.site_id]),
            obj.site.name,
        )

    def save_model(self, request, obj, form, change):
        if change:
            return
        spec = form.spec
        obj.slug = spec.slug
        obj.spec = {
            "slug": spec.slug,
            "name": spec.name,
            "name_en": spec.name_en,
            "kind": spec.kind,
            "parent": spec.parent,
            "domains": spec.domains,
            "theme": spec.theme,
            "languages": spec.languages,
            "board": [{"email": m.email, "role": m.role, "name": m.name} for m in spec.board],
        }
        obj.created_by = request.user.get_username()
        obj.status = JobStatus.QUEUED
        obj.save()
        transaction.on_commit(lambda: run_job.delay(obj.pk))

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(
            reverse("console:provisioning_provisioningjob_change", args=[obj.pk])
        )
