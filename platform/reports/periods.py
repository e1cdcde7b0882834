"""Report periods: a month, a quarter, 6 months, a year, or days chosen by hand."""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import PeriodKind

CUSTOM = PeriodKind.CUSTOM
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
#: the longest range chosen by hand (days)
MAX_DAYS = 2 * 366

#: how many parts of a year each kind has (the number the form asks for)
PARTS: dict[str, int] = {
    PeriodKind.MONTH: 12,
    PeriodKind.QUARTER: 4,
    PeriodKind.HALF: 2,
    PeriodKind.YEAR: 1,
}


def bounds(kind: str, year: int, number: int = 1) -> tuple[datetime.date, datetime.date]:
    """First and last day of the ``number``-th month/quarter/half of ``year`` (or the year)."""
    if kind not in PARTS:
        raise ValidationError(_("Loại kỳ báo cáo không hợp lệ."))
    if not 1 <= number <= PARTS[kind]:
        raise ValidationError(
            _("Kỳ số %(number)s không có trong một năm (từ 1 đến %(parts)s).")
            % {"number": number, "parts": PARTS[kind]}
        )
    months = 12 // PARTS[kind]
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    return (
        datetime.date(year, first_month, 1),
        datetime.date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


def check(start: datetime.date, end: datetime.date, today: datetime.date | None = None) -> None:
    """Refuse a period that ends before it starts, has not started yet, or is too long."""
    today = today or timezone.localdate()
    if end < start:
        raise ValidationError(_("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
    if start > today:
        raise ValidationError(
            _("Kỳ báo cáo chưa bắt đầu (từ %(start)s): hãy chọn kỳ đã qua hoặc đang diễn ra.")
            % {"start": start.strftime("%d/%m/%Y")}
        )
    if (end - start).days >= MAX_DAYS:
        raise ValidationError(_("Khoảng thời gian báo cáo không được dài quá hai năm."))


def label(kind: str, start: datetime.date, end: datetime.date) -> str:
    """The period as the report's title names it, in Vietnamese."""
    if kind == PeriodKind.MONTH:
        return _("Tháng %(month)s/%(year)s") % {"month": start.month, "year": start.year}
    if kind == PeriodKind.QUARTER:
        return _("Quý %(quarter)s năm %(year)s") % {
            "quarter": ROMAN[(start.month - 1) // 3 + 1],
            "year": start.year,
        }
    if kind == PeriodKind.HALF:
        if start.month == 1:
            return _("6 tháng đầu năm %(year)s") % {"year": start.year}
        return _("6 tháng cuối năm %(year)s") % {"year": start.year}
    if kind == PeriodKind.YEAR:
        return _("Năm %(year)s") % {"year": start.year}
    return _("Từ %(start)s đến %(end)s") % {
        "start": start.strftime("%d/%m/%Y"),
        "end": end.strftime("%d/%m/%Y"),
    }
