"""A publish on any site updates its figures in ``public`` (operations.fleet)."""

import logging

from wagtail.signals import page_published

logger = logging.getLogger(__name__)


def _published(sender, instance, **kwargs):
    from operations import fleet

    try:
        fleet.record_publication()
    except Exception:  # the rollup recounts; a publish never fails for a figure
        logger.exception("Không cập nhật được số liệu trang khi đăng bài")


def connect():
    page_published.connect(_published, dispatch_uid="operations_fleet_publication")
