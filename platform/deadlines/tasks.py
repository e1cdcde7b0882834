"""The deadlines' periodic work (beat entry ``deadlines`` in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from core.periodic import fan_out


@shared_task
def site_deadlines():
    """Per-site: missed items, the secretary's reminders, the figures in public."""
    from deadlines import figures, services

    services.refresh_open_items()
    services.send_reminders()
    figures.rollup()


@shared_task
def dispatch_deadlines():
    """Dispatcher: every active site's deadlines."""
    fan_out(site_deadlines)
