"""The exchange follows the articles' lives: publish offers, unpublish and delete
withdraw (at the source); publishing an accepted copy records it (at the parent).
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


def connect():
    from news.models import NewsArticlePage

    page_published.connect(_published, sender=NewsArticlePage, dispatch_uid="syndication_offer")
    page_unpublished.connect(_unpublished, sender=NewsArticlePage,
                             dispatch_uid="syndication_withdraw")
    pre_delete.connect(_deleted, sender=NewsArticlePage, dispatch_uid="syndication_deleted")
