"""Purge a site's page cache when what visitors see changes.

Thin receivers, connected in CoreConfig.ready(); the purge itself happens after
the transaction commits (core.page_cache.purge_site).
"""

from django.db.models.signals import post_delete, post_save, pre_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.page_cache import purge_site
from core.text import normalise_on_save

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


def connect():
    pre_save.connect(normalise_on_save, dispatch_uid="nfc-on-save")
    page_published.connect(_purge, dispatch_uid="pagecache-published")
    page_unpublished.connect(_purge, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_purge, dispatch_uid="pagecache-moved")
    post_delete.connect(_purge_on_page_delete, dispatch_uid="pagecache-deleted")
    for model in SITE_WIDE_MODELS:
        post_save.connect(_purge, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(_purge, sender=model, dispatch_uid=f"pagecache-delete-{model}")
