"""Royalty statements: the rate in force, a statement's lines and total, approval, exports."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from royalties.models import ArticleAuthor, Contributor, Rate, Statement

HEAD_ROLE, ADMIN_ROLE = "truong_ban", "quan_tri"


def _has_role(user, *codes: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    from provisioning.board import has_role

    return has_role(user, *codes)


def can_see_private(user) -> bool:
    """Bank details and tax codes: the site administrator and the head only."""
    return _has_role(user, ADMIN_ROLE, HEAD_ROLE)


def head_steps() -> list[int]:
    """The ids of the steps of the site's workflow that the head alone holds (the head's
    decision: step 3 of every preset of board.yaml); the last step if none."""
    from provisioning.board import current_workflow, roles

    workflow = current_workflow()
    if workflow is None:
        return []
    head = roles()[HEAD_ROLE]["name"]
    links = list(workflow.workflow_tasks.order_by("sort_order").select_related("task"))
    if not links:
        return []
    holders = {
        link.task_id: {group.name for group in groups.all()}
        for link in links
        if (groups := getattr(link.task.specific, "groups", None)) is not None
    }
    steps = [link.task_id for link in links if holders.get(link.task_id) == {head}]
    return steps or [links[-1].task_id]


def is_head_delegate(user) -> bool:
    """Whether ``user`` holds, now, a delegation of a step the head alone holds in the
    site's workflow (editorial's ``Delegation``, 000 Đ10.1, 002 Đ9): they act for the
    head while it lasts."""
    from editorial.models import Delegation

    if not user.is_authenticated or not user.is_active:
        return False
    return Delegation.objects.in_force().filter(task_id__in=head_steps(), delegate=user).exists()


def can_approve(user) -> bool:
    """Rates and statements are decided by the head (Trưởng Ban Biên tập), or while a
    delegation of the head's step lasts, by the delegate."""
    return _has_role(user, HEAD_ROLE) or is_head_delegate(user)


#: the rate table is set by whoever approves statements
can_set_rates = can_approve


def can_read_statements(user) -> bool:
    return _has_role(user, ADMIN_ROLE, HEAD_ROLE)


def rate_table_problem(rate: Rate) -> str | None:
    """Why ``rate`` cannot join its kind's table (overlap or gap), or None."""
    others = list(Rate.objects.filter(kind=rate.kind).exclude(pk=rate.pk))
    rows = sorted([*others, rate], key=lambda r: r.valid_from)
    for before, after in zip(rows, rows[1:], strict=False):
        if before.valid_to is None or after.valid_from <= before.valid_to:
            return _("Thời gian áp dụng chồng lên mức từ ngày {day:%d/%m/%Y}.").format(
                day=before.valid_from if after is rate else after.valid_from
            )
        if after.valid_from != before.valid_to + dt.timedelta(days=1):
            return _("Bảng nhuận bút bị hở từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}.").format(
                start=before.valid_to + dt.timedelta(days=1),
                end=after.valid_from - dt.timedelta(days=1),
            )
    return None


def rate_for(kind: str, day: dt.date) -> Rate | None:
    return (
        Rate.objects.filter(kind=kind, valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from")
        .first()
    )


def period(year: int, month: int | None = None, quarter: int | None = None):
    """(start, end, label) of a month or a quarter."""
    if quarter:
        first = 3 * (quarter - 1) + 1
        start, months, label = (
            dt.date(year, first, 1),
            3,
            _("Quý {q}/{y}").format(q=quarter, y=year),
        )
    else:
        assert month
        start, months, label = (
            dt.date(year, month, 1),
            1,
            _("Tháng {m}/{y}").format(m=month, y=year),
        )
    after = dt.date(year + (start.month + months - 1) // 12, (start.month + months - 1) % 12 + 1, 1)
    return start, after - dt.timedelta(days=1), label


def statement_lines(contributor: Contributor, start: dt.date, end: dt.date) -> list[dict]:
    """The author's works published in the period, each with its rate and amount."""
    tz = timezone.get_current_timezone()
    works = (
        ArticleAuthor.objects.filter(
            contributor=contributor,
            page__live=True,
            page__first_published_at__gte=dt.datetime.combine(start, dt.time.min, tz),
            page__first_published_at__lt=dt.datetime.combine(
                end + dt.timedelta(days=1), dt.time.min, tz
            ),
        )
        .select_related("page")
        .order_by("page__first_published_at")
    )
    lines = []
    for work in works:
        day = timezone.localtime(work.page.first_published_at).date()
        rate = rate_for(work.kind, day)
        base = rate.value() if rate else 0
        amount = int((Decimal(base) * work.share / 100).to_integral_value())
        lines.append(
            {
                "page_id": work.page_id,
                "title": work.page.title,
                "published": day.isoformat(),
                "kind": work.get_kind_display(),
                "rate": base,
                "share": float(work.share),
                "amount": amount,
            }
        )
    return lines


@transaction.atomic
def build_statement(contributor: Contributor, start, end, label) -> Statement:
    """The author's draft statement for the period, (re)computed; an approved one stays."""
    statement, _created = Statement.objects.get_or_create(
        contributor=contributor,
        period_start=start,
        period_end=end,
        defaults={"period_label": label},
    )
    if statement.state == Statement.State.APPROVED:
        return statement
    statement.lines = statement_lines(contributor, start, end)
    statement.total = sum(line["amount"] for line in statement.lines)
    statement.period_label = label
    statement.save()
    return statement


@transaction.atomic
def approve(statement: Statement, user) -> Statement:
    if not can_approve(user):
        raise PermissionDenied(_("Chỉ Trưởng Ban Biên tập duyệt bảng kê nhuận bút."))
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.state != Statement.State.APPROVED:
        statement.state = Statement.State.APPROVED
        statement.approved_by = user
        statement.approved_at = timezone.now()
        statement.save(update_fields=["state", "approved_by", "approved_at"])
    return statement


def credit_syndicated_story(page) -> ArticleAuthor | None:
    """Credit an accepted syndicated story's original author when it is published here
    (paid under this site's table, as a news item); once. The exchange in ``public`` says
    whether the page is an accepted offer (``Offer.accepted_page_id``)."""
    from syndication.models import Offer
    from syndication.services import current_tenant

    author = (getattr(page, "source_author", "") or "").strip()
    # the registry row of the active schema (during provisioning the connection holds
    # django-tenants' FakeTenant, which has no id)
    tenant = current_tenant()
    if not author or tenant is None or page.royalty_authors.exists():
        return None
    offer = Offer.objects.filter(target_id=tenant.pk, accepted_page_id=page.pk).first()
    if offer is None:
        return None
    source = page.source_name or offer.source_name
    contributor, _created = Contributor.objects.get_or_create(
        full_name=author, source_site=source, defaults={"kind": Contributor.Kind.OUTSIDE}
    )
    return add_author(page, contributor, "news")


def add_author(page, contributor: Contributor, kind: str, share=100) -> ArticleAuthor:
    """Name ``contributor`` an author of the live ``page`` outside the editor (a syndicated
    story's credit, the demo). The authors are part of the article's revisions (edited
    inline): the latest revision names the new one too, or the next edit and publish of
    the article would drop it."""
    from wagtail.models import Page, Revision

    link = ArticleAuthor.objects.create(page=page, contributor=contributor, kind=kind, share=share)
    # the row's, not the instance's: a page published from a revision carries the
    # latest_revision its content was saved with (the one before)
    latest = Page.objects.filter(pk=page.pk).values_list("latest_revision_id", flat=True)
    revision = Revision.objects.filter(pk__in=latest).first()
    if revision is not None and isinstance(revision.content, dict):
        from modelcluster.models import get_serializable_data_for_fields

        revision.content["royalty_authors"] = [
            *revision.content.get("royalty_authors", []),
            get_serializable_data_for_fields(link),
        ]
        revision.save(update_fields=["content"])
    return link


def _site_name() -> str:
    from django.db import connection

    tenant = getattr(connection, "tenant", None)
    return getattr(tenant, "name", "") or ""


def to_xlsx(statement: Statement) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhuan but"
    sheet.append([_site_name()])
    sheet.append([_("Bảng kê nhuận bút {period}").format(period=statement.period_label)])
    sheet.append([_("Tác giả"), str(statement.contributor)])
    sheet.append([])
    header = [
        _("STT"), _("Tác phẩm"), _("Ngày đăng"), _("Thể loại"),
        _("Mức (đồng)"), _("Tỷ lệ (%)"), _("Thành tiền (đồng)"),
    ]  # fmt: skip
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    first = sheet.max_row + 1
    for number, line in enumerate(statement.lines, 1):
        sheet.append(
            [number, line["title"], line["published"], line["kind"]]
            + [line["rate"], line["share"], line["amount"]]
        )
    last = sheet.max_row
    # the total as a number (what the statement says), checked against the lines in tests
    sheet.append(["", _("Tổng cộng"), "", "", "", "", statement.total])
    sheet.cell(row=sheet.max_row, column=7).font = Font(bold=True)
    del first, last
    state = _("Đã duyệt") if statement.state == Statement.State.APPROVED else _("Dự thảo")
    sheet.append([])
    sheet.append([_("Trạng thái"), state])
    if statement.approved_by:
        approver = statement.approved_by
        sheet.append([_("Người duyệt"), approver.get_full_name() or approver.get_username()])
    sheet.column_dimensions["B"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(statement: Statement, **options) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "royalties/statement_pdf.html", {"statement": statement, "site_name": _site_name()}
    )
    return HTML(string=html).write_pdf(**options)


def build_all(start, end, label) -> int:
    """Build (or refresh) the period's statement of every author with works in it."""
    tz = timezone.get_current_timezone()
    authors = Contributor.objects.filter(
        works__page__live=True,
        works__page__first_published_at__gte=dt.datetime.combine(start, dt.time.min, tz),
        works__page__first_published_at__lt=dt.datetime.combine(
            end + dt.timedelta(days=1), dt.time.min, tz
        ),
    ).distinct()
    count = 0
    for contributor in authors:
        build_statement(contributor, start, end, label)
        count += 1
    return count
