"""The editorial board (Ban Biên tập) of a site: its groups, permissions, approval
workflow and members, from ``board.yaml``.

Runs inside the site's schema: groups, users and workflows are the site's own
(auth and Wagtail are tenant apps), so a member exists on no other site.

Members are created without a usable password and get a one-time link to set
their own (Django's password-reset token, void once the password is set or after
``PASSWORD_RESET_TIMEOUT``), e-mailed with Django's e-mail backend after the
provisioning commits. No password is ever generated, logged or sent.
"""

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import Group

logger = logging.getLogger(__name__)

BOARD_FILE = Path(__file__).resolve().parent / "board.yaml"

#: Wagtail's page permissions by their short name in board.yaml
PAGE_PERMISSIONS = {
    name: f"{name}_page" for name in ("add", "change", "publish", "bulk_delete", "lock", "unlock")
}
COLLECTION_APPS = {"images": ("wagtailimages", "image"), "documents": ("wagtaildocs", "document")}


@functools.cache
def config() -> dict:
    return yaml.safe_load(BOARD_FILE.read_text(encoding="utf-8"))


def roles() -> dict[str, dict]:
    """The board's roles by code, in board.yaml's order."""
    return {role["code"]: role for role in config()["roles"]}


def role_choices() -> list[tuple[str, str]]:
    return [(code, role["name"]) for code, role in roles().items()]


@dataclass
class Member:
    """A member of a site's editorial board, as the operations centre names them."""

    email: str
    role: str
    name: str = ""
    #: the login name; empty: the e-mail address
    username: str = ""

    def __post_init__(self):
        from core.text import nfc

        self.email = (self.email or "").strip().lower()
        self.role = (self.role or "").strip()
        self.name = nfc((self.name or "").strip())
        self.username = (self.username or "").strip() or self.email

    @property
    def first_and_last_name(self) -> tuple[str, str]:
        """Django's (first_name, last_name), whose ``get_full_name()`` joins them in that
        order: a Vietnamese name is family and middle names first, "Nguyễn Văn An" →
        ("Nguyễn Văn", "An")."""
        family, _sep, given = self.name.rpartition(" ")
        return (family, given) if family else (given, "")


def validate_members(members: list[Member]) -> list[str]:
    """The problems of a board, as messages for the operator (empty: none)."""
    errors = []
    if not members:
        errors.append(_("Ban Biên tập phải có ít nhất một thành viên."))
    seen = set()
    for member in members:
        try:
            validate_email(member.email)
        except ValidationError:
            errors.append(
                _("“%(email)s” không phải là địa chỉ thư điện tử hợp lệ.") % {"email": member.email}
            )
        if member.role not in roles():
            errors.append(
                _("Vai trò “%(role)s” của %(email)s không có; chọn một trong: %(roles)s.")
                % {"role": member.role, "email": member.email, "roles": ", ".join(roles())}
            )
        if member.email in seen or member.username in seen:
            errors.append(
                _("%(email)s có tên hai lần trong Ban Biên tập.") % {"email": member.email}
            )
        seen.update({member.email, member.username})
    return errors


def set_up_board(workflow: str) -> "dict[str, Group]":
    """Create the board's groups with their permissions and the site's approval
    ``workflow`` (a key of board.yaml's ``workflows``) on the root of the page tree,
    in place of Wagtail's default Editors/Moderators groups and workflow. Returns
    the groups by role code."""
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        Task,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    # What Wagtail's migrations leave in every schema: replaced by the board's own.
    Workflow.objects.filter(workflow_pages__isnull=False).delete()
    Task.objects.all().delete()  # its "Moderators approval" step, of whatever task type
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node()
    wanted = set()
    for role in roles().values():
        wanted.update(role.get("permissions", []))
        wanted.update(f"wagtailcore.{PAGE_PERMISSIONS[name]}" for name in role.get("pages", []))
        for kind, names in role.get("collections", {}).items():
            app, model = COLLECTION_APPS[kind]
            wanted.update(f"{app}.{name}_{model}" for name in names)
    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={name.split(".", 1)[1] for name in wanted}
        )
        if f"{p.content_type.app_label}.{p.codename}" in wanted
    }
    missing = wanted - permissions.keys()
    if missing:
        raise ValueError(f"board.yaml names unknown permissions: {sorted(missing)}")

    groups, page_rows, collection_rows = {}, [], []
    for code, role in roles().items():
        group = Group.objects.create(name=role["name"])
        groups[code] = group
        group.permissions.set([permissions[name] for name in role.get("permissions", [])])
        page_rows += [
            GroupPagePermission(
                group=group,
                page=root,
                permission=permissions[f"wagtailcore.{PAGE_PERMISSIONS[name]}"],
            )
            for name in role.get("pages", [])
        ]
        for kind, names in role.get("collections", {}).items():
            app, model = COLLECTION_APPS[kind]
            collection_rows += [
                GroupCollectionPermission(
                    group=group,
                    collection=collection,
                    permission=permissions[f"{app}.{name}_{model}"],
                )
                for name in names
            ]
    GroupPagePermission.objects.bulk_create(page_rows)
    GroupCollectionPermission.objects.bulk_create(collection_rows)

    from editorial.models import BoardApprovalTask

    spec = config()["workflows"][workflow]
    flow = Workflow.objects.create(name=spec["name"], active=True)
    for order, step in enumerate(spec["steps"]):
        task = BoardApprovalTask.objects.create(name=step["name"], active=True)
        task.groups.set([groups[code] for code in step["roles"]])
        WorkflowTask.objects.create(workflow=flow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": flow})
    return groups


def workflow_choices() -> list[tuple[str, str]]:
    """The regulations' workflow presets of board.yaml: (key, name)."""
    return [(key, spec["name"]) for key, spec in config()["workflows"].items()]


def current_workflow():
    """The workflow on the root of the active site's page tree (None: none)."""
    from wagtail.models import Page, WorkflowPage

    link = (
        WorkflowPage.objects.filter(page=Page.get_first_root_node())
        .select_related("workflow")
        .first()
    )
    return link.workflow if link else None


def current_preset() -> str | None:
    """The key of the preset the active site's workflow was made from (by its name)."""
    workflow = current_workflow()
    names = {spec["name"]: key for key, spec in config()["workflows"].items()}
    return names.get(workflow.name) if workflow else None


def _step_task_model():
    """The task type of a workflow step: the editorial app's (delegations, no bypass)
    when installed, else Wagtail's GroupApprovalTask."""
    try:
        from editorial.models import BoardApprovalTask
    except ImportError:
        from wagtail.models import GroupApprovalTask

        return GroupApprovalTask
    return BoardApprovalTask


def apply_workflow(preset: str) -> tuple:
    """Put the workflow of ``preset`` (a key of board.yaml's ``workflows``) on the root
    of the active site's page tree, made anew from the board's groups.

    Pages already in moderation finish in the workflow they were submitted to: the
    previous workflow stays active while any of them remains (Wagtail's
    ``Workflow.deactivate`` would cancel them) and is deactivated otherwise. Returns
    ``(new workflow, previous workflow or None, pages still in the previous one)``.
    """
    from django.contrib.auth.models import Group

    from wagtail.models import Page, Workflow, WorkflowPage, WorkflowState, WorkflowTask

    spec = config()["workflows"][preset]
    groups = {group.name: group for group in Group.objects.all()}
    previous = current_workflow()
    task_model = _step_task_model()
    flow = Workflow.objects.create(name=spec["name"], active=True)
    for order, step in enumerate(spec["steps"]):
        task = task_model.objects.create(name=step["name"], active=True)
        task.groups.set([groups[roles()[code]["name"]] for code in step["roles"]])
        WorkflowTask.objects.create(workflow=flow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": flow}
    )
    in_moderation = 0
    if previous is not None:
        in_moderation = WorkflowState.objects.filter(
            workflow=previous, status=WorkflowState.STATUS_IN_PROGRESS
        ).count()
        if not in_moderation and not previous.workflow_pages.exists():
            previous.active = False  # nothing runs in it: no state to cancel
            previous.save(update_fields=["active"])
            previous.tasks.update(active=False)
    return flow, previous, in_moderation


def add_members(members: list[Member]) -> list:
    """Create the accounts of ``members`` (no usable password) in the active site's
    schema, each in the group of their role. Returns the users."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    groups = {group.name: group for group in Group.objects.all()}
    users = []
    for member in members:
        first, last = member.first_and_last_name
        user = User(username=member.username, email=member.email, first_name=first, last_name=last)
        user.set_unusable_password()
        user.save()
        user.groups.add(groups[roles()[member.role]["name"]])
        users.append(user)
    return users


#: where ``group_names`` keeps a user's groups on the user object
GROUP_NAMES_CACHE = "_board_group_names"


def group_names(user) -> tuple[str, ...]:
    """The names of ``user``'s groups, read once per user object (like Django's
    permission cache ``_perm_cache``): ``request.user`` is loaded for each request, so
    the admin's menu items, panels and checks of one request share one query.
    ``user.groups.add/remove/set/clear`` drop it (``forget_group_names``)."""
    if not getattr(user, "pk", None):
        return ()
    try:
        return getattr(user, GROUP_NAMES_CACHE)
    except AttributeError:
        names = tuple(user.groups.values_list("name", flat=True))
        setattr(user, GROUP_NAMES_CACHE, names)
        return names


def forget_group_names(sender, instance, action, reverse, **kwargs) -> None:
    """``m2m_changed`` of ``User.groups``: the user's cached group names are stale."""
    if action.startswith("post_") and not reverse:
        instance.__dict__.pop(GROUP_NAMES_CACHE, None)


def has_role(user, *codes: str) -> bool:
    """Whether ``user`` is in the group of one of the board roles ``codes``."""
    names = {roles().get(code, {}).get("name") for code in codes} - {None, ""}
    return any(name in names for name in group_names(user))


def member_role(user) -> str | None:
    """The board role code of ``user`` (None: in no board group)."""
    names = {role["name"]: code for code, role in roles().items()}
    for name in group_names(user):
        if name in names:
            return names[name]
    return None


def set_password_url(user, base_url: str) -> str:
    """The one-time link for ``user`` to set their password in the site's admin (its
    URLs, also when the console, with URLs of its own, asks)."""
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "wagtailadmin_password_reset_confirm",
        urlconf=settings.ROOT_URLCONF,
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


def invitations(tenant, users) -> list:
    """The e-mails giving each of ``users`` (accounts of ``tenant``, active schema) the
    one-time link to set their password. They carry the link, never a password."""
    from django.conf import settings
    from django.core.mail import EmailMessage

    from tenants.registry import primary_url

    home, admin = primary_url(tenant, "/"), primary_url(tenant, "/admin/")
    messages = []
    for user in users:
        role = roles().get(member_role(user) or "", {}).get("name", "")
        body = _(
            "Kính gửi %(name)s,\n\n"
            "Trung tâm Thông tin – Hội nghị đã tạo tài khoản của anh/chị trên trang "
            "“%(site)s” với vai trò %(role)s. Tên đăng nhập: %(username)s.\n\n"
            "Để đặt mật khẩu của mình, anh/chị mở đường dẫn sau (chỉ dùng được một lần, "
            "hết hạn sau %(days)d ngày):\n%(link)s\n\n"
            "Sau khi đặt mật khẩu, đăng nhập tại %(admin)s. Mật khẩu do anh/chị tự quản lý, "
            "không chia sẻ cho người khác.\n"
        ) % {
            "name": user.get_full_name() or user.email,
            "site": tenant.name,
            "role": role,
            "username": user.get_username(),
            "link": set_password_url(user, home),
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "admin": admin,
        }
        subject = _("[%(site)s] Tài khoản Ban Biên tập") % {"site": tenant.name}
        messages.append(EmailMessage(subject, body, to=[user.email]))
    return messages


def invite_on_commit(tenant, users) -> None:
    """Build the set-password e-mails of ``users`` now (the site's schema is active)
    and send them once the transaction that made or changed the accounts commits."""
    from django.db import transaction

    messages = invitations(tenant, users)
    transaction.on_commit(lambda: send(tenant, messages))


def send(tenant, messages) -> None:
    """Send the board's e-mails; a failure is logged and audited, not raised (the site
    exists; the console can send the links again)."""
    from django.core.mail import get_connection

    from tenants.models import record

    try:
        get_connection().send_messages(messages)
    except Exception as exc:
        logger.exception("Could not e-mail the board of site %s", tenant.slug)
        record("system", "board.invitations_failed", tenant, error=str(exc)[:500])
    else:
        logger.info("E-mailed %d set-password links for site %s", len(messages), tenant.slug)
