"""Purge a site's page cache when what visitors see changes.

Thin receivers, connected in CoreConfig.ready(); the purge itself happens after
the transaction commits (core.page_cache.purge_site).
"""

import logging

from django.db.models.signals import post_delete, post_save, pre_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.page_cache import purge_site
from core.text import normalise_on_save

logger = logging.getLogger(__name__)

#: models shown on every page (header, footer, menus, category lists)
SITE_WIDE_MODELS = (
    "branding.SiteBranding",
    "news.NewsCategory",
    "wagtailredirects.Redirect",
    "wagtailcore.PageViewRestriction",
    "accounts.NetworkAccess",
)


def _purge(sender, **kwargs):
    purge_site()


def _purge_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_site()


def _sync_images_after_commit(find_ids) -> None:
    """After the commit, in this site's schema, ask the worker to move the images whose
    privacy may have changed (``core.private_images``); ``find_ids`` runs then too."""
    from django.db import transaction

    from core.tasks import sync_image_privacy
    from tenants.db import connection

    schema = connection.schema_name

    def send():
        from django_tenants.utils import schema_context

        with schema_context(schema):
            ids = list(find_ids())
            if ids:
                try:
                    sync_image_privacy.delay(ids)
                except Exception:
                    logger.exception("Could not queue the privacy check of images %s", ids)

    transaction.on_commit(send)


def _image_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _sync_images_after_commit(lambda: [instance.pk])


def _page_restriction_changed(sender, instance, **kwargs):
    from core.private_images import images_used_below

    page = instance.page
    _sync_images_after_commit(lambda: images_used_below(page))


def _page_published(sender, instance, **kwargs):
    from core.private_images import images_used_below

    _sync_images_after_commit(lambda: images_used_below(instance))


def _collection_restriction_changed(sender, instance, **kwargs):
    from wagtail.images import get_image_model

    collection = instance.collection
    _sync_images_after_commit(
        lambda: (
            get_image_model()
            .objects.filter(collection__path__startswith=collection.path)
            .values_list("pk", flat=True)
        )
    )


def connect():
    pre_save.connect(normalise_on_save, dispatch_uid="nfc-on-save")
    page_published.connect(_purge, dispatch_uid="pagecache-published")
    page_unpublished.connect(_purge, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_purge, dispatch_uid="pagecache-moved")
    post_delete.connect(_purge_on_page_delete, dispatch_uid="pagecache-deleted")
    for model in SITE_WIDE_MODELS:
        post_save.connect(_purge, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(_purge, sender=model, dispatch_uid=f"pagecache-delete-{model}")
    # private images (core.private_images): their files move when their privacy changes
    post_save.connect(_image_saved, sender="wagtailimages.Image", dispatch_uid="image-privacy")
    page_published.connect(_page_published, dispatch_uid="image-privacy-published")
    for model in ("wagtailcore.PageViewRestriction",):
        post_save.connect(_page_restriction_changed, sender=model, dispatch_uid="img-pvr-save")
        post_delete.connect(_page_restriction_changed, sender=model, dispatch_uid="img-pvr-del")
    for model in ("wagtailcore.CollectionViewRestriction",):
        post_save.connect(
            _collection_restriction_changed, sender=model, dispatch_uid="img-cvr-save"
        )
        post_delete.connect(
            _collection_restriction_changed, sender=model, dispatch_uid="img-cvr-del"
        )
