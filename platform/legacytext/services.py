"""Converting legacy-encoded Vietnamese (core.legacy_text) in pages, snippets and documents.

Every save path is covered by a ``pre_save`` receiver (signals.py): a page or snippet
row, and a page revision's content (a live page's edits go to a revision only). What
was converted is left on the instance as ``_legacy_converted`` (field → encodings and
the original text) for the admin hooks to tell the editor and record for undoing.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Revision

from core.legacy_text import (
    DECODERS,
    ENCODING_LABELS,
    TCVN3,
    VNI,
    convert,
    is_unicode_vietnamese,
)
from legacytext.models import LegacyTextConversion

#: fields never converted: identifiers and paths
SKIPPED_FIELDS = frozenset(
    {"slug", "url_path", "path", "translation_key", "locale", "file", "file_hash"}
    | {"focal_point_key"}
)
PLAIN, HTML, STREAM = "plain", "html", "stream"


def field_kind(field) -> str | None:
    """How ``field``'s text is converted, or None when it is not text to convert."""
    if field.name in SKIPPED_FIELDS or getattr(field, "choices", None):
        return None
    if isinstance(field, StreamField):
        return STREAM
    if isinstance(field, RichTextField):
        return HTML
    if isinstance(field, models.CharField | models.TextField) and not isinstance(
        field, models.SlugField | models.URLField | models.EmailField
    ):
        return PLAIN
    return None


def text_fields(model) -> dict[str, str]:
    """The fields of ``model`` converted, with their kind."""
    return {
        field.attname: kind
        for field in model._meta.concrete_fields
        if (kind := field_kind(field)) is not None
    }


def _convert_data(data, found: set[str]):
    """StreamField raw data with each string converted (HTML where it looks like HTML)."""
    if isinstance(data, str):
        result = convert(data, is_html="<" in data and ">" in data)
        found.update(result.encodings)
        return result.text
    if isinstance(data, list):
        return [_convert_data(item, found) for item in data]
    if isinstance(data, dict):
        return {
            key: value if key in ("type", "id") else _convert_data(value, found)
            for key, value in data.items()
        }
    return data


def convert_value(kind: str, value) -> tuple[Any, set[str]]:
    """``value`` of a field of ``kind`` converted, and the encodings found."""
    found: set[str] = set()
    if kind == STREAM:
        return _convert_data(value, found), found
    result = convert(value, is_html=kind == HTML)
    return result.text, set(result.encodings)


def convert_instance(instance) -> dict[str, dict]:
    """Convert ``instance``'s text fields in place; field → {encodings, original}."""
    changed: dict[str, dict] = {}
    for name, kind in text_fields(type(instance)).items():
        value = getattr(instance, name)
        if kind == STREAM:
            field = instance._meta.get_field(name)
            value = field.stream_block.get_prep_value(value)
        elif not isinstance(value, str) or not value:
            continue
        new, found = convert_value(kind, value)
        if found:
            setattr(instance, name, new)
            changed[name] = {"encodings": sorted(found), "original": value}
    return changed


def convert_revision_content(revision: Revision) -> dict[str, dict]:
    """Convert the text of a page revision's content in place (the content is JSON)."""
    model = revision.content_type.model_class() if revision.content_type_id else None
    if model is None or not isinstance(revision.content, dict):
        return {}
    changed: dict[str, dict] = {}
    for name, kind in text_fields(model).items():
        value = revision.content.get(name)
        if not isinstance(value, str) or not value:
            continue
        if kind == STREAM:
            try:
                data = json.loads(value)
            except ValueError:
                continue
            new_data, found = convert_value(STREAM, data)
            new = json.dumps(new_data, ensure_ascii=False) if found else value
        else:
            new, found = convert_value(kind, value)
        if found:
            revision.content[name] = new
            changed[name] = {
                "encodings": sorted(found),
                "original": json.loads(value) if kind == STREAM else value,
            }
    return changed


# What was converted during this request, by object id, for the admin hooks: Wagtail's
# publish action reloads the page before ``after_edit_page``, so what the save left on
# the instance is gone by then. Emptied when a page's create or edit view starts.
_pending = threading.local()


def remember(object_id, changed: dict[str, dict]) -> None:
    if object_id is not None and changed:
        items = _pending.__dict__.setdefault("items", {})
        items[str(object_id)] = {**items.get(str(object_id), {}), **changed}


def take(object_id) -> dict[str, dict]:
    """What was converted in the object ``object_id`` during this request (once)."""
    return _pending.__dict__.setdefault("items", {}).pop(str(object_id), {})


def forget_all() -> None:
    _pending.__dict__["items"] = {}


def convert_form(form) -> dict[str, dict]:
    """Convert the legacy text of a model form's cleaned data, before the model checks it.

    For forms whose fields are validated in a way legacy text fails (a legal document's
    number "12/2025/Q§-UBND" is refused before a save could convert it). A short value
    detection cannot decide alone (a number, a name) is read in the encoding found in
    the form's other fields when that is TCVN3 or VNI (one byte or mark per letter;
    never VIQR, whose marks are ASCII punctuation). What changed is left on the instance
    (``_legacy_converted``) for the admin hooks' message and undo, as a save does.
    StreamFields are left to the save (``convert_on_save``).
    """
    instance = form.instance
    model = type(instance)
    if is_kept(model, instance.pk):
        return {}
    data = form.cleaned_data
    changed: dict[str, dict] = {}
    unsure = []
    for name, kind in text_fields(model).items():
        value = data.get(name)
        if kind == STREAM or not isinstance(value, str) or not value:
            continue
        new, found = convert_value(kind, value)
        if found:
            data[name] = new
            changed[name] = {"encodings": sorted(found), "original": value}
        elif kind == PLAIN and not value.isascii() and not is_unicode_vietnamese(value):
            unsure.append(name)
    found_here = {enc for item in changed.values() for enc in item["encodings"]}
    if len(found_here) == 1 and found_here <= {TCVN3, VNI}:
        encoding = next(iter(found_here))
        for name in unsure:
            value = data[name]
            new = DECODERS[encoding](value)
            if new != value:
                data[name] = new
                changed[name] = {"encodings": [encoding], "original": value}
    if changed:
        instance._legacy_converted = {**getattr(instance, "_legacy_converted", {}), **changed}
        remember(instance.pk, changed)
    return changed


def is_kept(model, object_id) -> bool:
    """Whether an editor chose to keep this object's text as written (undid a conversion)."""
    if object_id is None:
        return False
    kept = LegacyTextConversion.objects.filter(object_id=str(object_id), kept=True)
    if issubclass(model, Page):  # a page is saved as Page or as its own type
        return any(
            issubclass(ct.model_class() or object, Page)
            for ct in ContentType.objects.filter(id__in=kept.values("content_type_id").distinct())
        )
    return kept.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False)
    ).exists()


def record(instance, changed: dict[str, dict], user=None) -> LegacyTextConversion:
    """Record what was converted in ``instance`` (for the editor's message and undo)."""
    specific = instance.specific if isinstance(instance, Page) else instance
    return LegacyTextConversion.objects.create(
        content_type=ContentType.objects.get_for_model(specific, for_concrete_model=False),
        object_id=str(instance.pk),
        object_label=str(specific)[:255],
        fields=changed,
        user=user if user is not None and user.is_authenticated else None,
    )


def field_labels(model, names) -> list[str]:
    """The verbose names of ``names`` in ``model``, as the editor reads them."""
    labels = []
    for name in names:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except Exception:  # noqa: BLE001 - a field gone since: its name will do
            labels.append(name)
    return labels


def encodings_label(changed: dict[str, dict]) -> str:
    found = sorted({enc for item in changed.values() for enc in item["encodings"]})
    return ", ".join(ENCODING_LABELS[enc] for enc in found)


def undo(conversion: LegacyTextConversion, user) -> None:
    """Put back the original text of ``conversion``'s fields, keeping it from now on.

    A page gets a new draft revision (its history keeps the converted one); a snippet
    or document is saved again. The object is marked ``kept``, so the save does not
    convert it again.
    """
    model = conversion.content_type.model_class()
    assert model is not None, "the converted object's model is gone"
    with transaction.atomic():
        conversion.kept = True
        conversion.undone_by = user
        conversion.undone_at = timezone.now()
        conversion.save(update_fields=["kept", "undone_by", "undone_at"])
        obj = model._default_manager.get(pk=conversion.object_id)
        if isinstance(obj, Page):
            obj = obj.get_latest_revision_as_object()
        for name, item in conversion.fields.items():
            setattr(obj, name, item["original"])
        if isinstance(obj, Page):
            if not obj.live:  # as written: the model's checks may refuse legacy text
                obj.save(clean=False)
            obj.save_revision(user=user, log_action=True, clean=False)
        else:
            obj.save()


def _converted_models():
    from wagtail.documents import get_document_model
    from wagtail.snippets.models import get_snippet_models

    return [get_document_model(), *get_snippet_models()]


def convert_site(*, dry_run: bool = False, batch: int = 200) -> list[dict]:
    """Convert the legacy-encoded text already stored in the active site's schema.

    Pages (their row, which is the live version, and their latest revision) and the
    snippets and documents; objects an editor chose to keep as written are skipped.
    Idempotent (converted text is Unicode and never converted again), so a run that
    stops is simply run again; read in batches of ``batch`` rows. Returns one entry
    per object changed (or that would be, with ``dry_run``).
    """
    report: list[dict] = []
    pages = Page.objects.exclude(depth=1).order_by("pk")
    for page_id in pages.values_list("pk", flat=True).iterator(chunk_size=batch):
        page = Page.objects.get(pk=page_id).specific
        if is_kept(type(page), page.pk):
            continue
        changed = convert_instance(page)
        revision = page.latest_revision
        in_revision = convert_revision_content(revision) if revision else {}
        if not changed and not in_revision:
            continue
        fields = {**in_revision, **changed}
        report.append({"object": str(page), "model": type(page).__name__, "fields": fields})
        if dry_run:
            continue
        with transaction.atomic():
            if changed:
                page.save(update_fields=list(changed))
            if in_revision:
                revision.save(update_fields=["content"])
            record(page, fields)
    for model in _converted_models():
        for obj in model._default_manager.order_by("pk").iterator(chunk_size=batch):
            if is_kept(model, obj.pk):
                continue
            changed = convert_instance(obj)
            if not changed:
                continue
            report.append({"object": str(obj), "model": model.__name__, "fields": changed})
            if not dry_run:
                with transaction.atomic():
                    obj.save(update_fields=list(changed))
                    record(obj, changed)
    return report
