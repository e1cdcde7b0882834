"""Drafts close by themselves: their pages show "closed" from the deadline on (the
state comes from the dates and cached copies never outlive it); this job purges
the page cache and tells the board's secretary, once per draft (docs/periodic.md)."""

from celery import shared_task

from core.periodic import fan_out


@shared_task
def close_due_drafts() -> list[int]:
    """Per site: announce the drafts whose deadline has passed (ids announced)."""
    from consultation import services

    return services.close_due_drafts()


@shared_task
def close_drafts() -> int:
    """Dispatcher named in ``CELERY_BEAT_SCHEDULE``: one ``close_due_drafts`` per active site."""
    return len(fan_out(close_due_drafts))
