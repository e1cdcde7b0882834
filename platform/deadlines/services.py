"""Publishing deadlines: the due time of an item under the site's rules, the items
the site tracks, the secretary's reminder.

``due_at(kind, start, rules)`` is the arithmetic, on top of ``workdays.calendar``:

- ``working_hours``: ``add_working_hours(start, n)`` (8 working hours from the end
  of an event: Friday 16:00 → Monday 16:30);
- ``working_days``: ``add_working_days(start, n)``: 17:00 of the n-th working day
  after the day it runs from;
- ``calendar_days``: ``start + n × 24 h`` (planning: 15 days; a conference report:
  1 day after the event ends);
- ``same_day``: the end of ``start``'s calendar day (23:59, local time): an
  emergency goes out the day it arrives, working day or not.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deadlines.kinds import Kind, RunsFrom, Unit, defaults_for
from workdays.calendar import TIMEZONE, add_working_days, add_working_hours

SECRETARY_GROUP = "Thư ký Ban Biên tập"
#: a reminder goes out when less than this many working hours remain
REMIND_WORKING_HOURS = 8
#: the fields of a page that name its deadline (news articles and legal documents)
KIND_FIELD, START_FIELD = "deadline_kind", "deadline_starts_at"


def site_rules() -> dict[str, tuple[int, str, str]]:
    """The active site's rules, kind → (amount, unit, runs from); a kind without a
    row has its default."""
    from deadlines.models import DeadlineRule

    rules = defaults_for(None)
    rules.update(
        {
            kind: (amount, unit, runs)
            for kind, amount, unit, runs in DeadlineRule.objects.values_list(
                "kind", "amount", "unit", "runs_from"
            )
        }
    )
    return rules


def due_at(
    kind: str, start: datetime.datetime, rules: Mapping[str, tuple] | None = None
) -> datetime.datetime:
    """When content of ``kind`` whose deadline runs from ``start`` (aware) is due
    under ``rules`` (``site_rules()`` when not given); aware, Asia/Ho_Chi_Minh."""
    rules = site_rules() if rules is None else rules
    amount, unit = rules.get(kind, defaults_for(None)[Kind.OTHER])[:2]
    if amount < 0:
        raise ValueError("a deadline cannot be negative")
    if start.tzinfo is None:
        raise ValueError("the start of a deadline must be an aware datetime")
    if unit == Unit.WORKING_HOURS:
        return add_working_hours(start, amount)
    if unit == Unit.WORKING_DAYS:
        return add_working_days(start, amount)
    if unit == Unit.CALENDAR_DAYS:
        return (start + datetime.timedelta(days=amount)).astimezone(TIMEZONE)
    local = start.astimezone(TIMEZONE)
    return datetime.datetime.combine(local.date(), datetime.time(23, 59), tzinfo=TIMEZONE)


def format_local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment, TIMEZONE).strftime("%d/%m/%Y %H:%M")


def status(due: datetime.datetime, published_at, now=None) -> tuple[bool | None, str]:
    """(met, a Vietnamese sentence): met True/False once decided, None while pending."""
    now = now or timezone.now()
    if published_at is not None:
        if published_at <= due:
            return True, _("Đã đăng lúc %(when)s: đúng hạn.") % {"when": format_local(published_at)}
        return False, _("Đã đăng lúc %(when)s: trễ hạn.") % {"when": format_local(published_at)}
    if now > due:
        return False, _("Chưa đăng: đã quá hạn.")
    return None, _("Chưa đăng: còn trong hạn.")


def published_at(page):
    """When ``page`` was first published (None: never; a draft may carry a
    first-publication date it was imported with, which does not count)."""
    return page.first_published_at if page.last_published_at else None


def describe(page, rules=None, now=None) -> dict | None:
    """What the editor shows of ``page``'s deadline (None: it names none)."""
    kind, start = getattr(page, KIND_FIELD, ""), getattr(page, START_FIELD, None)
    if not kind or start is None:
        return None
    rules = site_rules() if rules is None else rules
    due = due_at(kind, start, rules)
    published = published_at(page)
    met, sentence = status(due, published, now)
    amount, unit, runs = rules.get(kind, defaults_for(None)[Kind.OTHER])
    return {
        "kind": Kind(kind).label,
        "due": due,
        "due_text": format_local(due),
        "met": met,
        "status": sentence,
        "runs_from": RunsFrom(runs).label,
        "rule": (_("trong ngày") if unit == Unit.SAME_DAY else f"{amount} {Unit(unit).label}"),
    }


def track(page, now=None) -> None:
    """Keep the DeadlineItem of ``page`` (a news article or legal document, or the
    page a revision holds) in line with its deadline fields."""
    from deadlines.models import DeadlineItem

    kind, start = getattr(page, KIND_FIELD, ""), getattr(page, START_FIELD, None)
    if not page.pk:
        return
    if not kind or start is None:
        DeadlineItem.objects.filter(page_id=page.pk).delete()
        return
    due = due_at(kind, start)
    published = published_at(page)
    met, _sentence = status(due, published, now)
    DeadlineItem.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "kind": kind,
            "starts_at": start,
            "due_at": due,
            "published_at": published,
            "met": met,
        },
    )


def refresh_open_items(now=None) -> int:
    """Unpublished items whose due time has passed are missed (met=False)."""
    from deadlines.models import DeadlineItem

    now = now or timezone.now()
    return DeadlineItem.objects.filter(
        published_at__isnull=True, met__isnull=True, due_at__lt=now
    ).update(met=False)


def overdue_items(now=None):
    from deadlines.models import DeadlineItem

    now = now or timezone.now()
    return DeadlineItem.objects.filter(published_at__isnull=True, due_at__lt=now)


def due_soon_items(now=None):
    """Unpublished items due within the next working day (not yet overdue)."""
    from deadlines.models import DeadlineItem

    now = now or timezone.now()
    horizon = add_working_days(now, 1)
    return DeadlineItem.objects.filter(
        published_at__isnull=True, due_at__gte=now, due_at__lte=horizon
    )


# --- Per-site rules: seeding, preset --------------------------------------------------


def seed_rules(preset: str | None = None) -> int:
    """Create the default rule of every kind the active site has none of (the Party
    committee's period follows the workflow ``preset``: Quảng Trị 5, else 2)."""
    from deadlines.models import DeadlineRule

    have = set(DeadlineRule.objects.values_list("kind", flat=True))
    rows = [
        DeadlineRule(kind=kind, amount=amount, unit=unit, runs_from=runs)
        for kind, (amount, unit, runs) in defaults_for(preset).items()
        if kind not in have
    ]
    DeadlineRule.objects.bulk_create(rows)
    if preset:
        follow_preset(None, preset)
    return len(rows)


def follow_preset(previous: str | None, preset: str) -> None:
    """The site's workflow changed from ``previous`` to ``preset``: the Party
    committee's period follows it, unless the board set its own."""
    from deadlines.models import DeadlineRule

    old = defaults_for(previous)[Kind.PARTY_COMMITTEE]
    new = defaults_for(preset)[Kind.PARTY_COMMITTEE]
    DeadlineRule.objects.filter(kind=Kind.PARTY_COMMITTEE, amount=old[0], unit=old[1]).update(
        amount=new[0], unit=new[1]
    )


# --- The secretary's reminder ------------------------------------------------------------


def secretary_emails() -> list[str]:
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=SECRETARY_GROUP)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def send_reminders(now=None) -> list[int]:
    """Remind the site's secretary, once per item, of every unpublished item due in
    less than ``REMIND_WORKING_HOURS`` working hours (claimed with
    ``select_for_update(skip_locked)``: safe to run twice at once)."""
    from django.core.mail import send_mail

    from deadlines.models import DeadlineItem

    now = now or timezone.now()
    horizon = add_working_hours(now, REMIND_WORKING_HOURS)
    sent: list[int] = []
    with transaction.atomic():
        items = list(
            DeadlineItem.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                published_at__isnull=True,
                reminded_at__isnull=True,
                due_at__gte=now,
                due_at__lte=horizon,
            )
            .select_related("page")
            .order_by("due_at")[:200]
        )
        if not items:
            return sent
        recipients = secretary_emails()
        if not recipients:
            return sent
        link = _admin_link()
        for item in items:
            subject = _("Sắp đến hạn đăng: “%(title)s”") % {"title": item.page.title}
            body = _(
                "“%(title)s” (%(kind)s) phải được đăng trước %(due)s. Đề nghị hoàn thiện, "
                "trình duyệt và đăng đúng hạn:\n%(url)s"
            ) % {
                "title": item.page.title,
                "kind": item.get_kind_display(),
                "due": format_local(item.due_at),
                "url": f"{link}/admin/pages/{item.page_id}/edit/",
            }
            transaction.on_commit(functools.partial(send_mail, subject, body, None, recipients))
            sent.append(item.pk)
        DeadlineItem.objects.filter(pk__in=sent).update(reminded_at=now)
    return sent


def _admin_link() -> str:
    from tenants.db import connection
    from tenants.models import Tenant
    from tenants.registry import primary_url

    try:
        return primary_url(Tenant.objects.get(schema_name=connection.schema_name), "").rstrip("/")
    except (LookupError, Tenant.DoesNotExist):
        return ""
