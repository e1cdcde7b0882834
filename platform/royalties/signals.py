"""An accepted syndicated story, once published, credits its original author."""

import logging

from wagtail.signals import page_published

logger = logging.getLogger(__name__)


def credit_on_publish(sender, instance, **kwargs):
    from news.models import NewsArticlePage
    from royalties.services import credit_syndicated_story

    if not isinstance(instance, NewsArticlePage):
        return
    try:
        credit_syndicated_story(instance)
    except Exception:  # a royalty record never stops a publish; logged to be fixed
        logger.exception("Could not credit the original author of page %s", instance.pk)


def connect():
    page_published.connect(credit_on_publish, dispatch_uid="royalties_credit_on_publish")
