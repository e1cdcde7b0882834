"""The console's "new site" form: an operator fills it in, a Celery job does the work,
and the job's page shows its steps until the site is ready."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.theming import available_themes
from provisioning import board
from provisioning.models import JobStatus, ProvisioningJob
from provisioning.services import STEPS, SiteSpec, validate
from tenants.admin import console
from tenants.models import SiteKind, Tenant


class SiteRequestForm(forms.ModelForm):
    """A site spec as the operator types it; checked against the registry before a
    job is queued, so that a job fails only on what cannot be foreseen."""

    name = forms.CharField(label=_("Tên tiếng Việt"), max_length=255)
    name_en = forms.CharField(label=_("Tên tiếng Anh"), max_length=255, required=False)
    slug_field = forms.CharField(
        label=_("Mã trang"),
        max_length=41,
        help_text=_("Chữ thường không dấu, chữ số và dấu gạch dưới; không đổi sau khi tạo."),
    )
    kind = forms.ChoiceField(label=_("Loại trang"), choices=SiteKind.choices)
    parent = forms.ModelChoiceField(
        label=_("Trang cấp trên"),
        queryset=Tenant.objects.all(),
        required=False,
        to_field_name="slug",
    )
    domains = forms.CharField(
        label=_("Tên miền"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một tên miền; dòng đầu là tên miền chính."),
    )
    theme = forms.ChoiceField(label=_("Giao diện"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Ngôn ngữ"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: theo khung trang của loại trang."),
    )
    members = forms.CharField(
        label=_("Ban Biên tập"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mỗi dòng một thành viên: vai trò, thư điện tử, họ tên. Vai trò: %(roles)s.")
        % {"roles": ", ".join(board.roles())},
    )

    class Meta:
        model = ProvisioningJob
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Theo loại trang"))] + [
            (name, name) for name in available_themes()
        ]

    def clean_members(self):
        members = []
        for number, line in enumerate(self.cleaned_data["members"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",", 2)]
            if len(parts) < 2:
                raise ValidationError(
                    _("Dòng %(n)d: cần “vai trò, thư điện tử, họ tên”.") % {"n": number}
                )
            members.append(
                board.Member(role=parts[0], email=parts[1], name=parts[2] if len(parts) > 2 else "")
            )
        return members

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.spec = SiteSpec(
            slug=data["slug_field"],
            name=data["name"],
            name_en=data["name_en"],
            kind=data["kind"],
            parent=data["parent"].slug if data.get("parent") else None,
            domains=data["domains"].split(),
            theme=data["theme"],
            languages=data["languages"] or None,
            board=data["members"],
        )
        fields = {"slug": "slug_field", "board": "members", "schema_name": "slug_field"}
        try:
            validate(self.spec)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                field = fields.get(name, name)
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        return data


@admin.register(ProvisioningJob, site=console)
class ProvisioningJobAdmin(admin.ModelAdmin):
    list_display = ["slug", "site_name", "status", "created_by", "created_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["slug"]
    change_form_template = "provisioning/job_change_form.html"

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = SiteRequestForm
        return super().get_form(request, obj, **kwargs)

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
        from django.urls import reverse

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
        from provisioning.tasks import run_job

        transaction.on_commit(lambda: run_job.delay(obj.pk))

    def response_add(self, request, obj, post_url_continue=None):
        from django.http import HttpResponseRedirect
        from django.urls import reverse

        return HttpResponseRedirect(
            reverse("console:provisioning_provisioningjob_change", args=[obj.pk])
        )
