"""Factories for legal documents and the files of the site's document library, made in
the active site's schema (call inside ``in_site``)."""

import datetime

import factory
import wagtail_factories

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection

from documents.models import DocumentIndexPage, DocumentType, LegalDocumentFile, LegalDocumentPage
from tests.factories import PageFactory

# The smallest file each extension needs to look like itself.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def document_index() -> DocumentIndexPage:
    """The Vietnamese document index the provisioning service makes on every site."""
    return DocumentIndexPage.objects.get(locale__language_code="vi")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A file of the site's document library named ``filename`` holding ``content``,
    with its size and hash set as an upload sets them."""

    class Meta:
        model = get_document_model()

    class Params:
        filename = "quyet-dinh.pdf"
        content = PDF

    title = factory.LazyAttribute(lambda document: document.filename)
    # wagtail-factories would add a second root collection.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(lambda document: ContentFile(document.content, document.filename))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(**kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class LegalDocumentPageFactory(PageFactory):
    """A published document under the site's document index (``parent=`` another)."""

    class Meta:
        model = LegalDocumentPage

    parent = factory.LazyFunction(document_index)
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
