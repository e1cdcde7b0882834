"""The platform's one working-day calendar (Vietnam, Asia/Ho_Chi_Minh).

Every deadline of the platform (publishing deadlines, answers to citizens'
questions…) is computed here, so every site counts days the same way.

A **working day** is a day that is

- not a Saturday or Sunday and not a Vietnamese public holiday as
  ``holidays.Vietnam`` (category ``public``) knows them: New Year, the lunar Tết
  (the days the government gives, e.g. 4–10/02/2027), Hùng Kings' day, 30/4, 1/5,
  2/9 and the day next to it, their substitute days ("observed"), and the
  Saturdays the government makes working days in exchange for a bridge day
  (``weekend_workdays``, e.g. Saturday 22/08/2026 for Monday 31/08/2026);
- unless the operations centre declared it otherwise in the console
  (:class:`workdays.models.DeclaredDay`, in ``public``): a day declared ``work``
  (a make-up Saturday) is a working day, a day declared ``off`` (a day off by
  decision) is not, whatever the holidays say.

**Working hours** are the periods of ``settings.WORKING_HOURS`` (local time, a
list of ``("HH:MM", "HH:MM")``; default 07:30–11:30 and 13:30–17:00); the end of
the last period (17:00) is the **end of the working day**.

Public API (stable: other apps call it):

``is_working_day(day: date) -> bool``
    Whether ``day`` is a working day, as above.

``add_working_days(start: datetime, days: int) -> datetime``
    The deadline ``days`` working days after ``start``: the end of the working
    day (17:00 local) of the ``days``-th working day *after the calendar day of*
    ``start`` (the day something arrives is not counted, whatever its hour or
    whether it is a working day). ``days == 0`` means "the same working day":
    the end of ``start``'s day if that is a working day and ``start`` is not
    after its end, else the end of the next working day. ``start`` must be
    aware; the result is aware, in Asia/Ho_Chi_Minh. ``days < 0`` → ValueError.

``add_working_hours(start: datetime, hours: float) -> datetime``
    The moment when ``hours`` working hours have passed since ``start``,
    counting only the working hours of working days (the "8 working hours" rule:
    an event ending at 16:00 on a Friday → 16:30 on the next Monday). A start
    outside working hours counts from the next working period; a total that ends
    exactly at the end of a period gives that end (17:00, not 07:30 the next
    day). Aware in, aware out (Asia/Ho_Chi_Minh). ``hours < 0`` → ValueError.

``working_days_between(start: date, end: date) -> int``
    The number of working days ``d`` with ``start < d <= end`` (so
    ``working_days_between(s.date(), add_working_days(s, n).date()) == n`` for
    n ≥ 1); negative (the same count, reversed) when ``end < start``.

Declared days are read from ``public`` once and kept in each process for at most
``settings.WORKDAYS_CACHE_SECONDS`` (default 5): a change made in the console is
seen by every process within seconds, with or without Redis, and at once by the
process that made it (:func:`invalidate`, called by the model's signals).
"""

from __future__ import annotations

import threading
import time as clock
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from django.conf import settings

__all__ = [
    "TIMEZONE",
    "add_working_days",
    "add_working_hours",
    "invalidate",
    "is_working_day",
    "working_days_between",
    "working_periods",
]

#: Vietnam has one time zone and no daylight saving time.
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_WORKING_HOURS = (("07:30", "11:30"), ("13:30", "17:00"))
#: no deadline of the platform is further away than this (a guard against a
#: calendar declared off for ever)
_MAX_DAYS = 3 * 366

# --- Public holidays (holidays.Vietnam) ---------------------------------------------


@lru_cache(maxsize=64)
def _public_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """The public holidays of ``year`` and its Saturdays made working days."""
    calendar = holidays.country_holidays("VN", years=year, categories=("public",))
    made_up = frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)
    return frozenset(calendar.keys()), made_up


def _working_by_law(day: date) -> bool:
    off, made_up = _public_year(day.year)
    if day in made_up:
        return True
    return day.weekday() < 5 and day not in off


# --- Declared days (public.workdays_declaredday), cached per process -------------------

_lock = threading.Lock()
_declared: dict[date, str] | None = None
_loaded_at = 0.0


def invalidate() -> None:
    """Forget the declared days this process holds (the next call reads them again)."""
    global _declared
    with _lock:
        _declared = None


def _declared_days() -> dict[date, str]:
    global _declared, _loaded_at
    ttl = getattr(settings, "WORKDAYS_CACHE_SECONDS", 5)
    now = clock.monotonic()
    days = _declared
    if days is not None and now - _loaded_at < ttl:
        return days
    from workdays.models import DeclaredDay

    # the table is in public, on every site's search path
    days = dict(DeclaredDay.objects.values_list("date", "kind"))
    with _lock:
        _declared, _loaded_at = days, now
    return days


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day (see the module's docstring)."""
    if isinstance(day, datetime):
        day = day.astimezone(TIMEZONE).date() if day.tzinfo else day.date()
    declared = _declared_days().get(day)
    if declared is not None:
        return declared == "work"
    return _working_by_law(day)


# --- Working hours -----------------------------------------------------------------------


def _parse(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


@lru_cache(maxsize=8)
def _periods(spec: tuple[tuple[str, str], ...]) -> tuple[tuple[time, time], ...]:
    periods = tuple(sorted((_parse(a), _parse(b)) for a, b in spec))
    if not periods or any(a >= b for a, b in periods):
        raise ValueError(f"WORKING_HOURS: each period must start before it ends: {spec!r}")
    if any(periods[i][1] > periods[i + 1][0] for i in range(len(periods) - 1)):
        raise ValueError(f"WORKING_HOURS: periods overlap: {spec!r}")
    return periods


def working_periods() -> tuple[tuple[time, time], ...]:
    """The working periods of a working day, in order (``settings.WORKING_HOURS``)."""
    spec = getattr(settings, "WORKING_HOURS", DEFAULT_WORKING_HOURS)
    return _periods(tuple((str(a), str(b)) for a, b in spec))


def _local(start: datetime) -> datetime:
    if not isinstance(start, datetime) or start.tzinfo is None:
        raise ValueError("the start of a deadline must be an aware datetime")
    return start.astimezone(TIMEZONE)


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=TIMEZONE)


def _end_of_working_day(day: date) -> datetime:
    return _at(day, working_periods()[-1][1])


# --- Deadlines ---------------------------------------------------------------------------


def add_working_days(start: datetime, days: int) -> datetime:
    """The end of the working day (17:00) of the ``days``-th working day after
    ``start``'s day; ``days == 0``: the end of the same working day (see the
    module's docstring)."""
    if days < 0:
        raise ValueError("a number of working days cannot be negative")
    local = _local(start)
    day = local.date()
    if days == 0:
        for _ in range(_MAX_DAYS):
            if is_working_day(day) and local <= _end_of_working_day(day):
                return _end_of_working_day(day)
            day += timedelta(days=1)
        raise ValueError("no working day in the calendar")
    counted = 0
    for _ in range(_MAX_DAYS):
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
            if counted == days:
                return _end_of_working_day(day)
    raise ValueError("no working day in the calendar")


def add_working_hours(start: datetime, hours: float) -> datetime:
    """The moment ``hours`` working hours after ``start`` (see the module's docstring)."""
    if hours < 0:
        raise ValueError("a number of working hours cannot be negative")
    remaining = timedelta(hours=hours)
    moment = _local(start)
    day = moment.date()
    for _ in range(_MAX_DAYS):
        if is_working_day(day):
            for begins, ends in working_periods():
                period_end = _at(day, ends)
                if period_end <= moment:
                    continue
                counted_from = max(_at(day, begins), moment)
                available = period_end - counted_from
                if remaining <= available:
                    return counted_from + remaining
                remaining -= available
        day += timedelta(days=1)
        moment = _at(day, time.min)
    raise ValueError("no working day in the calendar")


def working_days_between(start: date, end: date) -> int:
    """How many working days ``d`` have ``start < d <= end`` (negative when ``end < start``)."""
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
