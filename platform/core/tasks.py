"""Background tasks of the platform core."""

from celery import shared_task
from django.db import connection


@shared_task
def site_health(expected_schema: str | None = None) -> dict:
    """Report the schema the task runs in and the size of the site's page tree.

    Used by the operations centre to check that workers serve every site, and
    by the tests to prove that a task runs in the schema it was sent from.
    """
    from wagtail.models import Page

    return {
        "schema": connection.schema_name,
        "expected": expected_schema,
        "pages": Page.objects.count(),
    }
