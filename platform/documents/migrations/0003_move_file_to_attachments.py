"""Move each legal document's single ``file`` into its first attachment row.

Runs in every site's schema. Revisions keep their old "file" key, which
loading a revision ignores; with no "attachments" key in a revision, the page
keeps the rows made here.
"""

from django.db import migrations


def file_to_attachments(apps, schema_editor):
    LegalDocumentPage = apps.get_model("documents", "LegalDocumentPage")
    LegalDocumentFile = apps.get_model("documents", "LegalDocumentFile")
    pages = (
        LegalDocumentPage.objects.filter(file__isnull=False)
        .exclude(attachments__document_id__isnull=False)
        .values_list("pk", "file_id")
    )
    LegalDocumentFile.objects.bulk_create(
        [LegalDocumentFile(page_id=page_id, document_id=file_id, sort_order=0, label="")
         for page_id, file_id in pages]
    )


def attachments_to_file(apps, schema_editor):
    """Backwards: the first attachment of each page becomes its ``file`` again."""
    LegalDocumentPage = apps.get_model("documents", "LegalDocumentPage")
    LegalDocumentFile = apps.get_model("documents", "LegalDocumentFile")
    first_files = (
        LegalDocumentFile.objects.order_by("page_id", "sort_order", "pk")
        .distinct("page_id").values_list("page_id", "document_id")
    )
    for page_id, document_id in first_files:
        LegalDocumentPage.objects.filter(pk=page_id).update(file_id=document_id)


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0002_attachments"),
    ]

    operations = [
        migrations.RunPython(file_to_attachments, attachments_to_file),
    ]
