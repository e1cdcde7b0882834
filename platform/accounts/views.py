"""Unlocking sign-ins in a site's admin: the site administrator (Quản trị trang)
sees the accounts and addresses locked on this site and unlocks them."""

from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

#: the board role allowed to unlock (provisioning/board.yaml), also on sites made
#: before its group had the permission
ADMIN_ROLE = "quan_tri"


def can_unlock(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("accounts.unlock_accounts"):
        return True
    from provisioning.board import has_role

    return has_role(user, ADMIN_ROLE)


def _threshold() -> datetime:
    cool_off = settings.AXES_COOLOFF_TIME
    if not cool_off:
        return datetime.min.replace(tzinfo=timezone.get_current_timezone())
    return timezone.now() - cool_off


def locked_accounts() -> list[dict]:
    """Usernames of this site that are locked: from one address at or over
    ``AXES_FAILURE_LIMIT``, or from any addresses together at or over
    ``AXES_ACCOUNT_FAILURE_LIMIT`` (shown without an address); newest first."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=_threshold())
    pairs = list(
        recent.values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    listed = {row["username"] for row in pairs}
    anywhere = [
        {**row, "ip_address": ""}
        for row in recent.values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_ACCOUNT_FAILURE_LIMIT)
        if row["username"] not in listed
    ]
    return sorted(pairs + anywhere, key=lambda row: row["last"], reverse=True)


def locked_addresses() -> list[dict]:
    """Addresses of this site at or over ``AXES_ADDRESS_FAILURE_LIMIT``, whatever the
    usernames."""
    return list(
        AccessAttempt.objects.filter(attempt_time__gte=_threshold())
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_ADDRESS_FAILURE_LIMIT)
        .order_by("-last")
    )


@require_http_methods(["GET", "POST"])
def locked(request):
    if not can_unlock(request.user):
        raise PermissionDenied
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        ip_address = request.POST.get("ip_address", "").strip()
        if not username and not ip_address:
            messages.error(request, _("Thao tác không hợp lệ."))
            return redirect("accounts_locked")
        # an account: every attempt of that username on this site; an address: all of its
        count = reset(username=username or None, ip=None if username else ip_address)
        _record(request, username=username, ip_address=ip_address, attempts=count)
        if username:
            messages.success(
                request, _("Đã mở khóa đăng nhập cho tài khoản “%(name)s”.") % {"name": username}
            )
        else:
            messages.success(
                request, _("Đã mở khóa đăng nhập từ địa chỉ %(ip)s.") % {"ip": ip_address}
            )
        return redirect("accounts_locked")
    return TemplateResponse(
        request,
        "accounts/locked.html",
        {"accounts": locked_accounts(), "addresses": locked_addresses()},
    )


def _record(request, **details) -> None:
    """The unlock goes to the platform audit trail (read on the console)."""
    from syndication.services import current_tenant
    from tenants.models import record

    record(request.user, "accounts.unlock", site=current_tenant(), **details)


@require_http_methods(["GET"])
def operator_sign_ins(request):
    """The last sign-ins of the operations centre's operators to this site."""
    from accounts.operator import recent_sign_ins
    from syndication.services import current_tenant

    if not can_unlock(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "accounts/operator_sign_ins.html",
        {"sign_ins": recent_sign_ins(current_tenant())},
    )


__all__ = ["locked", "operator_sign_ins"]
