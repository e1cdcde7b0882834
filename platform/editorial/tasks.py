"""Scheduled publishing that runs: go-live and expiry dates take effect within a minute
on every active site (``CELERY_BEAT_SCHEDULE``, docs/periodic.md)."""

import io

from celery import shared_task

from django.core.management import call_command

from core.periodic import fan_out


@shared_task
def publish_scheduled_pages() -> str:
    """In the active site: publish the revisions whose approved go-live time has come
    and unpublish the pages whose expiry has passed (Wagtail's ``publish_scheduled``).

    Only revisions the workflow approved carry a go-live time
    (``editorial.workflows.publish_approved``): nothing unapproved goes live."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


@shared_task
def dispatch_scheduled_publishing() -> int:
    """Beat's entry: send :func:`publish_scheduled_pages` into every active site."""
    return len(fan_out(publish_scheduled_pages))
