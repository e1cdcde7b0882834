"""Two-factor sign-in (TOTP with recovery codes) on django-otp.

Devices live in the active schema (django-otp's apps are in SHARED_APPS and
TENANT_APPS): each site's board has its own, and the console's operators theirs
in public. Who must use it: the board roles marked ``two_factor: required`` in
``provisioning/board.yaml`` (administer, approve or publish) and superusers on a
site; every operator on the console. Other members may enrol themselves; once they
have a device, it is asked for at each sign-in too.

``TwoFactorMiddleware`` (after django-otp's ``OTPMiddleware``) sends a signed-in but
unverified user from any admin page to the verify page, or to the enrolment page when
they must use 2FA and have no confirmed device yet.
"""

from urllib.parse import urlencode

from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.shortcuts import redirect
from django.urls import reverse

from tenants.db import connection

#: how many recovery codes a user is given (each works once)
RECOVERY_CODES = 10

#: the two-factor pages themselves, on a site (under /admin/) and on the console
SITE_PREFIX = "/admin/xac-thuc-hai-buoc/"
CONSOLE_PREFIX = "/xac-thuc-hai-buoc/"
#: what an unverified user may still reach in a site's admin, and on the console
SITE_ALLOWED = (SITE_PREFIX, "/admin/logout/", "/admin/login/", "/admin/password_reset/")
CONSOLE_ALLOWED = (CONSOLE_PREFIX, "/logout/", "/login/", "/jsi18n/", "/static/")


def on_console() -> bool:
    return connection.schema_name == "public"


def required_roles() -> set[str]:
    """Names of the board groups whose members must use two-factor sign-in."""
    from provisioning.board import roles

    return {role["name"] for role in roles().values() if role.get("two_factor") == "required"}


def is_required(user) -> bool:
    """True when ``user`` may not work without a second factor."""
    if not user.is_authenticated:
        return False
    if on_console() or user.is_superuser:
        return True
    from provisioning.board import group_names

    required = required_roles()
    return any(name in required for name in group_names(user))


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_totp(user) -> TOTPDevice:
    """The user's unconfirmed authenticator (the one being enrolled), made if missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)


def new_recovery_codes(user) -> list[str]:
    """A new set of recovery codes (any earlier set is replaced)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Mã dự phòng", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def reset(user) -> int:
    """Remove every device of ``user`` (a lost phone): at the next sign-in they enrol
    again. Sessions verified with a removed device are no longer verified."""
    count = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        count += 1
    return count


def qr_svg(uri: str) -> str:
    """The enrolment QR code as inline SVG (made here: no external service)."""
    import segno

    return segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff")


def url(name: str) -> str:
    if on_console():
        from django.conf import settings

        return reverse(f"console_{name}", urlconf=settings.PUBLIC_SCHEMA_URLCONF)
    return reverse(f"accounts_{name}")


def unverified_redirect(request):
    """A redirect to the second-factor step (verify, or enrol when required) for a user
    who signed in with a password but has not given their code yet; ``None`` when
    nothing is pending. Such a session opens no admin page (``TwoFactorMiddleware``)
    and no restricted page or file of the public site (``accounts.wagtail_hooks``,
    ``core.private_files``): a password alone is not a sign-in for them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_verified():
        return None
    if has_device(user):
        target = url("two_factor_verify")
    elif is_required(user):
        target = url("two_factor_enrol")
    else:
        return None
    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class TwoFactorMiddleware:
    """Sends a user with a pending second factor from every admin page (on the console:
    every page) to the verify or enrol step; their own steps, sign-in and sign-out stay
    reachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if on_console():
            guarded = not path.startswith(CONSOLE_ALLOWED)
        else:
            guarded = path.startswith("/admin/") and not path.startswith(SITE_ALLOWED)
        if guarded:
            pending = unverified_redirect(request)
            if pending is not None:
                return pending
        return self.get_response(request)
