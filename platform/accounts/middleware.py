"""Passwords are changed regularly: a signed-in user whose password is older than
``PASSWORD_MAX_AGE_DAYS`` is sent from any admin page to the change-password form."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.db import connection

#: what a user with an expired password may still reach in a site's admin
#: (the two-factor pages come first: accounts.two_factor)
SITE_ALLOWED = (
    "/admin/account/",
    "/admin/logout/",
    "/admin/login/",
    "/admin/password_reset/",
    "/admin/xac-thuc-hai-buoc/",
)
#: and on the console (Django's admin)
CONSOLE_ALLOWED = ("/password_change/", "/logout/", "/login/", "/jsi18n/", "/xac-thuc-hai-buoc/")


def password_expired(user) -> bool:
    """True when ``user``'s password is older than the limit. The age runs from the
    last recorded change, else from when the account was made."""
    from accounts.models import last_password_change

    days = settings.PASSWORD_MAX_AGE_DAYS
    if not days or not user.has_usable_password():
        return False
    changed = last_password_change(user) or user.date_joined
    return changed < timezone.now() - timedelta(days=days)


class PasswordExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self._redirect_to(request)
        if target:
            messages.warning(
                request,
                _(
                    "Mật khẩu của anh/chị đã quá %(days)d ngày chưa thay đổi. Theo quy chế, "
                    "anh/chị cần đổi mật khẩu trước khi tiếp tục làm việc."
                )
                % {"days": settings.PASSWORD_MAX_AGE_DAYS},
            )
            return redirect(target)
        return self.get_response(request)

    def _redirect_to(self, request) -> str | None:
        if not settings.PASSWORD_MAX_AGE_DAYS:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        path = request.path_info
        if connection.schema_name == "public":
            # the console: Django's admin at the root of its host
            if path.startswith(("/static/", *CONSOLE_ALLOWED)):
                return None
            if not password_expired(user):
                return None
            return reverse("console:password_change", urlconf=settings.PUBLIC_SCHEMA_URLCONF)
        if not path.startswith("/admin/") or path.startswith(SITE_ALLOWED):
            return None
        if not password_expired(user):
            return None
        return reverse("wagtailadmin_account") + "#password"
