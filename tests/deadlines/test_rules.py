"""Due times through the site's rule table on real edge cases (Tết 2027, a make-up
Saturday, a Friday-afternoon event under the 8-working-hour rule, a document
received on the eve of a holiday), and the per-site defaults (Tuyên Quang and
Quảng Trị differ for the Party committee's documents)."""

from datetime import date, datetime

import pytest

from deadlines.kinds import Kind
from deadlines.models import DeadlineRule
from deadlines.services import due_at, seed_rules, site_rules
from tests.conftest import in_site
from workdays.calendar import TIMEZONE
from workdays.models import DayKind, DeclaredDay

pytestmark = pytest.mark.django_db


def at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=TIMEZONE)


def test_event_ending_friday_16h_is_due_monday_16h30(sites):
    with in_site(sites.alpha):
        rules = site_rules()
        assert rules[Kind.EVENT_NEWS][:2] == (8, "working_hours")
        # Friday 04/12/2026 16:00 + 8 working hours: 1 h on Friday, 7 h on Monday
        assert due_at(Kind.EVENT_NEWS, at(2026, 12, 4, 16)) == at(2026, 12, 7, 16, 30)


def test_tet_2027_and_the_eve_of_a_holiday(sites):
    with in_site(sites.alpha):
        # an administrative document received on Wednesday 03/02/2027, the eve of Tết
        # (04–10/02 off): 2 working days → Thursday 11 and Friday 12/02, 17:00
        assert due_at(Kind.ADMINISTRATIVE, at(2027, 2, 3, 15)) == at(2027, 2, 12, 17)
        # a legal normative document received the same day: 7 working days
        assert due_at(Kind.LEGAL_NORMATIVE, at(2027, 2, 3, 9)) == at(2027, 2, 19, 17)
        # an event ending on 29 Tết at 10:00 (a holiday): counted from Thursday 11/02
        # 07:30: 7.5 working hours that day, the last half hour on Friday
        assert due_at(Kind.EVENT_NEWS, at(2027, 2, 4, 10)) == at(2027, 2, 12, 8)
        # an emergency is due the same calendar day, holiday or not
        assert due_at(Kind.EMERGENCY, at(2027, 2, 6, 8)) == at(2027, 2, 6, 23, 59)
        # planning: 15 calendar days
        assert due_at(Kind.PLANNING, at(2027, 2, 3, 9)) == at(2027, 2, 18, 9)


def test_a_make_up_saturday_counts(sites):
    with in_site(sites.alpha):
        # the government's make-up Saturday 22/08/2026 (for Monday 31/08): a document
        # received on Friday 21/08 is due on the 2nd working day, Monday 24 (Saturday 22
        # is the first)
        assert due_at(Kind.ADMINISTRATIVE, at(2026, 8, 21, 10)) == at(2026, 8, 24, 17)
        # a make-up Saturday the province declares
        DeclaredDay.objects.create(date=date(2026, 12, 12), kind=DayKind.WORK)
        assert due_at(Kind.PROJECTS, at(2026, 12, 11, 10)) == at(2026, 12, 14, 17)
        assert due_at(Kind.EVENT_NEWS, at(2026, 12, 11, 16)) == at(2026, 12, 12, 16, 30)


def test_the_sites_rule_is_used(sites):
    with in_site(sites.beta):
        DeadlineRule.objects.filter(kind=Kind.ADMINISTRATIVE).update(amount=4)
        assert due_at(Kind.ADMINISTRATIVE, at(2026, 12, 7, 9)) == at(2026, 12, 11, 17)
    with in_site(sites.alpha):
        assert due_at(Kind.ADMINISTRATIVE, at(2026, 12, 7, 9)) == at(2026, 12, 9, 17)


def test_party_committee_default_tuyen_quang_and_quang_tri(sites):
    from provisioning.members import change_workflow

    with in_site(sites.gamma):
        rule = DeadlineRule.objects.get(kind=Kind.PARTY_COMMITTEE)
        assert (rule.amount, rule.unit) == (2, "working_days")  # Tuyên Quang, 000 Đ12
    # the operations centre gives gamma the Quảng Trị preset: 5 working days (001 Đ14)
    change_workflow(sites.gamma, "operator", "party_quang_tri")
    with in_site(sites.gamma):
        assert DeadlineRule.objects.get(kind=Kind.PARTY_COMMITTEE).amount == 5
        assert due_at(Kind.PARTY_COMMITTEE, at(2026, 12, 7, 9)) == at(2026, 12, 14, 17)
        # a fresh site of that preset is seeded with 5 as well
        DeadlineRule.objects.all().delete()
        assert seed_rules("party_quang_tri") == len(Kind.values)
        assert DeadlineRule.objects.get(kind=Kind.PARTY_COMMITTEE).amount == 5
    with in_site(sites.alpha):
        assert DeadlineRule.objects.get(kind=Kind.PARTY_COMMITTEE).amount == 2
