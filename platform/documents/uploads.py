"""The upload form of every site's document library (``WAGTAILDOCS_DOCUMENT_FORM_BASE``).

A file is accepted when its extension is one of ``WAGTAILDOCS_EXTENSIONS`` (archives,
``ARCHIVE_EXTENSIONS``, only when the site's upload policy allows them), its
size is at most ``DOCUMENTS_MAX_UPLOAD_SIZE`` (checked from the upload's size,
before anything is read) and its content is a file of that type
(``documents.validators.validate_upload_content``). Used by the single and the
multiple upload views and the edit view (a replaced file is checked again).
"""

import os

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm

from documents.validators import validate_file_size, validate_upload_content


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        from django.core.exceptions import ValidationError

        file = self.cleaned_data.get("file")
        # unchanged on edit: the stored file, already checked
        if not file or file is self.original_file or not hasattr(file, "content_type"):
            return file
        validate_file_size(file, settings.DOCUMENTS_MAX_UPLOAD_SIZE)
        extension = os.path.splitext(file.name)[1].lower().lstrip(".")
        allowed = allowed_extensions()
        if extension not in allowed:
            raise ValidationError(
                _("Định dạng “%(extension)s” không được phép; chỉ nhận %(allowed)s."),
                code="invalid_extension",
                params={
                    "extension": extension or "?",
                    "allowed": ", ".join(ext.upper() for ext in allowed),
                },
            )
        validate_upload_content(file, extension)
        return file


def allowed_extensions() -> list[str]:
    """The extensions the active site's library accepts: ``WAGTAILDOCS_EXTENSIONS``,
    less the archives unless the site administrator allowed them."""
    from accounts.models import UploadPolicy

    extensions = settings.WAGTAILDOCS_EXTENSIONS
    if UploadPolicy.load().allow_archives:
        return list(extensions)
    return [ext for ext in extensions if ext not in settings.ARCHIVE_EXTENSIONS]
