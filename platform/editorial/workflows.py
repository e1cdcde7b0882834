"""What happens when the board's workflow is approved to the end
(``WAGTAIL_FINISH_WORKFLOW_ACTION``)."""

from django.utils import timezone


def publish_approved(workflow_state, user=None) -> None:
    """Publish the approved revision (Wagtail's default action, but without asking the
    approver's ``can_publish``: approving the last step, which the step's own
    permission check allowed, is what publishes under ``editorial.permissions``).
    A go-live date in the future schedules it instead, as in Wagtail. An emergency
    publication of the page waiting for this approval is marked approved."""
    from editorial.models import EmergencyPublication

    obj = workflow_state.content_object
    obj.get_latest_revision().publish(user=user, skip_permission_checks=True)
    EmergencyPublication.objects.filter(page_id=obj.pk, approved_at__isnull=True).update(
        approved_at=timezone.now()
    )
