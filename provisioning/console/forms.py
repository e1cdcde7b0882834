"""The console's forms: a site's domains, a lifecycle confirmation, a board member,
and the request for a new site."""

from typing import cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core.theming import available_themes
from provisioning import board
from provisioning.models import ProvisioningJob
from provisioning.services import SiteSpec, validate
from tenants.models import SiteKind, Tenant


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


class AddMemberForm(forms.Form):
    """A new member of a site's board; their account gets a one-time link to set a
    password, never a password."""

    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"))
    role = forms.ChoiceField(label=_("Vai trò"), choices=())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "add")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = board.role_choices()

    def member(self) -> board.Member:
        data = self.cleaned_data
        return board.Member(email=data["email"], role=data["role"], name=data["name"])


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
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["theme"]).choices = [("", _("Theo loại trang"))] + [
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
        super().clean()
        data = self.cleaned_data
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


class WorkflowForm(forms.Form):
    """The approval workflow the operations centre chooses for a site, from the
    regulations' presets (board.yaml)."""

    preset = forms.ChoiceField(label=_("Quy trình duyệt"), choices=(), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["preset"]).choices = board.workflow_choices()
