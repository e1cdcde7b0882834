"""The slow parts of syndication, done by the worker and swept up periodically.

Nothing here is needed for an offer to exist: the offer is written with the
publish. What a worker does is tell the parents' boards that a story they
republished was withdrawn at its source. ``alert_pending`` on the offer is the
to-do list: the task after commit clears it, and the periodic sweep
(``CELERY_BEAT_SCHEDULE``) finds what a stopped worker or Redis left behind, so
alerts catch up by themselves and are never sent twice.
"""

import logging

from celery import shared_task
from django_tenants.utils import get_public_schema_name, schema_context

from django.db import transaction
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def queue_alerts() -> None:
    """Ask the worker to send pending alerts now; if the broker cannot be reached the
    periodic sweep sends them later (the request that withdrew goes on)."""
    try:
        send_alerts.delay()
    except Exception:
        logger.warning(
            "Could not queue syndication alerts; the sweep will send them", exc_info=True
        )


@shared_task
def send_alerts() -> int:
    """E-mail each parent's board about its withdrawn sources; returns how many offers
    were handled. Safe to run twice at once (rows are claimed with SKIP LOCKED)."""
    from syndication.models import Offer

    handled = 0
    with schema_context(get_public_schema_name()):
        targets = list(
            Offer.objects.filter(alert_pending=True).values_list("target_id", flat=True).distinct()
        )
    for target_id in targets:
        try:
            handled += _alert_target(target_id)
        except Exception:
            logger.exception(
                "Could not alert the board of site %s; the next sweep retries", target_id
            )
    return handled


def _alert_target(target_id: int) -> int:
    from django.core.mail import EmailMessage, get_connection

    from syndication.models import Offer
    from tenants.models import Tenant
    from tenants.registry import primary_url

    with schema_context(get_public_schema_name()), transaction.atomic():
        target = Tenant.objects.filter(pk=target_id).first()
        offers = list(
            Offer.objects.select_for_update(skip_locked=True).filter(
                target_id=target_id, alert_pending=True
            )
        )
        if not offers or target is None:
            return 0
        with schema_context(target.schema_name):
            recipients = _board_emails()
        inbox = primary_url(target, "/admin/syndication/")
        lines = "\n".join(f"- {o.source_name}: “{o.title}” ({o.url})" for o in offers)
        body = _(
            "Kính gửi Ban Biên tập %(site)s,\n\n"
            "Trang nguồn đã gỡ các tin sau, mà trang của anh/chị đã nhận đăng lại. "
            "Bản đăng lại trên trang của anh/chị vẫn giữ nguyên; Ban Biên tập xem xét "
            "và quyết định có gỡ hay không:\n\n%(lines)s\n\nXem tại: %(inbox)s\n"
        ) % {"site": target.name, "lines": lines, "inbox": inbox}
        if recipients:
            subject = _("[%(site)s] Trang nguồn đã gỡ %(count)d tin đã đăng lại") % {
                "site": target.name,
                "count": len(offers),
            }
            message = EmailMessage(subject, body, to=recipients)
            get_connection().send_messages([message])
            logger.info(
                "Alerted %d members of %s about %d withdrawn stories",
                len(recipients),
                target.slug,
                len(offers),
            )
        else:
            # the admin's dashboard and the copies' edit pages still show it
            logger.warning(
                "Site %s has no board member to alert about %d withdrawn stories",
                target.slug,
                len(offers),
            )
        Offer.objects.filter(pk__in=[o.pk for o in offers]).update(alert_pending=False)
    return len(offers)


def _board_emails() -> list[str]:
    """The addresses of the active site's board a withdrawal alert goes to: whoever
    may lock pages of its news section, so can hold a republished copy while the
    board decides. The site's groups say who that is (``provisioning/board.yaml``
    gives page locking to the head, deputy head, secretary and site administrator);
    superusers are not members of a site's board."""
    from wagtail.models import Page
    from wagtail.permission_policies.pages import PagePermissionPolicy

    from syndication.services import news_index

    section = news_index() or Page.get_first_root_node()
    if section is None:
        return []
    users = PagePermissionPolicy().users_with_permission_for_instance(
        "lock", section, include_superusers=False
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))
