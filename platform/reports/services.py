"""A report for a period, for the province or one site, from the tables in ``public``
alone: the sites' daily figures (``SiteDayFigure``), the syndication exchange
(``syndication.Offer``) and the visit rollups (``operations.VisitDay``).

A handful of queries whatever the number of sites (never one per site, never a site's
schema). ``build_report`` returns a plain dict (JSON-serialisable: the job stores it and
its pages, the XLSX and the PDF are made from it).
"""

from __future__ import annotations

import datetime

from django_tenants.utils import get_public_schema_name, schema_context

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from reports import months, periods
from reports.collectors import ARTICLES, DEADLINES, DOCUMENTS, QUESTIONS

#: the columns of the per-site table: key → heading
COLUMNS = (
    "articles",
    "documents",
    "offers_sent",
    "offers_accepted",
    "offers_rejected",
    "questions_received",
    "questions_answered",
    "questions_overdue",
    "deadlines_due",
    "deadlines_met",
    "deadlines_missed",
    "visits",
)
DEADLINE_COLUMNS = ("deadlines_due", "deadlines_met", "deadlines_missed")


def column_headings(has_deadlines: bool) -> list[tuple[str, str]]:
    """(key, Vietnamese heading) of the per-site table's figure columns."""
    headings = {
        "articles": _("Số bài viết"),
        "documents": _("Văn bản"),
        "offers_sent": _("Tin gửi lên"),
        "offers_accepted": _("Tin được nhận"),
        "offers_rejected": _("Tin bị từ chối"),
        "questions_received": _("Câu hỏi nhận"),
        "questions_answered": _("Câu hỏi đã trả lời"),
        "questions_overdue": _("Câu hỏi quá hạn"),
        "deadlines_due": _("Việc đến hạn"),
        "deadlines_met": _("Việc đúng hạn"),
        "deadlines_missed": _("Việc trễ hạn"),
        "visits": _("Lượt truy cập"),
    }
    return [
        (key, label)
        for key, label in headings.items()
        if has_deadlines or key not in DEADLINE_COLUMNS
    ]


def on_time_rate(met: int, missed: int) -> float | None:
    """Percentage of items done on time among those due (None when none was due)."""
    return round(100.0 * met / (met + missed), 1) if met + missed else None


def document_type_label(value: str) -> str:
    from documents.choices import DocumentType

    try:
        return str(DocumentType(value).label)
    except ValueError:
        return value


def build_report(
    start: datetime.date,
    end: datetime.date,
    tenant=None,
    kind: str = "custom",
    progress=None,
) -> dict:
    """The report of ``start``–``end`` (both included), for ``tenant`` or the province
    (``tenant=None``). ``progress(percent)`` is called as parts are done."""
    from operations.models import VisitDay
    from syndication.models import Offer, OfferStatus
    from tenants.models import SiteStatus, Tenant

    def step(percent):
        if progress is not None:
            progress(percent)

    tz = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    only = {"tenant_id": tenant.pk} if tenant is not None else {}

    # 1. the sites (one query)
    sites_qs = Tenant.objects.exclude(schema_name=get_public_schema_name()).exclude(
        status=SiteStatus.PROVISIONING
    )
    if tenant is not None:
        sites_qs = sites_qs.filter(pk=tenant.pk)
    sites = {
        row["id"]: {
            "id": row["id"],
            "name": row["name"],
            "slug": row["slug"],
            **dict.fromkeys(COLUMNS, 0),
        }
        for row in sites_qs.order_by("name").values("id", "name", "slug")
    }
    step(15)

    # 2. the figures of the period: the monthly sums of its whole months and the daily
    # rows of the days at its edges, summed per site, per month and per key (one query)
    whole, edges = months.split(start, end)
    figures = months.sums(whole, edges, tenant.pk if tenant is not None else None)
    step(40)

    by_category: dict[str, int] = {}
    by_type: dict[str, int] = {}
    by_month: dict[datetime.date, dict[str, int]] = {}

    def month(first: datetime.date) -> dict[str, int]:
        return by_month.setdefault(first, {"articles": 0, "documents": 0, "visits": 0})

    has_deadlines = False
    for grouping, tenant_id, first, metric, key, total in figures:
        if grouping == months.PER_KEY:
            if metric == ARTICLES:
                by_category[key] = total
            elif metric == DOCUMENTS:
                by_type[key] = total
            elif metric == DEADLINES:
                has_deadlines = True
        elif grouping == months.PER_MONTH:
            if metric in (ARTICLES, DOCUMENTS):
                month(first)[metric] += total
        elif (site := sites.get(tenant_id)) is not None:
            if metric in (ARTICLES, DOCUMENTS):
                site[metric] += total
            elif metric in (QUESTIONS, DEADLINES) and f"{metric}_{key}" in site:
                site[f"{metric}_{key}"] += total
    step(55)

    # 3. visits per site and month (one query)
    for tenant_id, first, total in (
        VisitDay.objects.filter(day__gte=start, day__lte=end, **only)
        .annotate(month=TruncMonth("day"))
        .values_list("tenant_id", "month")
        .annotate(total=Sum("visits"))
        .order_by()
    ):
        if tenant_id in sites:
            sites[tenant_id]["visits"] += total or 0
            month(first)["visits"] += total or 0
    step(70)

    # 4. offers sent in the period by their source site (one query)
    offers = Offer.objects.filter(offered_at__gte=low, offered_at__lt=high)
    if tenant is not None:
        offers = offers.filter(source_id=tenant.pk)
    for source_id, sent, accepted, rejected in (
        offers.values_list("source_id")
        .annotate(
            sent=Count("id"),
            accepted=Count(
                "id",
                filter=Q(status=OfferStatus.ACCEPTED) | Q(accepted_page_id__isnull=False),
            ),
            rejected=Count("id", filter=Q(status=OfferStatus.REJECTED)),
        )
        .order_by()
    ):
        if source_id in sites:
            sites[source_id].update(
                offers_sent=sent, offers_accepted=accepted, offers_rejected=rejected
            )
    step(85)

    rows = list(sites.values())
    totals = {key: sum(site[key] for site in rows) for key in COLUMNS}
    for site in rows:
        site["on_time_rate"] = on_time_rate(site["deadlines_met"], site["deadlines_missed"])
    return {
        "scope": tenant.name if tenant is not None else _("Toàn tỉnh"),
        "tenant_id": tenant.pk if tenant is not None else None,
        "kind": kind,
        "period": periods.label(kind, start, end),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "generated_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "sites": rows,
        "totals": totals,
        "has_deadlines": has_deadlines,
        "on_time_rate": on_time_rate(totals["deadlines_met"], totals["deadlines_missed"]),
        "articles_by_category": sorted(
            ([key or _("Chưa phân chuyên mục"), value] for key, value in by_category.items()),
            key=lambda item: (-item[1], item[0]),
        ),
        "documents_by_type": sorted(
            ([document_type_label(key), value] for key, value in by_type.items()),
            key=lambda item: (-item[1], item[0]),
        ),
        # [month "mm/yyyy", articles, documents, visits], in order
        "by_month": [
            [f"{first:%m/%Y}", figures["articles"], figures["documents"], figures["visits"]]
            for first, figures in sorted(by_month.items())
        ],
    }


def request_report(*, start, end, kind: str, tenant, username: str):
    """Queue a report job (the console's form, a site's board); its task starts once the
    row is committed, and its page shows the progress."""
    from reports.models import ReportJob
    from reports.tasks import run_report

    with schema_context(get_public_schema_name()):
        job = ReportJob.objects.create(
            tenant=tenant, start=start, end=end, period_kind=kind, requested_by=username
        )
    transaction.on_commit(lambda: run_report.delay(job.pk))
    return job
