"""The demo declares one make-up Saturday in the calendar, once."""

import pytest

from provisioning.demo_data import _declare_demo_days
from workdays.calendar import is_working_day
from workdays.models import DeclaredDay

pytestmark = pytest.mark.django_db


def test_demo_declares_one_make_up_saturday():
    _declare_demo_days()
    _declare_demo_days()
    day = DeclaredDay.objects.get(created_by="demo")
    assert day.date.weekday() == 5 and day.kind == "work"
    assert is_working_day(day.date)
