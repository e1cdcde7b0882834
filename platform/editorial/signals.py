"""Thin receivers: an action on a workflow step taken under a delegation is recorded."""

import logging

from wagtail.signals import task_approved, task_rejected

logger = logging.getLogger(__name__)


def _record_delegated(action):
    def receiver(sender, instance, user=None, **kwargs):
        from editorial.models import BoardApprovalTask, DelegatedAction, Delegation

        task = instance.task.specific
        if user is None or not isinstance(task, BoardApprovalTask):
            return
        if task.groups.filter(id__in=user.groups.all()).exists():
            return  # the member's own step
        delegation = Delegation.objects.in_force().filter(task=task, delegate=user).first()
        if delegation is None:
            return
        DelegatedAction.objects.create(
            delegation=delegation,
            task_state=instance,
            action=action,
            page_title=str(instance.workflow_state.content_object)[:255],
        )

    return receiver


_approved = _record_delegated("approve")
_rejected = _record_delegated("reject")


def connect():
    task_approved.connect(_approved, dispatch_uid="editorial-delegated-approve")
    task_rejected.connect(_rejected, dispatch_uid="editorial-delegated-reject")
