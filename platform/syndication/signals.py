"""The exchange follows the articles' lives: publish offers, unpublish and delete
withdraw (at the source); publishing an accepted copy records it (at the parent);
deleting a site closes the offers it made.
Each handler runs inside the action's transaction (core.patches.atomic_publish),
so a publish and its offer are committed together or not at all."""

from django.db.models.signals import pre_delete

from wagtail.signals import page_published, page_unpublished


def _published(sender, instance, **kwargs):
    from syndication import services

    services.offer(instance)
    services.record_republication(instance)


def _unpublished(sender, instance, **kwargs):
    from syndication import services

    services.withdraw(instance)
    services.forget_republication(instance)


def _deleted(sender, instance, **kwargs):
    from syndication import services

    if instance.live:
        services.withdraw(instance)


def _site_deleted(sender, instance, **kwargs):
    from syndication import services

    services.close_offers_of(instance)


def connect():
    from news.models import NewsArticlePage
    from tenants.models import Tenant

    page_published.connect(_published, sender=NewsArticlePage, dispatch_uid="syndication_offer")
    page_unpublished.connect(
        _unpublished, sender=NewsArticlePage, dispatch_uid="syndication_withdraw"
    )
    pre_delete.connect(_deleted, sender=NewsArticlePage, dispatch_uid="syndication_deleted")
    # a deleted source site (tenants.lifecycle.delete_site) closes its offers
    pre_delete.connect(_site_deleted, sender=Tenant, dispatch_uid="syndication_site_deleted")
