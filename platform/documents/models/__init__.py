"""The document database: an index page with filters, and one page per legal document."""

from documents.choices import DocumentStatus, DocumentType

from .index import DocumentIndexPage
from .legal_document import LegalDocumentFile, LegalDocumentPage

__all__ = [
    "DocumentIndexPage",
    "DocumentStatus",
    "DocumentType",
    "LegalDocumentFile",
    "LegalDocumentPage",
]
