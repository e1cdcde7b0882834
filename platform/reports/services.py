"""A report for a period, for the province or one site, from the tables in ``public``
alone: the sites' daily figures (``SiteDayFigure``), the syndication exchange
(``syndication.Offer``) and the visit rollups (``operations.VisitDay``).

A handful of queries whatever the number of sites (never one per site, never a site's
schema). ``build_report`` returns a plain dict (JSON-serialisable: the job stores it and
its pages, the XLSX and the PDF are made from it).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django_tenants.utils import get_public_schema_name, schema_context

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from reports import periods
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
        "articles": _("Bài viết"),
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
    from reports.models import SiteDayFigure
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

    # 2. the daily figures, summed per site, metric and key (one query)
    figures = (
        SiteDayFigure.objects.filter(day__gte=start, day__lte=end, **only)
        .values_list("tenant_id", "metric", "key")
        .annotate(total=Sum("value"))
        .order_by()
    )
    by_category: dict[str, int] = defaultdict(int)
    by_type: dict[str, int] = defaultdict(int)
    has_deadlines = False
    for tenant_id, metric, key, total in figures:
        site = sites.get(tenant_id)
        if site is None:
            continue
        if metric == ARTICLES:
            site["articles"] += total
            by_category[key] += total
        elif metric == DOCUMENTS:
            site["documents"] += total
            by_type[key] += total
        elif metric == QUESTIONS and f"questions_{key}" in site:
            site[f"questions_{key}"] += total
        elif metric == DEADLINES and f"deadlines_{key}" in site:
            has_deadlines = True
            site[f"deadlines_{key}"] += total
    step(40)

    # 3. articles, documents and visits by month (two small queries)
    months: dict[str, dict[str, int]] = {}

    def month(key: datetime.date) -> dict[str, int]:
        label = f"{key.month:02d}/{key.year}"
        return months.setdefault(label, {"articles": 0, "documents": 0, "visits": 0})

    for first, metric, total in (
        SiteDayFigure.objects.filter(
            day__gte=start, day__lte=end, metric__in=[ARTICLES, DOCUMENTS], **only
        )
        .annotate(month=TruncMonth("day"))
        .values_list("month", "metric")
        .annotate(total=Sum("value"))
        .order_by("month")
    ):
        month(first)[metric] += total
    step(55)

    # 4. visits per site, and by month (two queries)
    visits = VisitDay.objects.filter(day__gte=start, day__lte=end, **only)
    for tenant_id, total in (
        visits.values_list("tenant_id").annotate(total=Sum("visits")).order_by()
    ):
        if tenant_id in sites:
            sites[tenant_id]["visits"] = total or 0
    for first, total in (
        visits.annotate(month=TruncMonth("day"))
        .values_list("month")
        .annotate(total=Sum("visits"))
        .order_by("month")
    ):
        month(first)["visits"] += total or 0
    step(70)

    # 5. offers sent in the period by their source site (one query)
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
            [label, figures["articles"], figures["documents"], figures["visits"]]
            for label, figures in sorted(
                months.items(), key=lambda item: (item[0][3:], item[0][:2])
            )
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
