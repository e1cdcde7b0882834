"""A week's generated slug makes way for a sibling that already has it."""

import datetime

import pytest

from django.contrib.auth import get_user_model

from home.models import HomePage
from schedule.models import WeeklySchedulePage, WorkScheduleIndexPage
from sitepages.models import ContentPage
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def test_a_taken_week_slug_gets_a_number(sites):
    with in_site(sites.alpha):
        home = HomePage.objects.get(locale__language_code="vi")
        index = home.add_child(instance=WorkScheduleIndexPage(title="Lịch", slug="lich-thu"))
        index.add_child(instance=ContentPage(title="Tuần 48", slug="tuan-48-2026"))
        user = get_user_model().objects.create_superuser("quantri-lich", "q@alpha.test", None)
        form_class = WeeklySchedulePage.get_edit_handler().get_form_class()
        form = form_class(
            {"title": "", "slug": "", "week_start": f"{datetime.date(2026, 11, 23):%Y-%m-%d}"},
            instance=WeeklySchedulePage(),
            parent_page=index,
            for_user=user,
        )
        form.is_valid()  # the entries' formset is missing: only the slug matters here
        assert form.cleaned_data["slug"] == "tuan-48-2026-1"
