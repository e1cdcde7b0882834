"""The data migration that moved each document's single ``file`` into attachment rows."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from documents.models import LegalDocumentFile
from tests.conftest import in_site
from tests.documents.factories import DocumentFactory, LegalDocumentPageFactory

pytestmark = pytest.mark.django_db

BEFORE = [("documents", "0002_attachments")]
AFTER = [("documents", "0004_remove_legaldocumentpage_file")]


def migrate(targets=None):
    """Migrate the active schema to ``targets`` (default: every app's latest migration,
    as the schema was before the test); returns the historical apps there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def test_file_becomes_the_first_attachment_and_back(sites):
    with in_site(sites.alpha):
        with_file = LegalDocumentPageFactory()
        without_file = LegalDocumentPageFactory()
        pdf = DocumentFactory()
        # The pending foreign-key checks of the rows above would stop ALTER TABLE.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

        old_apps = migrate(BEFORE)  # the schema as it was, with its "file" column
        OldPage = old_apps.get_model("documents", "LegalDocumentPage")
        OldPage.objects.filter(pk=with_file.pk).update(file_id=pdf.pk)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

        migrate(AFTER)
        # later migrations (e.g. the deadline's columns) come back before the models are used
        migrate()

        rows = LegalDocumentFile.objects.filter(page__in=[with_file, without_file])
        assert [(row.page_id, row.document_id, row.sort_order) for row in rows] == [
            (with_file.pk, pdf.pk, 0)
        ]
        with_file.refresh_from_db()
        assert [a.document for a in with_file.attachments.all()] == [pdf]

        # Backwards, the first attachment is the file again.
        old_apps = migrate(BEFORE)
        OldPage = old_apps.get_model("documents", "LegalDocumentPage")
        assert OldPage.objects.get(pk=with_file.pk).file_id == pdf.pk
        assert OldPage.objects.get(pk=without_file.pk).file_id is None
        migrate()
