"""The incident report for a period (TT 20/2017; 003 Đ20.8): counts and the list,
as a table and as an XLSX workbook."""

from __future__ import annotations

import datetime
import io
from collections import Counter

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from operations.models import Incident, IncidentStatus, Severity


def period_bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware datetimes of ``start`` 00:00 to the day after ``end`` 00:00 (local time)."""
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz),
    )


def incidents_in(start: datetime.date, end: datetime.date) -> QuerySet[Incident]:
    """Incidents received from ``start`` to ``end`` (both days included)."""
    low, high = period_bounds(start, end)
    return (
        Incident.objects.filter(received_at__gte=low, received_at__lt=high)
        .prefetch_related("sites")
        .order_by("received_at")
    )


def summary(incidents) -> dict:
    """Counts by severity and status, automatic ones, and the mean time to fix (hours)."""
    incidents = list(incidents)
    severities = Counter(i.severity for i in incidents)
    statuses = Counter(i.status for i in incidents)
    fix_hours = [
        (i.fixed_at - i.received_at).total_seconds() / 3600 for i in incidents if i.fixed_at
    ]
    return {
        "total": len(incidents),
        "automatic": sum(1 for i in incidents if i.automatic),
        "by_severity": [(label, severities.get(value, 0)) for value, label in Severity.choices],
        "by_status": [(label, statuses.get(value, 0)) for value, label in IncidentStatus.choices],
        "mean_hours_to_fix": round(sum(fix_hours) / len(fix_hours), 1) if fix_hours else None,
    }


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def incidents_xlsx(start: datetime.date, end: datetime.date) -> bytes:
    """The report as an XLSX workbook: one sheet of counts, one of incidents."""
    from openpyxl import Workbook

    incidents = list(incidents_in(start, end))
    figures = summary(incidents)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Tổng hợp")
    sheet.append(
        [
            _("Báo cáo sự cố từ %(start)s đến %(end)s")
            % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
        ]
    )
    sheet.append([_("Tổng số sự cố"), figures["total"]])
    sheet.append([_("Mở tự động"), figures["automatic"]])
    for label, count in figures["by_severity"]:
        sheet.append([_("Mức độ: %(label)s") % {"label": label}, count])
    for label, count in figures["by_status"]:
        sheet.append([_("Tình trạng: %(label)s") % {"label": label}, count])
    sheet.append([_("Thời gian khắc phục trung bình (giờ)"), figures["mean_hours_to_fix"]])
    rows = book.create_sheet(_("Danh sách"))
    rows.append(
        [
            _("Số"),
            _("Tiêu đề"),
            _("Tiếp nhận lúc"),
            _("Người/đơn vị báo"),
            _("Hình thức"),
            _("Trang bị ảnh hưởng"),
            _("Mức độ"),
            _("Chẩn đoán"),
            _("Tình trạng"),
            _("Chuyển đến"),
            _("Khắc phục lúc"),
            _("Đóng lúc"),
        ]
    )
    for i in incidents:
        rows.append(
            [
                i.pk,
                i.title,
                _local(i.received_at),
                i.reported_by,
                i.get_channel_display(),
                ", ".join(site.name for site in i.sites.all()),
                i.get_severity_display(),
                i.diagnosis,
                i.get_status_display(),
                i.escalated_to,
                _local(i.fixed_at),
                _local(i.closed_at),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
