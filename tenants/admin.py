"""The operations centre's console: the site registry in Django's admin, on the console host."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tenants import lifecycle
from tenants.backup import BackupError
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


class DomainForm(forms.ModelForm):
    """A saved domain's host name cannot be edited in place: renaming the primary
    domain would leave its old URLs dead. Add the new name (make it primary) and
    keep the old one, which then redirects, or remove it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["domain"].disabled = True


class DomainInline(admin.TabularInline):
    model = Domain
    form = DomainForm
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
        return (
            super()
            .get_queryset(request)
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "languages" in form.changed_data and obj.status != SiteStatus.PROVISIONING:
            from django_tenants.utils import schema_context

            from provisioning.skeleton import enable_languages

            with schema_context(obj.schema_name):
                enable_languages(obj)
        if change and form.changed_data:
            record(request.user, "site.changed", obj, fields=form.changed_data)

    def add_view(self, request, form_url="", extra_context=None):
        """A new site is a provisioning job (provisioning.admin): the form queues it and
        its page shows the progress."""
        from django.shortcuts import redirect

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

    def get_urls(self):
        return (
            [
                path(
                    "<int:object_id>/board/",
                    self.admin_site.admin_view(self.board_view),
                    name="tenants_tenant_board",
                ),
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
            actions += [
                (reverse(f"console:tenants_tenant_{name}", args=[tenant.pk]), label)
                for name, (label, statuses) in self.LIFECYCLE_ACTIONS.items()
                if tenant.status in statuses
            ]
        extra_context = {**(extra_context or {}), "lifecycle_actions": actions}
        return super().change_view(request, object_id, form_url, extra_context)

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

    def board_view(self, request, object_id):
        """The site's editorial board: its accounts, and the changes the operations
        centre makes to it (provisioning.members), each recorded in the audit trail."""
        from provisioning import members
        from provisioning.board import Member

        tenant = get_object_or_404(Tenant, pk=object_id)
        if (
            not self.has_change_permission(request, tenant)
            or tenant.status == SiteStatus.PROVISIONING
        ):
            raise PermissionDenied
        add_form = AddMemberForm(
            request.POST if request.POST.get("op") == "add" else None, prefix="add"
        )
        if request.method == "POST":
            op, username = request.POST.get("op"), request.POST.get("username", "")
            try:
                if op == "add":
                    if not add_form.is_valid():
                        raise ValidationError(_("Kiểm tra lại thông tin thành viên mới."))
                    data = add_form.cleaned_data
                    user = members.add_member(
                        tenant,
                        request.user,
                        Member(email=data["email"], role=data["role"], name=data["name"]),
                    )
                    done = _("Đã thêm %(username)s và gửi đường dẫn đặt mật khẩu.")
                elif op == "role":
                    user = members.change_role(
                        tenant, request.user, username, request.POST.get("role", "")
                    )
                    done = _("Đã đổi vai trò của %(username)s.")
                elif op in {"disable", "enable"}:
                    user = members.set_active(tenant, request.user, username, op == "enable")
                    done = (
                        _("Đã kích hoạt lại tài khoản %(username)s.")
                        if op == "enable"
                        else _("Đã vô hiệu hoá tài khoản %(username)s.")
                    )
                elif op == "link":
                    user = members.send_link(tenant, request.user, username)
                    done = _("Đã gửi đường dẫn đặt mật khẩu mới cho %(username)s.")
                else:
                    raise ValidationError(_("Thao tác không hợp lệ."))
            except ValidationError as exc:
                for message in exc.messages:
                    self.message_user(request, message, messages.ERROR)
            else:
                self.message_user(
                    request, done % {"username": user.get_username()}, messages.SUCCESS
                )
                return redirect("console:tenants_tenant_board", tenant.pk)
        from provisioning.board import role_choices

        context = {
            **self.admin_site.each_context(request),
            "title": _("Ban Biên tập"),
            "opts": self.opts,
            "original": tenant,
            "accounts": members.accounts(tenant),
            "roles": role_choices(),
            "add_form": add_form,
            "history": AuditEvent.objects.filter(
                site_key=tenant.slug, action__startswith="board."
            ).order_by("-at")[:50],
        }
        return TemplateResponse(request, "admin/tenants/tenant/board.html", context)

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


class AddMemberForm(forms.Form):
    """A new member of a site's board; their account gets a one-time link to set a
    password, never a password."""

    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"))
    role = forms.ChoiceField(label=_("Vai trò"), choices=())

    def __init__(self, *args, **kwargs):
        from provisioning.board import role_choices

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices()


class LifecycleForm(forms.Form):
    """Confirms a lifecycle action; deleting asks for the site's slug, typed."""

    confirmation = forms.CharField(
        label=_("Gõ mã trang để xác nhận"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, action, tenant, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if action == "delete_site":
            self.fields["confirmation"].required = True
            self.fields["confirmation"].help_text = _(
                "Gõ chính xác “%(slug)s”. Trang, nội dung, tài khoản và tên miền của trang "
                "sẽ bị xoá vĩnh viễn sau khi sao lưu lần cuối."
            ) % {"slug": tenant.slug}
        else:
            del self.fields["confirmation"]


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
