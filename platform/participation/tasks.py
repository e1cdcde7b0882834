"""E-mails about visitors' items, sent by the worker after commit and swept up
periodically (the syndication alerts' pattern: flags on the row are the to-do list,
rows are claimed with SKIP LOCKED, so an e-mail is never sent twice).

Events: a new item (the site's secretary), an assignment (the assigned member), the
acknowledgement with the tracking code (the asker), and the asker's outcome
(answer published, declined, duplicate, forwarded).
"""

import logging

from celery import shared_task

from django.db import transaction
from django.utils.translation import gettext as _

from core.periodic import fan_out

logger = logging.getLogger(__name__)

#: states the asker is told about
TOLD_STATES = ("published", "declined", "duplicate", "forwarded", "closed")


def queue_notifications(submission_id: int) -> None:
    """Ask the worker to send what is pending for one item; if the broker is down the
    periodic sweep sends it later (the visitor's request goes on)."""
    try:
        send_notifications.delay(submission_id)
    except Exception:
        logger.warning("Could not queue participation e-mails; the sweep sends them", exc_info=True)


def _pending(submission) -> list[tuple[str, list[str], str, str]]:
    """(flag, recipients, subject, body) of every e-mail still owed for ``submission``."""
    from participation.models import ParticipationSettings

    owed = []
    if not submission.board_notified:
        secretary = ParticipationSettings.load().secretary_email
        owed.append(
            (
                "board",
                [secretary] if secretary else [],
                _("Câu hỏi, phản ánh mới: %(code)s") % {"code": submission.code},
                _("Có câu hỏi, phản ánh mới “%(title)s” (mã %(code)s), hạn trả lời %(due)s.")
                % {
                    "title": submission.title,
                    "code": submission.code,
                    "due": _date(submission.due_at),
                },
            )
        )
    if submission.assignee_id and submission.assignee_told_id != submission.assignee_id:
        owed.append(
            (
                "assignee",
                [submission.assignee.email] if submission.assignee.email else [],
                _("Được giao xử lý: %(code)s") % {"code": submission.code},
                _("Bạn được giao xử lý “%(title)s” (mã %(code)s), hạn trả lời %(due)s.")
                % {
                    "title": submission.title,
                    "code": submission.code,
                    "due": _date(submission.due_at),
                },
            )
        )
    asker = [submission.email] if submission.email and not submission.erased_at else []
    if not submission.acknowledged:
        owed.append(
            (
                "ack",
                asker,
                _("Đã nhận câu hỏi của bạn – mã tra cứu %(code)s") % {"code": submission.code},
                _(
                    "Chúng tôi đã nhận “%(title)s”. Mã tra cứu: %(code)s. Dùng mã này cùng thư "
                    "điện tử hoặc số điện thoại đã gửi để theo dõi trên trang Hỏi – đáp."
                )
                % {"title": submission.title, "code": submission.code},
            )
        )
    if submission.state in TOLD_STATES and submission.asker_told_state != submission.state:
        body = _("Câu hỏi “%(title)s” (mã %(code)s): %(state)s.") % {
            "title": submission.title,
            "code": submission.code,
            "state": submission.get_state_display(),
        }
        if submission.state == "published":
            body += "\n\n" + submission.answer
        if submission.state == "forwarded":
            body += "\n\n" + _(
                "Câu hỏi đã được chuyển đến %(site)s, nơi có thẩm quyền trả lời. Mã tra cứu "
                "vẫn dùng được trên trang Hỏi – đáp của nơi nhận và của trang này."
            ) % {"site": submission.forwarded_to}
        if submission.state == "declined":
            body += "\n\n" + _("Lý do: %(reason)s") % {"reason": submission.decline_reason}
        owed.append(
            ("outcome", asker, _("Kết quả câu hỏi %(code)s") % {"code": submission.code}, body)
        )
    return owed


def _date(value) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%d/%m/%Y") if value else "—"


@shared_task
def send_notifications(submission_id: int) -> int:
    """Send every e-mail owed for one item of the active site; returns how many were sent."""
    from django.conf import settings
    from django.core.mail import send_mail

    from participation.models import Submission

    sent = 0
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("assignee")
            .filter(pk=submission_id)
            .first()
        )
        if submission is None:
            return 0
        for flag, recipients, subject, body in _pending(submission):
            if recipients:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
                sent += 1
            if flag == "board":
                submission.board_notified = True
            elif flag == "assignee":
                submission.assignee_told_id = submission.assignee_id
            elif flag == "ack":
                submission.acknowledged = True
            else:
                submission.asker_told_state = submission.state
        submission.save(
            update_fields=["board_notified", "assignee_told_id", "acknowledged", "asker_told_state"]
        )
    return sent


@shared_task
def sweep_site() -> int:
    """Per site: bring in forwarded questions; send what a stopped worker or Redis left
    unsent; erase expired data."""
    from django.db.models import F, Q

    from participation import forwarding, services
    from participation.models import Submission

    forwarding.import_forwarded()  # questions other sites forwarded here
    owed = Submission.objects.filter(
        Q(board_notified=False)
        | Q(acknowledged=False)
        | (Q(assignee__isnull=False) & ~Q(assignee_told_id=F("assignee_id")))
        | (Q(assignee__isnull=False) & Q(assignee_told_id__isnull=True))
        | (Q(state__in=TOLD_STATES) & ~Q(asker_told_state=F("state")))
    ).values_list("pk", flat=True)[:500]
    count = 0
    for pk in list(owed):
        try:
            count += send_notifications(pk)
        except Exception:
            logger.exception("Could not send the e-mails of item %s; the next sweep retries", pk)
    with transaction.atomic():
        services.erase_expired()
    return count


@shared_task
def sweep() -> None:
    """The dispatcher (CELERY_BEAT_SCHEDULE): ``sweep_site`` in every active site."""
    fan_out(sweep_site)
