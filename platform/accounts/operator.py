"""Operators of the operations centre enter a site's admin only through a one-time
link the console issues (docs/security.md, "Người vận hành vào trang quản trị").

The console (``issue``) signs a payload -- site key, operator, nonce, issued-at --
with ``django.core.signing`` and its own salt, stores the nonce in public
(``tenants.models.OperatorSignIn``) and sends the operator to
``/admin/operator-sign-in/<token>/`` on the site's primary domain. There
(``sign_in``) the signature, the age (``OPERATOR_LINK_SECONDS``, at most 5 minutes),
the site and the unused nonce are checked, the nonce is marked used in the same
transaction (``SELECT … FOR UPDATE``), and the operator's service account of that
site (``vanhanh.<operator>``: a superuser of the site with no usable password, in
the group "Trung tâm vận hành") is signed in for ``OPERATOR_SESSION_SECONDS``. The
sign-in goes to the platform audit trail, which the site's board reads under
Settings → Lượt truy cập của Trung tâm vận hành.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import Group
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tenants import registry

SALT = "platform.operator-sign-in"
#: the code-less device that stands for the console's second factor on a site
CONSOLE_DEVICE = "Trung tâm vận hành (qua bảng điều khiển)"
#: the group of every operator's service account on a site
GROUP_NAME = "Trung tâm vận hành"
USERNAME_PREFIX = "vanhanh."
ACTION = "operator.signed_in"


def issue(tenant, operator) -> str:
    """A one-time sign-in URL to ``tenant``'s admin for ``operator`` (a console user);
    its nonce is stored and the issue is recorded in the audit trail."""
    from tenants.models import OperatorSignIn, record

    name = operator.get_username()
    nonce = secrets.token_urlsafe(24)
    now = timezone.now()
    OperatorSignIn.objects.create(site_key=tenant.slug, operator=name, nonce=nonce, issued_at=now)
    token = signing.dumps(
        {"site": tenant.slug, "operator": name, "nonce": nonce, "iat": int(now.timestamp())},
        salt=SALT,
    )
    record(operator, "operator.link_issued", tenant)
    return registry.primary_url(tenant, f"/admin/operator-sign-in/{token}/")


def service_username(operator: str) -> str:
    return f"{USERNAME_PREFIX}{operator}"[:150]


def service_account(operator: str):
    """The service account of ``operator`` on the active site, made on first use: a
    superuser of this site that can never sign in by password."""
    from accounts.models import OperatorAccount

    User = get_user_model()
    user = User.objects.filter(username=service_username(operator)).first()
    if user is None:
        user = User(username=service_username(operator), is_staff=True, is_superuser=True)
        user.first_name = _("Trung tâm vận hành")
        user.last_name = operator
        user.set_unusable_password()
        user.save()
        OperatorAccount.objects.create(user=user, operator=operator)
    elif not OperatorAccount.objects.filter(user=user).exists():
        # a board member who happens to have this name is not the operator's account
        return None
    if user.has_usable_password():
        # never a permanent account: whatever set a password, it goes
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if not user.is_active:
        return None
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    user.groups.add(group)
    return user


def _refuse(request, message: str, status: int = 403):
    response = render(
        request, "accounts/operator_refused.html", {"message": message}, status=status
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_GET
def sign_in(request, token: str):
    """``/admin/operator-sign-in/<token>/`` on a site."""
    from accounts.lockout import client_ip
    from tenants.models import OperatorSignIn, record

    tenant = getattr(request, "tenant", None)
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.OPERATOR_LINK_SECONDS)
    except signing.SignatureExpired:
        return _refuse(request, _("Đường dẫn đăng nhập đã hết hạn. Hãy tạo đường dẫn mới."))
    except signing.BadSignature:
        return _refuse(request, _("Đường dẫn đăng nhập không hợp lệ."), status=400)
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), str) for k in ("site", "operator", "nonce")
    ):
        return _refuse(request, _("Đường dẫn đăng nhập không hợp lệ."), status=400)
    if tenant is None or data["site"] != getattr(tenant, "slug", None):
        return _refuse(request, _("Đường dẫn đăng nhập này không dành cho trang này."))
    with transaction.atomic():
        entry = (
            OperatorSignIn.objects.select_for_update()
            .filter(nonce=data["nonce"], site_key=tenant.slug, operator=data["operator"])
            .first()
        )
        if entry is None or entry.used_at is not None:
            return _refuse(request, _("Đường dẫn đăng nhập đã được sử dụng hoặc không tồn tại."))
        if entry.issued_at < timezone.now() - timedelta(seconds=settings.OPERATOR_LINK_SECONDS):
            return _refuse(request, _("Đường dẫn đăng nhập đã hết hạn. Hãy tạo đường dẫn mới."))
        user = service_account(data["operator"])
        if user is None:
            return _refuse(request, _("Không thể dùng tài khoản vận hành trên trang này."))
        now = timezone.now()
        entry.used_at = now
        entry.ended_at = now + timedelta(seconds=settings.OPERATOR_SESSION_SECONDS)
        entry.save(update_fields=["used_at", "ended_at"])
        address = client_ip(request)
        record(
            data["operator"],
            ACTION,
            tenant,
            operator=data["operator"],
            account=user.get_username(),
            address=address,
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    # The operator gave both factors on the console, which alone issues the link: the
    # session counts as verified by the console's device of the account, a device
    # with no code (nobody can verify with it, and the account has no password).
    from django_otp import login as otp_login
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=CONSOLE_DEVICE, defaults={"confirmed": True}
    )
    otp_login(request, device)
    # an absolute end (a datetime), not an idle timeout moved by every request
    request.session.set_expiry(entry.ended_at)
    return redirect("wagtailadmin_home")


def recent_sign_ins(tenant, limit: int = 50):
    """The last operator sign-ins of ``tenant`` (one query on the public audit trail)."""
    from tenants.models import AuditEvent

    return list(
        AuditEvent.objects.filter(site_key=tenant.slug, action=ACTION).order_by("-at")[:limit]
    )


__all__ = ["issue", "recent_sign_ins", "service_account", "sign_in"]
