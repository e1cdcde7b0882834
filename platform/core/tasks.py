"""Background tasks of the platform core."""

from celery import shared_task
from django_tenants.utils import get_public_schema_name

from tenants.db import connection


@shared_task
def site_health(expected_schema: str | None = None) -> dict:
    """Report the schema the task runs in and the size of the site's page tree.

    Used by the operations centre to check that workers serve every site, and
    by the tests to prove that a task runs in the schema it was sent from.
    """
    from wagtail.models import Page

    schema = connection.schema_name
    return {
        "schema": schema,
        "expected": expected_schema,
        "pages": None if schema == get_public_schema_name() else Page.objects.count(),
    }


@shared_task
def sync_image_privacy(image_ids: list[int]) -> int:
    """Rename the files of the active site's images whose privacy changed
    (``core.private_images.sync``); returns how many changed."""
    from core.private_images import sync_images

    return sync_images(image_ids)
