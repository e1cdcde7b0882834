"""Forwarding a question to the competent site (docs/participation.md, "Chuyển câu hỏi").

Across sites only through ``forwarding.Forward`` in ``public``:

- the origin's board forwards: in one transaction its item becomes *forwarded* and a
  row is written (the question, the asker's contact, the tracking code);
- the target imports its rows into its own schema (``import_forwarded``), when its
  board opens the inbox or the dashboard and in the periodic sweep; the row's contact
  details are blanked once they are in the target's schema;
- the target handles the item like its own; each change (assign, answer, publish,
  decline, duplicate, erase) updates the row in the same transaction (``sync``);
- the origin shows the progress and the answer read from the row (``progress``).
"""

from django.db import transaction
from django.utils import timezone

from forwarding.models import Forward
from participation.models import QAPage, State, Submission
from tenants.db import connection


def current_tenant():
    from tenants.models import Tenant

    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Tenant) and tenant.pk and tenant.schema_name == connection.schema_name:
        return tenant
    return Tenant.objects.filter(schema_name=connection.schema_name).first()


def targets(tenant) -> list:
    """The active sites whose parent chain includes ``tenant`` (one registry query)."""
    from tenants.models import SiteStatus, Tenant

    if tenant is None:
        return []
    rows = list(Tenant.objects.only("pk", "parent_id", "name", "status").order_by("name"))
    children: dict[int, list] = {}
    for row in rows:
        if row.parent_id:
            children.setdefault(row.parent_id, []).append(row)
    found, todo, seen = [], [tenant.pk], {tenant.pk}
    while todo:
        for child in children.get(todo.pop(), []):
            if child.pk in seen:
                continue
            seen.add(child.pk)
            todo.append(child.pk)
            if child.status == SiteStatus.ACTIVE:
                found.append(child)
    return sorted(found, key=lambda site: site.name)


#: what a forwarded item carries from the origin's submission to the target's, and back
CARRIED_FIELDS = (
    "kind", "field", "title", "body", "name", "email", "phone", "address", "consent_at"
)  # fmt: skip


def _carried(item) -> dict:
    return {name: getattr(item, name) for name in CARRIED_FIELDS}


@transaction.atomic
def forward(submission: Submission, target, *, note: str = "", user=None) -> Forward:
    """Mark the item forwarded and write its row in ``public`` (one transaction)."""
    from participation.services import _queue

    origin = current_tenant()
    if origin is None or target.pk not in {site.pk for site in targets(origin)}:
        raise ValueError("not a component site of this site")
    row = Forward.objects.create(
        origin=origin,
        origin_name=origin.name,
        origin_item=submission.pk,
        target=target,
        target_name=target.name,
        code=submission.code,
        asked_at=submission.created_at,
        note=note,
        **_carried(submission),
        forwarded_by=getattr(user, "get_username", lambda: "")() if user else "",
    )
    submission.state = State.FORWARDED
    submission.forwarded_to = target.name
    submission.forward_id = row.pk
    submission.closed_at = timezone.now()
    submission.save(update_fields=["state", "forwarded_to", "forward_id", "closed_at"])
    _queue(submission.pk)
    return row


def import_forwarded() -> int:
    """Bring the rows forwarded to the active site into its inbox; returns how many."""
    from participation.services import _queue
    from workdays.calendar import add_working_days

    tenant = current_tenant()
    if tenant is None:
        return 0
    if not Forward.objects.filter(target=tenant, target_item__isnull=True).exists():
        return 0
    from participation.models import ParticipationSettings

    count = 0
    with transaction.atomic():
        pending = Forward.objects.select_for_update(skip_locked=True).filter(
            target=tenant, target_item__isnull=True
        )
        page = QAPage.objects.live().order_by("depth", "path").first()
        days = ParticipationSettings.load().due_working_days
        now = timezone.now()
        for row in pending:
            submission = Submission(
                page=page,
                **_carried(row),
                created_at=now,
                due_at=add_working_days(now, days),
                forward_id=row.pk,
                forwarded_from=row.origin_name,
                # the asker was told at forwarding; the same code follows the item
                acknowledged=True,
            )
            if not Submission.objects.filter(code=row.code).exists():
                submission.code = row.code
            submission.save()
            row.target_item = submission.pk
            row.imported_at = now
            row.name = row.email = row.phone = row.address = ""
            row.save(
                update_fields=[
                    "target_item", "imported_at", "name", "email", "phone", "address",
                    "updated_at",
                ]
            )  # fmt: skip
            _queue(submission.pk)
            count += 1
    return count


def sync(submission: Submission) -> None:
    """The target changed an item forwarded to it: update its row (same transaction)."""
    if not submission.forward_id or not submission.forwarded_from:
        return
    values = {
        "state": submission.state,
        "unit": submission.unit,
        "answer": submission.answer if submission.state in (State.PUBLISHED, State.CLOSED) else "",
        "answering_body": submission.answering_body,
        "answered_at": submission.answered_at,
        "decline_reason": submission.decline_reason,
        "updated_at": timezone.now(),
    }
    page = submission.answer_page
    if submission.state == State.PUBLISHED and page is not None:
        values["answer_url"] = page.full_url or ""
    tenant = current_tenant()
    Forward.objects.filter(pk=submission.forward_id, target=tenant).update(**values)


def progress(submission: Submission) -> Forward | None:
    """The row of an item this site forwarded (read on the origin)."""
    if not submission.forward_id or submission.forwarded_from:
        return None
    return Forward.objects.filter(
        pk=submission.forward_id, origin=current_tenant(), origin_item=submission.pk
    ).first()
