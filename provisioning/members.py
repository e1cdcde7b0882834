"""Changes to a site's editorial board after it is created, from the console: add a
member, change a member's role, disable or re-enable an account, send a member a new
link to set their password, reset a member's two-factor sign-in.

Each change runs in one transaction with its entry in the platform audit trail
(who, what, when, which account), so a change is either made and recorded or not
made at all; a refusal raises ``ValidationError`` with a Vietnamese message and
changes nothing. The accounts live in the site's own schema (``board.py``); the
audit trail in ``public``. E-mails leave only after the change commits.
"""

from dataclasses import dataclass

from django_tenants.utils import get_public_schema_name, schema_context

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from deadlines import services as deadline_services
from provisioning import board
from tenants.models import SiteStatus, Tenant, record


@dataclass
class Account:
    """A member of a site's board as the console lists them."""

    username: str
    email: str
    name: str
    role: str | None
    is_active: bool
    has_password: bool
    last_login: object
    #: has a confirmed two-factor device on the site
    two_factor: bool = False

    @property
    def role_name(self) -> str:
        return board.roles().get(self.role or "", {}).get("name", _("(không thuộc Ban Biên tập)"))


def accounts(tenant: Tenant) -> list[Account]:
    """The accounts of ``tenant``'s site, board members first by role order."""
    from accounts.two_factor import has_device

    from django.contrib.auth import get_user_model

    order = list(board.roles())
    with schema_context(tenant.schema_name):
        users = get_user_model().objects.prefetch_related("groups").order_by("username")
        listed = [
            Account(
                username=user.get_username(),
                email=user.email,
                name=user.get_full_name(),
                role=board.member_role(user),
                is_active=user.is_active,
                has_password=user.has_usable_password(),
                last_login=user.last_login,
                two_factor=has_device(user),
            )
            for user in users
        ]
    return sorted(
        listed, key=lambda a: (order.index(a.role) if a.role in order else len(order), a.username)
    )


def add_member(tenant: Tenant, actor, member: board.Member, *, invite: bool = True):
    """Create ``member``'s account on ``tenant``'s site and e-mail their link."""
    from django.contrib.auth import get_user_model

    _require_editable(tenant)
    errors = board.validate_members([member])
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), schema_context(tenant.schema_name):
        User = get_user_model()
        taken = User.objects.filter(username__iexact=member.username).exists() or (
            User.objects.filter(email__iexact=member.email).exists()
        )
        if taken:
            raise ValidationError(
                _("Trang đã có tài khoản %(email)s; đổi vai trò hoặc kích hoạt lại tài khoản đó.")
                % {"email": member.email}
            )
        (user,) = board.add_members([member])
        with schema_context(get_public_schema_name()):
            record(
                actor,
                "board.member_added",
                tenant,
                username=user.get_username(),
                email=user.email,
                role=member.role,
            )
        if invite:
            board.invite_on_commit(tenant, [user])
    return user


def change_role(tenant: Tenant, actor, username: str, role: str):
    """Move ``username`` to the group of ``role`` (out of any other board group)."""
    from django.contrib.auth.models import Group

    _require_editable(tenant)
    if role not in board.roles():
        raise ValidationError(
            _("Vai trò “%(role)s” không có; chọn một trong: %(roles)s.")
            % {"role": role, "roles": ", ".join(board.roles())}
        )
    with transaction.atomic(), schema_context(tenant.schema_name):
        user = _user(username)
        previous = board.member_role(user)
        if previous == role:
            return user
        names = [r["name"] for r in board.roles().values()]
        user.groups.remove(*Group.objects.filter(name__in=names))
        user.groups.add(Group.objects.get(name=board.roles()[role]["name"]))
        with schema_context(get_public_schema_name()):
            record(
                actor,
                "board.role_changed",
                tenant,
                username=username,
                previous_role=previous,
                role=role,
            )
    return user


def set_active(tenant: Tenant, actor, username: str, active: bool):
    """Disable an account (it can no longer sign in; its pages and history stay) or
    enable it again."""
    with transaction.atomic(), schema_context(tenant.schema_name):
        user = _user(username)
        if user.is_active == active:
            return user
        user.is_active = active
        user.save(update_fields=["is_active"])
        with schema_context(get_public_schema_name()):
            record(
                actor,
                "board.member_enabled" if active else "board.member_disabled",
                tenant,
                username=username,
            )
    return user


def send_link(tenant: Tenant, actor, username: str):
    """E-mail ``username`` a new one-time link to set their password (a forgotten
    password, an invitation that did not arrive). Earlier links stay valid only
    until the password is set."""
    _require_editable(tenant)
    with transaction.atomic(), schema_context(tenant.schema_name):
        user = _user(username)
        if not user.is_active:
            raise ValidationError(
                _(
                    "Tài khoản %(username)s đang bị vô hiệu hoá; kích hoạt lại trước khi gửi "
                    "đường dẫn."
                )
                % {"username": username}
            )
        with schema_context(get_public_schema_name()):
            record(actor, "board.link_sent", tenant, username=username)
        board.invite_on_commit(tenant, [user])
    return user


def reset_two_factor(tenant: Tenant, actor, username: str):
    """Remove ``username``'s two-factor devices on ``tenant``'s site (a lost phone):
    they enrol again at their next sign-in."""
    from accounts import two_factor

    with transaction.atomic(), schema_context(tenant.schema_name):
        user = _user(username)
        count = two_factor.reset(user)
        with schema_context(get_public_schema_name()):
            record(actor, "board.two_factor_reset", tenant, username=username, devices=count)
    return user


def change_workflow(tenant: Tenant, actor, preset: str) -> str:
    """Give ``tenant`` the approval workflow of ``preset`` (a key of board.yaml's
    ``workflows``), in one transaction with its audit entry. Pages submitted before
    keep the workflow they are in; later submissions go through the new one.
    Returns the operator's message."""
    _require_editable(tenant)
    presets = dict(board.workflow_choices())
    if preset not in presets:
        raise ValidationError(
            _("Quy trình “%(preset)s” không có; chọn một trong: %(presets)s.")
            % {"preset": preset, "presets": ", ".join(presets.values())}
        )
    with transaction.atomic(), schema_context(tenant.schema_name):
        previous_preset = board.current_preset()
        if previous_preset == preset:
            raise ValidationError(
                _("Trang “%(name)s” đã dùng quy trình “%(workflow)s”.")
                % {"name": tenant.name, "workflow": presets[preset]}
            )
        flow, previous, in_moderation = board.apply_workflow(preset)
        # the Party committee's publishing deadline follows the preset (2 or 5 days)
        deadline_services.follow_preset(previous_preset, preset)
        steps = flow.tasks.count()
        with schema_context(get_public_schema_name()):
            record(
                actor,
                "board.workflow_changed",
                tenant,
                previous=previous.name if previous else None,
                previous_preset=previous_preset,
                preset=preset,
                workflow=flow.name,
                steps=steps,
                in_moderation=in_moderation,
            )
    message = _(
        "Trang “%(name)s” dùng quy trình “%(workflow)s” cho tin bài trình duyệt từ nay."
    ) % {
        "name": tenant.name,
        "workflow": flow.name,
    }
    if in_moderation:
        message += " " + _(
            "%(count)d tin bài đang duyệt tiếp tục theo quy trình cũ cho đến khi xong."
        ) % {"count": in_moderation}
    return message


def _require_editable(tenant: Tenant) -> None:
    if tenant.status in {SiteStatus.PROVISIONING, SiteStatus.ARCHIVED}:
        raise ValidationError(
            _("Trang “%(name)s” đang ở trạng thái %(status)s: không thay đổi được Ban Biên tập.")
            % {"name": tenant.name, "status": tenant.get_status_display()}
        )


def _user(username: str):
    from django.contrib.auth import get_user_model

    try:
        return get_user_model().objects.select_for_update().get(username=username)
    except get_user_model().DoesNotExist:
        raise ValidationError(
            _("Trang không có tài khoản “%(username)s”.") % {"username": username}
        ) from None
