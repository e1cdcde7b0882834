"""Factories for legal documents and their files."""

import datetime

import factory
import wagtail_factories

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection

from documents.models import DocumentIndexPage, DocumentType, LegalDocumentFile, LegalDocumentPage

# The smallest file each extension needs to look like itself.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def document_index() -> DocumentIndexPage:
    """The Vietnamese document index the provisioning service makes on every site."""
    return DocumentIndexPage.objects.get(locale__language_code="vi")


def make_file(name: str = "quyet-dinh.pdf", content: bytes = PDF, title: str = ""):
    """A document in the active site's library, with size and hash set as an upload does."""
    document = get_document_model()(
        title=title or name,
        file=ContentFile(content, name=name),
        collection=Collection.get_first_root_node(),
    )
    document._set_document_file_metadata()
    document.save()
    return document


class LegalDocumentPageFactory(wagtail_factories.PageFactory):
    """A live document; pass ``parent=`` (usually ``document_index()``)."""

    class Meta:
        model = LegalDocumentPage

    title = factory.Sequence(lambda n: f"Văn bản thử nghiệm {n}")
    number = factory.Sequence(lambda n: f"{n + 100}/2024/QĐ-UBND")
    doc_type = DocumentType.DECISION
    issuer = "Ủy ban nhân dân tỉnh"
    issued_on = datetime.date(2024, 6, 1)
    summary = factory.LazyAttribute(lambda page: page.title)


def attach(page: LegalDocumentPage, *documents, label: str = "") -> None:
    """Attach library documents to ``page`` after its current files, as rows saved directly."""
    start = LegalDocumentFile.objects.filter(page=page).count()
    for order, document in enumerate(documents, start=start):
        LegalDocumentFile.objects.create(
            page=page, document=document, sort_order=order, label=label
        )
