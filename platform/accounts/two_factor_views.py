"""The two-factor pages: enrolment (QR code, then the recovery codes, shown once), the
code asked at each sign-in, and the site administrator's reset of a member's device.
The same views serve a site's admin (under /admin/) and the console."""

from base64 import b32encode
from urllib.parse import quote, urlencode

import django_otp

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts import two_factor
from accounts.views import can_unlock


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


def _home() -> str:
    if two_factor.on_console():
        return reverse("console:index", urlconf=settings.PUBLIC_SCHEMA_URLCONF)
    return reverse("wagtailadmin_home")


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return _home()


def _render(request, template, **context):
    return TemplateResponse(
        request,
        f"accounts/{template}.html",
        {"console": two_factor.on_console(), "next": _next(request), **context},
    )


@require_http_methods(["GET", "POST"])
def verify(request):
    """The code of the authenticator app, or one recovery code, after the password."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not two_factor.has_device(user):
        return redirect(
            f"{two_factor.url('two_factor_enrol')}?{urlencode({'next': _next(request)})}"
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("Mã không đúng hoặc đã hết hạn. Vui lòng thử lại."))
    return _render(request, "two_factor_verify", form=form)


def _otpauth_uri(request, device) -> str:
    # the site's own name in the authenticator app (a member of several sites tells
    # their codes apart), not the global WAGTAIL_SITE_NAME
    site_name = getattr(getattr(request, "tenant", None), "name", "") or settings.WAGTAIL_SITE_NAME
    issuer = str(site_name if not two_factor.on_console() else _("Bảng điều khiển vận hành"))
    label = quote(f"{request.get_host().split(':')[0]}:{request.user.get_username()}")
    secret = b32encode(device.bin_key).decode().rstrip("=")
    query = urlencode(
        {
            "secret": secret,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        }
    )
    return f"otpauth://totp/{label}?{query}"


@require_http_methods(["GET", "POST"])
def enrol(request):
    """Set up the authenticator app: scan the QR code (or type the key), confirm with a
    code; then the recovery codes are shown, this once."""
    user = request.user
    if two_factor.has_device(user):
        # a second device only after the first factor is proved: never with the password alone
        return redirect(
            _next(request) if user.is_verified() else two_factor.url("two_factor_verify")
        )
    device = two_factor.pending_totp(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            codes = two_factor.new_recovery_codes(user)
            return _render(request, "two_factor_codes", codes=codes)
        form.add_error("code", _("Mã không đúng. Kiểm tra giờ trên điện thoại rồi nhập mã mới."))
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return _render(
        request,
        "two_factor_enrol",
        form=form,
        qr=two_factor.qr_svg(_otpauth_uri(request, device)),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


@require_http_methods(["GET", "POST"])
def reset_devices(request):
    """The site administrator resets the two-factor sign-in of a member who lost their
    phone (not their own, nor a superuser's or another administrator's: the operations
    centre does those, from the console)."""
    if not can_unlock(request.user):
        raise PermissionDenied
    User = get_user_model()
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        member = User.objects.filter(username=username).first()
        if member is None or not _may_reset(request.user, member):
            messages.error(request, _("Thao tác không hợp lệ."))
            return redirect("accounts_two_factor_reset")
        count = two_factor.reset(member)
        from syndication.services import current_tenant
        from tenants.models import record

        record(
            request.user,
            "accounts.two_factor_reset",
            site=current_tenant(),
            username=username,
            devices=count,
        )
        messages.success(
            request,
            _(
                "Đã đặt lại xác thực hai bước của “%(name)s”: lần đăng nhập sau, "
                "người dùng đăng ký lại."
            )
            % {"name": username},
        )
        return redirect("accounts_two_factor_reset")
    rows = [
        {
            "username": member.get_username(),
            "name": member.get_full_name(),
            "enrolled": two_factor.has_device(member),
            "required": two_factor.is_required(member),
            "may_reset": _may_reset(request.user, member),
        }
        for member in User.objects.filter(is_active=True).order_by("username")
    ]
    return TemplateResponse(request, "accounts/two_factor_reset.html", {"rows": rows})


def _may_reset(actor, member) -> bool:
    """A site administrator resets the other members; a superuser also the
    administrators. Nobody resets their own or a superuser's here."""
    if member.pk == actor.pk or member.is_superuser:
        return False
    return actor.is_superuser or not can_unlock(member)
