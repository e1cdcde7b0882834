"""Weeks as the work schedule counts them: Monday to Sunday, in Vietnam's time zone."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
#: GET parameter naming the week to show on the index: any date of that week, YYYY-MM-DD
WEEK_PARAM = "tuan"
WEEKDAY_NAMES = [
    _("Thứ Hai"),
    _("Thứ Ba"),
    _("Thứ Tư"),
    _("Thứ Năm"),
    _("Thứ Sáu"),
    _("Thứ Bảy"),
    _("Chủ Nhật"),
]
#: dates outside these years are treated as bad input (and keep week arithmetic in range)
YEARS = range(1990, 2200)


def today() -> datetime.date:
    """Today's date in Vietnam, whatever the server's time zone."""
    return timezone.localdate(timezone=VIETNAM)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def this_monday() -> datetime.date:
    """The Monday of the current week in Vietnam."""
    return monday_of(today())


def week_end(monday: datetime.date) -> datetime.date:
    return monday + datetime.timedelta(days=6)


def week_days(monday: datetime.date) -> list[datetime.date]:
    return [monday + datetime.timedelta(days=offset) for offset in range(7)]


def parse_week(value) -> datetime.date | None:
    """The Monday of the week containing the date ``value`` (YYYY-MM-DD); None for bad input."""
    try:
        day = datetime.date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        return None
    return monday_of(day) if day.year in YEARS else None


def weekday_name(day: datetime.date) -> str:
    return str(WEEKDAY_NAMES[day.weekday()])


def week_title(monday: datetime.date, language: str = "vi") -> str:
    """``Lịch công tác tuần 48 (từ 23/11 đến 29/11/2026)`` in ``language``; the start
    shows its year too when the week runs into the next year."""
    end = week_end(monday)
    start_format = "%d/%m" if monday.year == end.year else "%d/%m/%Y"
    with translation.override(language):
        return gettext("Lịch công tác tuần %(number)d (từ %(start)s đến %(end)s)") % {
            "number": monday.isocalendar().week,
            "start": monday.strftime(start_format),
            "end": end.strftime("%d/%m/%Y"),
        }


def week_slug(monday: datetime.date) -> str:
    """``tuan-48-2026``: the ISO week and its year."""
    iso = monday.isocalendar()
    return f"tuan-{iso.week:02d}-{iso.year}"
