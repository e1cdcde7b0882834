"""Keep each page's DeadlineItem in line: when the page is saved (created, published)
and when a revision of it is saved (a draft's values live in its revision)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.models import Revision
from wagtail.signals import page_published, page_unpublished

from deadlines.services import KIND_FIELD, START_FIELD, track


def _tracked(instance) -> bool:
    return hasattr(instance, KIND_FIELD)


#: a save touching none of these leaves the item as it is
RELEVANT = {KIND_FIELD, START_FIELD, "first_published_at", "last_published_at", "live"}


@receiver(post_save)
def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _tracked(instance):
        return
    if update_fields and not RELEVANT & set(update_fields):
        return
    track(instance)


@receiver(post_save, sender=Revision)
def revision_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is None or not hasattr(model, KIND_FIELD):
        return
    track(instance.as_object())


@receiver(page_published)
@receiver(page_unpublished)
def page_state_changed(sender, instance, **kwargs):
    if _tracked(instance):
        track(instance)
