"""The working-day arithmetic of ``workdays.calendar`` on real Vietnamese edge cases:
Tết 2027, 30/4–1/5 and 2/9 with their substitute days, a make-up Saturday (the
government's and one the province declares), a Friday-afternoon event under the
"8 working hours" rule, a document received on the eve of a holiday."""

from datetime import date, datetime

import pytest

from django.test import override_settings

from workdays import calendar
from workdays.calendar import (
    TIMEZONE,
    add_working_days,
    add_working_hours,
    is_working_day,
    working_days_between,
)
from workdays.models import DayKind, DeclaredDay

pytestmark = pytest.mark.django_db


def at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=TIMEZONE)


def test_weekends_and_public_holidays():
    assert is_working_day(date(2026, 12, 4))  # a Friday
    assert not is_working_day(date(2026, 12, 5))  # Saturday
    assert not is_working_day(date(2026, 12, 6))  # Sunday
    # Tết 2027: Thursday 4/2 (29 Tết) to Wednesday 10/2 (mùng 5)
    assert is_working_day(date(2027, 2, 3))
    assert not any(is_working_day(date(2027, 2, d)) for d in range(4, 11))
    assert is_working_day(date(2027, 2, 11))
    # Hùng Kings' day 2026 fell on a Sunday: Monday 27/4 is its substitute
    assert not is_working_day(date(2026, 4, 27))
    # 2/9/2026: Monday 31/8 off in exchange for Saturday 22/8 (the government's make-up day)
    assert not is_working_day(date(2026, 8, 31))
    assert is_working_day(date(2026, 8, 22))
    assert not is_working_day(date(2026, 9, 1)) and not is_working_day(date(2026, 9, 2))
    # 1/5/2027 is a Saturday: Monday 3/5 is its substitute
    assert not is_working_day(date(2027, 5, 3))


def test_document_received_on_the_eve_of_tet_2027():
    received = at(2027, 2, 3, 15, 0)  # Wednesday, the day before Tết's days off
    # administrative document, 2 working days: Thursday 11/2 (1), Friday 12/2 (2)
    assert add_working_days(received, 2) == at(2027, 2, 12, 17, 0)
    # legal normative document, 7 working days: 11, 12, 15, 16, 17, 18, 19/2
    assert add_working_days(received, 7) == at(2027, 2, 19, 17, 0)
    assert working_days_between(date(2027, 2, 3), date(2027, 2, 19)) == 7


def test_received_on_the_eve_of_30_4_and_1_5():
    # 2026: Thursday 30/4 and Friday 1/5, then the weekend
    assert add_working_days(at(2026, 4, 29, 10), 2) == at(2026, 5, 5, 17)
    # 2027: Friday 30/4, Saturday 1/5 substituted on Monday 3/5
    assert add_working_days(at(2027, 4, 29, 10), 1) == at(2027, 5, 4, 17)


def test_national_day_with_its_substitute_and_make_up_saturday():
    # received Friday 21/8/2026: Saturday 22/8 is a working day (made up for 31/8)
    assert add_working_days(at(2026, 8, 21, 9), 1) == at(2026, 8, 22, 17)
    # received Friday 28/8/2026: 31/8, 1/9, 2/9 off → Thursday 3/9 (1), Friday 4/9 (2)
    assert add_working_days(at(2026, 8, 28, 9), 2) == at(2026, 9, 4, 17)
    # 2027: Thursday 2/9 and Friday 3/9
    assert add_working_days(at(2027, 9, 1, 9), 1) == at(2027, 9, 6, 17)


def test_event_ending_at_16_on_a_friday_plus_8_working_hours():
    # Friday 16:00–17:00 (1 h), Monday 07:30–11:30 (4 h), 13:30–16:30 (3 h)
    assert add_working_hours(at(2026, 12, 4, 16), 8) == at(2026, 12, 7, 16, 30)
    # before a holiday: Wednesday 29/4/2026 16:00 → Monday 4/5 16:30
    assert add_working_hours(at(2026, 4, 29, 16), 8) == at(2026, 5, 4, 16, 30)
    # an event ending at night counts from the next morning; lunch does not count
    # (a working day is 7.5 hours: 8 hours run into the next working day)
    assert add_working_hours(at(2026, 12, 3, 20), 7.5) == at(2026, 12, 4, 17)
    assert add_working_hours(at(2026, 12, 3, 20), 8) == at(2026, 12, 7, 8)
    assert add_working_hours(at(2026, 12, 3, 11), 1) == at(2026, 12, 3, 14)
    # a total ending exactly at 17:00 is 17:00 that day, not the next morning
    assert add_working_hours(at(2026, 12, 4, 9, 30), 5.5) == at(2026, 12, 4, 17)
    # the result is in Vietnam's time whatever zone the start is in
    utc = datetime(2026, 12, 4, 9, 0, tzinfo=calendar.ZoneInfo("UTC"))  # 16:00 local
    assert add_working_hours(utc, 8) == at(2026, 12, 7, 16, 30)


@override_settings(WORKING_HOURS=[("08:00", "12:00"), ("13:00", "17:00")])
def test_working_hours_are_a_setting():
    assert add_working_hours(at(2026, 12, 4, 16), 8) == at(2026, 12, 7, 16)
    assert add_working_days(at(2026, 12, 4, 16), 1) == at(2026, 12, 7, 17)


def test_declared_days_override_the_holidays():
    DeclaredDay.objects.create(date=date(2027, 1, 9), kind=DayKind.WORK, note="Làm bù")
    DeclaredDay.objects.create(date=date(2027, 1, 11), kind=DayKind.OFF, note="Nghỉ bù")
    assert is_working_day(date(2027, 1, 9))  # a Saturday made a working day
    assert not is_working_day(date(2027, 1, 11))  # a Monday declared off
    # received Friday 8/1: Saturday 9/1 (1), Tuesday 12/1 (2)
    assert add_working_days(at(2027, 1, 8, 9), 1) == at(2027, 1, 9, 17)
    assert add_working_days(at(2027, 1, 8, 9), 2) == at(2027, 1, 12, 17)
    assert add_working_hours(at(2027, 1, 8, 16), 8) == at(2027, 1, 9, 16, 30)
    # a holiday declared a working day, and a declared day removed again
    DeclaredDay.objects.create(date=date(2027, 2, 10), kind=DayKind.WORK)
    assert is_working_day(date(2027, 2, 10))
    DeclaredDay.objects.filter(date=date(2027, 2, 10)).get().delete()
    assert not is_working_day(date(2027, 2, 10))


def test_same_day_and_zero():
    # days=0: the end of the same working day, or of the next one after hours/weekend
    assert add_working_days(at(2026, 12, 4, 9), 0) == at(2026, 12, 4, 17)
    assert add_working_days(at(2026, 12, 4, 18), 0) == at(2026, 12, 7, 17)
    assert add_working_days(at(2026, 12, 5, 9), 0) == at(2026, 12, 7, 17)
    assert add_working_hours(at(2026, 12, 4, 9), 0) == at(2026, 12, 4, 9)


def test_bad_input():
    with pytest.raises(ValueError):
        add_working_days(at(2026, 12, 4), -1)
    with pytest.raises(ValueError):
        add_working_hours(at(2026, 12, 4), -0.5)
    with pytest.raises(ValueError):
        add_working_days(datetime(2026, 12, 4, 9), 1)  # naive


def test_working_days_between():
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 4)) == 0
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 7)) == 1
    assert working_days_between(date(2026, 12, 7), date(2026, 12, 4)) == -1
    # 2027: 261 weekdays less 12 holidays on weekdays (1/1, Tết 4–5/2 and 8–10/2, 16/4,
    # 30/4, 3/5, 2–3/9, 24/11)
    assert working_days_between(date(2026, 12, 31), date(2027, 12, 31)) == 249
    start = at(2027, 1, 28, 10)
    for n in (1, 2, 5, 7, 10, 15):
        assert working_days_between(start.date(), add_working_days(start, n).date()) == n


def test_declared_days_reach_every_process_within_the_cache_time():
    """Another process changing the calendar sends this one no signal: it reads the
    rows again once its copy is older than WORKDAYS_CACHE_SECONDS."""
    assert not is_working_day(date(2027, 3, 6))  # loads this process's copy
    # a change made elsewhere: no signal here
    DeclaredDay.objects.bulk_create([DeclaredDay(date=date(2027, 3, 6), kind=DayKind.WORK)])
    assert not is_working_day(date(2027, 3, 6))  # still this process's copy
    with override_settings(WORKDAYS_CACHE_SECONDS=0):
        assert is_working_day(date(2027, 3, 6))
