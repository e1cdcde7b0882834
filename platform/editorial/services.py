"""The board's rules as service functions: emergency publishing and delegation.

Views, commands and tasks call these; each does its work in one transaction and
writes the platform audit trail."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.text import nfc

#: the board role that may publish urgently and delegate (board.yaml)
HEAD_ROLE = "truong_ban"


def _site():
    from syndication.services import current_tenant

    return current_tenant()


def last_step(page):
    """The last step (a ``BoardApprovalTask``) of the workflow governing ``page``, or None."""
    workflow = page.get_workflow()
    if workflow is None:
        return None
    tasks = list(workflow.tasks.specific())
    return tasks[-1] if tasks else None


def may_publish_urgently(user, page) -> bool:
    """The head of the board, or whoever holds a delegation of the workflow's last step."""
    from editorial.models import Delegation
    from provisioning.board import member_role

    if not user.is_authenticated or not user.is_active:
        return False
    if member_role(user) == HEAD_ROLE:
        return True
    step = last_step(page)
    return (
        step is not None
        and Delegation.objects.in_force().filter(task_id=step.pk, delegate=user).exists()
    )


@transaction.atomic
def publish_urgently(page, user, reason: str):
    """Publish ``page``'s latest revision at once, before approval (đăng khẩn, 003 Đ7.2),
    and start the site's workflow on it so the board still approves it afterwards.

    Raises ``PermissionDenied`` for anyone but the head or the last step's delegate,
    ``ValidationError`` without a written reason. Returns the EmergencyPublication.
    """
    from wagtail.models import WorkflowState

    from editorial.models import EmergencyPublication
    from tenants.models import record

    reason = nfc(reason or "").strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Hãy ghi rõ lý do đăng khẩn (ít nhất 10 ký tự).")}, code="reason"
        )
    page = page.specific
    if not may_publish_urgently(user, page):
        raise PermissionDenied(
            _("Chỉ Trưởng Ban hoặc người được ủy quyền bước cuối được đăng khẩn.")
        )
    revision = page.get_latest_revision() or page.save_revision(user=user)
    # a workflow already running on the page is cancelled: the approval starts again
    # on what went live
    running = WorkflowState.objects.active().for_instance(page).first()
    if running is not None:
        running.cancel(user=user)
    revision.publish(user=user, skip_permission_checks=True)
    publication = EmergencyPublication.objects.create(
        page=page, revision=revision, reason=reason, published_by=user
    )
    workflow = page.get_workflow()
    if workflow is not None:
        page.refresh_from_db()
        workflow.start(page, user)
    record(
        user,
        "page.emergency_published",
        site=_site(),
        page_id=page.pk,
        title=page.title,
        reason=reason,
    )
    return publication


def delegate(
    delegator, task, delegate_user, starts_at: datetime, ends_at: datetime, reason: str = ""
):
    """Record that the head ``delegator`` delegates ``task`` to ``delegate_user`` for the
    period; validated (Vietnamese messages), audited. Returns the Delegation."""
    from editorial.models import Delegation
    from provisioning.board import member_role
    from tenants.models import record

    if member_role(delegator) != HEAD_ROLE:
        raise PermissionDenied(_("Chỉ Trưởng Ban Biên tập được ủy quyền."))
    delegation = Delegation(
        task=task,
        delegator=delegator,
        delegate=delegate_user,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=nfc(reason).strip(),
    )
    delegation.full_clean()
    with transaction.atomic():
        delegation.save()
        record(
            delegator,
            "board.delegated",
            site=_site(),
            task=task.name,
            delegate=delegate_user.get_username(),
            starts_at=starts_at.isoformat(),
            ends_at=ends_at.isoformat(),
        )
    return delegation


def revoke(delegation, user) -> None:
    from django.utils import timezone

    from provisioning.board import member_role
    from tenants.models import record

    if member_role(user) != HEAD_ROLE:
        raise PermissionDenied(_("Chỉ Trưởng Ban Biên tập được thu hồi ủy quyền."))
    with transaction.atomic():
        delegation.revoked_at = timezone.now()
        delegation.save(update_fields=["revoked_at"])
        record(user, "board.delegation_revoked", site=_site(), delegation=delegation.pk)
