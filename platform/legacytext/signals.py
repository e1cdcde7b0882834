"""Legacy-encoded text converted on every save (thin receivers; the work is in services)."""

import logging

from django.db.models.signals import pre_save

from wagtail.models import Page, Revision

from legacytext import services

logger = logging.getLogger(__name__)


def _converted_model(instance) -> bool:
    from wagtail.documents.models import AbstractDocument
    from wagtail.snippets.models import get_snippet_models

    return isinstance(instance, Page | AbstractDocument) or type(instance) in get_snippet_models()


def convert_on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if isinstance(instance, Revision):
        if not instance.content_type_id or instance.base_content_type_id is None:
            return
        model = instance.content_type.model_class()
        if model is None or not issubclass(model, Page):
            return
        changed = services.convert_revision_content(instance)
        if changed and services.is_kept(model, instance.object_id):
            return _restore_revision(instance, changed)
        if changed:
            instance._legacy_converted = changed
            services.remember(instance.object_id, changed)
        return
    if not _converted_model(instance):
        return
    originals = {}
    changed = services.convert_instance(instance)
    if not changed:
        return
    if services.is_kept(type(instance), instance.pk):
        for name, item in changed.items():
            originals[name] = item["original"]
        for name, value in originals.items():
            setattr(instance, name, value)
        return
    instance._legacy_converted = {**getattr(instance, "_legacy_converted", {}), **changed}
    if isinstance(instance, Page):
        services.remember(instance.pk, changed)


def _restore_revision(revision, changed):
    import json

    for name, item in changed.items():
        original = item["original"]
        revision.content[name] = (
            json.dumps(original, ensure_ascii=False) if not isinstance(original, str) else original
        )


def connect():
    pre_save.connect(convert_on_save, dispatch_uid="legacytext_convert_on_save")
