"""What happens to a visitor's question or feedback: received, followed, assigned,
answered (through the site's approval), declined, marked duplicate, erased.

Views, admin actions and tasks call these; e-mails go out after commit
(participation.tasks), never twice.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from participation import forwarding
from participation.models import ParticipationSettings, QAAnswerPage, State, Submission
from participation.models.submission import CLOSED_STATES
from workdays.calendar import add_working_days

logger = logging.getLogger(__name__)


def _queue(submission_id: int) -> None:
    """Queue the item's e-mails once the transaction commits, in this site's schema."""
    from django_tenants.utils import schema_context

    from participation.tasks import queue_notifications
    from tenants.db import connection

    schema = connection.schema_name

    def queue():
        with schema_context(schema):
            queue_notifications(submission_id)

    transaction.on_commit(queue)


@transaction.atomic
def receive(page, data: dict) -> Submission:
    """Store what the visitor sent (already cleaned by QuestionForm) with its due date."""
    now = timezone.now()
    days = ParticipationSettings.load().due_working_days
    submission = Submission(
        page=page,
        kind=data.get("kind") or "question",
        name=data["name"],
        email=data.get("email", ""),
        phone=_digits(data.get("phone", "")),
        address=data.get("address", ""),
        consent_at=now,
        field=data.get("field", ""),
        title=data["title"],
        body=data["body"],
        created_at=now,
        due_at=add_working_days(now, days),
    )
    if data.get("attachment"):
        submission.attachment = data["attachment"]
    for _attempt in range(5):  # a code collision is astronomically rare; retry anyway
        try:
            with transaction.atomic():
                submission.save()
            break
        except Exception:  # noqa: BLE001
            from participation.models.submission import new_code

            submission.code = new_code()
    _queue(submission.pk)
    return submission


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def lookup(code: str, contact: str) -> Submission | None:
    """The submission with tracking ``code`` whose e-mail or phone is ``contact``."""
    submission = Submission.objects.filter(code=code.strip().upper()).first()
    if submission is None or submission.erased_at:
        return None
    contact = contact.strip()
    if submission.email and contact.lower() == submission.email.lower():
        return submission
    if submission.phone and _digits(contact) and _digits(contact) == _digits(submission.phone):
        return submission
    return None


@transaction.atomic
def assign(submission: Submission, *, user=None, unit: str = "") -> Submission:
    submission.assignee = user
    submission.unit = unit
    if submission.state == State.RECEIVED:
        submission.state = State.ASSIGNED
    submission.save(update_fields=["assignee", "unit", "state"])
    forwarding.sync(submission)
    _queue(submission.pk)
    return submission


@transaction.atomic
def write_answer(submission: Submission, *, answer: str, answering_body: str, user=None):
    """Save the answer and its draft page under the Q&A page; the page is published
    through the site's approval (see QAAnswerPage). Returns the draft page."""
    today = timezone.localdate()
    page = submission.answer_page
    values = {
        "title": submission.title,
        "field": submission.field,
        "question": submission.body,
        "asked_on": timezone.localdate(submission.created_at),
        "answer": answer,
        "answering_body": answering_body,
        "answered_on": today,
    }
    if page is None:
        page = QAAnswerPage(live=False, **values)
        assert submission.page is not None  # ProcessForm checks it
        submission.page.add_child(instance=page)
    else:
        for key, value in values.items():
            setattr(page, key, value)
    page.save_revision(user=user)
    submission.answer = answer
    submission.answering_body = answering_body
    submission.answered_at = timezone.now()
    submission.answer_page = page
    submission.state = State.ANSWERED
    submission.save(
        update_fields=["answer", "answering_body", "answered_at", "answer_page", "state"]
    )
    forwarding.sync(submission)
    return page


def answer_published(page: QAAnswerPage) -> None:
    """The site's approver published an answer: the asker is told (after commit)."""
    now = timezone.now()
    for submission in Submission.objects.filter(answer_page=page).exclude(state=State.PUBLISHED):
        submission.state = State.PUBLISHED
        submission.closed_at = submission.closed_at or now
        submission.save(update_fields=["state", "closed_at"])
        forwarding.sync(submission)
        _queue(submission.pk)


@transaction.atomic
def decline(submission: Submission, reason: str) -> Submission:
    submission.state = State.DECLINED
    submission.decline_reason = reason
    submission.closed_at = timezone.now()
    submission.save(update_fields=["state", "decline_reason", "closed_at"])
    forwarding.sync(submission)
    _queue(submission.pk)
    return submission


@transaction.atomic
def mark_duplicate(submission: Submission, original: Submission) -> Submission:
    submission.state = State.DUPLICATE
    submission.duplicate_of = original
    submission.closed_at = timezone.now()
    submission.save(update_fields=["state", "duplicate_of", "closed_at"])
    forwarding.sync(submission)
    _queue(submission.pk)
    return submission


def erase(submission: Submission) -> None:
    """Remove the asker's personal data (the question's text stays)."""
    if submission.attachment:
        submission.attachment.delete(save=False)
    submission.name = ""
    submission.email = ""
    submission.phone = ""
    submission.address = ""
    submission.attachment = ""
    submission.erased_at = timezone.now()
    submission.save(update_fields=["name", "email", "phone", "address", "attachment", "erased_at"])
    if submission.forward_id and not submission.forwarded_from:
        # forwarded out, not yet imported: the row still holds the contact details
        from forwarding.models import Forward

        Forward.objects.filter(pk=submission.forward_id, origin=forwarding.current_tenant()).update(
            name="", email="", phone="", address=""
        )


def erase_expired(now: datetime.datetime | None = None) -> int:
    """Erase the contact details of items closed more than the retention period ago."""
    now = now or timezone.now()
    days = ParticipationSettings.load().retention_days
    expired = Submission.objects.filter(
        state__in=CLOSED_STATES,
        erased_at__isnull=True,
        closed_at__lt=now - datetime.timedelta(days=days),
    )
    count = 0
    for submission in expired.select_for_update(skip_locked=True).iterator():
        erase(submission)
        count += 1
    return count


def person_items(contact: str):
    """Every item of one person, found by e-mail or phone (administrators' export/erase)."""
    contact = contact.strip()
    if "@" in contact:
        return Submission.objects.filter(email__iexact=contact)
    digits = _digits(contact)
    return Submission.objects.filter(phone=digits) if digits else Submission.objects.none()
