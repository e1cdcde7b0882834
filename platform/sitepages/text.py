"""Text as stored: NFC, the composed form of Vietnamese letters.

Editors paste from word processors and type with input methods that may produce
decomposed letters (``e`` + combining marks); search and sorting need one form.
"""

import unicodedata

from django.db import models


def normalise_text_fields(instance) -> None:
    """Put every character field of ``instance`` in NFC and strip its ends."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, unicodedata.normalize("NFC", value).strip())


class NormalisedTextMixin:
    """Normalises the text fields in ``clean()``, which Wagtail's and Django's forms call."""

    def clean(self):
        normalise_text_fields(self)
        super().clean()
