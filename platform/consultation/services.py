"""What happens to a comment and to a draft at its deadline (views and tasks call these)."""

import functools
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from consultation.models import ClosureNotice, CommentStatus, DraftComment, DraftConsultationPage

logger = logging.getLogger(__name__)

#: the board role told that a draft's comments are ready to summarise (provisioning/board.yaml)
SECRETARY_GROUP = "Thư ký Ban Biên tập"


class DraftNotOpen(Exception):
    """The draft is not taking comments now (not yet open, or closed)."""


def submit_comment(page: DraftConsultationPage, data: dict, now=None) -> DraftComment:
    """Store a visitor's comment (pending: nobody sees it before the board decides).
    Refused with ``DraftNotOpen`` outside the period, checked at the instant of saving."""
    now = now or timezone.now()
    with transaction.atomic():
        # lock the draft's row: an editor moving the deadline does not race this
        page = DraftConsultationPage.objects.select_for_update().get(pk=page.pk)
        if not page.is_open(now):
            raise DraftNotOpen(page.state(now))
        return DraftComment.objects.create(
            page=page,
            name=data["name"],
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            organisation=data.get("organisation", ""),
            article=data.get("article", "") or "",
            text=data["text"],
            consented_at=now,
            created_at=now,
        )


def set_status(comment: DraftComment, status: str) -> None:
    """Publish or hide a comment (the page shows published ones once the draft closes)."""
    if status not in CommentStatus.values:
        raise ValueError(status)
    comment.status = status
    comment.save(update_fields=["status"])


def secretary_emails() -> list[str]:
    """The active site's secretaries, or else whoever may publish its pages."""
    from django.contrib.auth import get_user_model

    from wagtail.models import Page
    from wagtail.permission_policies.pages import PagePermissionPolicy

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    emails = list(users.filter(groups__name=SECRETARY_GROUP).values_list("email", flat=True))
    if not emails:
        root = Page.get_first_root_node()
        if root is not None:
            emails = list(
                PagePermissionPolicy()
                .users_with_permission_for_instance("publish", root, include_superusers=False)
                .filter(is_active=True)
                .exclude(email="")
                .values_list("email", flat=True)
            )
    return sorted(set(emails))


def close_due_drafts(now=None) -> list[int]:
    """For each live draft whose deadline has passed and whose close was not yet
    announced: purge the site's page cache and tell the secretary, once (a
    ``ClosureNotice`` per draft and deadline; safe to run twice at once)."""
    from django.core.mail import send_mail

    from core.page_cache import purge_site
    from tenants.db import connection
    from tenants.models import Tenant
    from tenants.registry import primary_url

    now = now or timezone.now()
    announced = ClosureNotice.objects.filter(page=OuterRef("pk"), closes_at=OuterRef("closes_at"))
    due = list(
        DraftConsultationPage.objects.live()
        .filter(closes_at__lte=now)
        .exclude(Exists(announced))
        .order_by("closes_at")[:500]
    )
    closed: list[int] = []
    for page in due:
        try:
            with transaction.atomic():
                ClosureNotice.objects.create(page=page, closes_at=page.closes_at, notified_at=now)
                purge_site()
                count = DraftComment.objects.filter(page=page).count()
                recipients = secretary_emails()
                if recipients:
                    try:
                        link = primary_url(
                            Tenant.objects.get(schema_name=connection.schema_name),
                            f"/admin/consultation/draftcomment/?page={page.pk}",
                        )
                    except (LookupError, Tenant.DoesNotExist):
                        link = f"/admin/consultation/draftcomment/?page={page.pk}"
                    subject = _("Dự thảo “%(title)s” đã hết hạn lấy ý kiến") % {"title": page.title}
                    body = _(
                        "Dự thảo “%(title)s” đã hết hạn lấy ý kiến lúc %(closes)s với "
                        "%(count)s ý kiến góp ý. Đề nghị tổng hợp, chọn ý kiến công khai và "
                        "đăng báo cáo tổng hợp, tiếp thu, giải trình:\n%(url)s"
                    ) % {
                        "title": page.title,
                        "closes": timezone.localtime(page.closes_at).strftime("%H:%M %d/%m/%Y"),
                        "count": count,
                        "url": link,
                    }
                    transaction.on_commit(
                        functools.partial(send_mail, subject, body, None, recipients)
                    )
            closed.append(page.pk)
        except IntegrityError:
            continue  # another run announced it first
    return closed


# --- Personal data (Nghị định 13/2023): retention and one person's erasure ----------------


def _phone_digits():
    """The comment's phone with everything but digits removed (SQL)."""
    from django.db.models import F, Func, TextField, Value

    return Func(
        F("phone"), Value(r"\D"), Value(""), Value("g"),
        function="regexp_replace", output_field=TextField(),
    )  # fmt: skip


def person_comments(contact: str):
    """The comments of one person still holding their details, found by e-mail or by
    phone (digits compared, as the questions' lookup does)."""
    contact = contact.strip()
    comments = DraftComment.objects.select_related("page")
    if "@" in contact:
        return comments.filter(email__iexact=contact)
    digits = "".join(ch for ch in contact if ch.isdigit())
    if not digits:
        return DraftComment.objects.none()
    return comments.annotate(phone_digits=_phone_digits()).filter(phone_digits=digits)


def erase_comment(comment: DraftComment) -> None:
    """Remove the commenter's personal data: name, e-mail and phone (the comment's text,
    the article and the organisation, not a person's data, stay; a published comment
    is then shown without a name)."""
    comment.name = ""
    comment.email = ""
    comment.phone = ""
    comment.save(update_fields=["name", "email", "phone"])


def erase_expired_comments(now=None) -> int:
    """Erase the details of the commenters on drafts closed more than the site's
    retention period ago (the questions' setting, ``ParticipationSettings``)."""
    import datetime

    from django.db.models import Q

    from participation.models import ParticipationSettings

    now = now or timezone.now()
    days = ParticipationSettings.load().retention_days
    expired = DraftComment.objects.filter(
        page__closes_at__lt=now - datetime.timedelta(days=days)
    ).exclude(Q(name="") & Q(email="") & Q(phone=""))
    count = 0
    with transaction.atomic():
        for comment in expired.select_for_update(skip_locked=True, of=("self",)).iterator():
            erase_comment(comment)
            count += 1
    return count
