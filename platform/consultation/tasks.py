"""Drafts close by themselves: their pages show "closed" from the deadline on (the
state comes from the dates and cached copies never outlive it); this job purges
the page cache and tells the board's secretary, once per draft (docs/periodic.md),
and erases commenters' details after the retention period (docs/consultation.md)."""

from celery import shared_task

from core.periodic import fan_out


@shared_task
def close_due_drafts() -> list[int]:
    """Per site: announce the drafts whose deadline has passed (ids announced); erase
    the commenters' details once the retention period after the close has passed."""
    from consultation import services

    closed = services.close_due_drafts()
    services.erase_expired_comments()
    return closed


@shared_task
def close_drafts() -> int:
    """Dispatcher named in ``CELERY_BEAT_SCHEDULE``: one ``close_due_drafts`` per active site."""
    return len(fan_out(close_due_drafts))
