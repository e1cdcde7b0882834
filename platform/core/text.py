"""Text as stored: NFC Unicode (TCVN 6909:2001), whatever the editor pasted.

Editors paste decomposed Unicode (``e`` + combining marks, from some input
methods and word processors); search, sorting and comparison need one form.
A ``pre_save`` receiver (core.signals) normalises every character and text
field, rich text included, and the JSON of StreamFields, of the platform's own
models and Wagtail's pages, images and documents, so no save path can store
decomposed text.
"""

import unicodedata

from django.conf import settings
from django.db import models

from wagtail.fields import StreamField

#: apps whose models are normalised (besides Page subclasses, which all are): the
#: platform's own apps in each site's schema (the packages of ``platform/`` listed in
#: TENANT_APPS, so a new content app is covered without being named here), the site
#: registry, and Wagtail's pages, images, documents and tags
NORMALISED_APPS = frozenset(
    {app for app in settings.TENANT_APPS if (settings.PLATFORM_DIR / app).is_dir()}
    | {"tenants", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit"}
)


def nfc(value) -> str:
    """``value`` as text in NFC (composed, TCVN 6909:2001); ``""`` for None.

    Does not strip: ``nfc(value).strip()`` where surrounding spaces are noise.
    """
    if value is None:
        return ""
    return unicodedata.normalize("NFC", value if isinstance(value, str) else str(value))


def _nfc_data(data):
    """``data`` (JSON-like) with every string in NFC, and whether anything changed."""
    if isinstance(data, str):
        fixed = nfc(data)
        return fixed, fixed != data
    if isinstance(data, list):
        in_list = [_nfc_data(item) for item in data]
        return [item for item, _ in in_list], any(changed for _, changed in in_list)
    if isinstance(data, dict):
        in_dict = {key: _nfc_data(value) for key, value in data.items()}
        return {k: value for k, (value, _) in in_dict.items()}, any(c for _, c in in_dict.values())
    return data, False


def normalise_instance(instance) -> None:
    """Put every text field of ``instance`` in NFC (StreamFields through their raw data)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            value = getattr(instance, field.attname)
            data, changed = _nfc_data(field.stream_block.get_prep_value(value))
            if changed:
                setattr(instance, field.attname, data)
        elif isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                setattr(instance, field.attname, nfc(value))


def normalise_on_save(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.app_label not in NORMALISED_APPS:
        return
    normalise_instance(instance)


def strip_text_fields(instance) -> None:
    """Put every character field of ``instance`` in NFC and strip its ends."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value).strip())


class StrippedTextMixin:
    """Strips the ends of every text field in ``clean()``, which Wagtail's and
    Django's forms call (NFC is done for every save by ``normalise_on_save``)."""

    def clean(self):
        strip_text_fields(self)
        super().clean()  # type: ignore[misc]  # the model's clean(), after this mixin
