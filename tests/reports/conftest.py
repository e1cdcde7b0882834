"""Fixtures of the reports tests (the console host, public schema)."""

import pytest

from django.contrib.auth import get_user_model

from tests.two_factor import verified_login


@pytest.fixture
def operator_client(client, db, sites):
    """A client signed in to the console as an operator of the operations centre."""
    user = get_user_model().objects.create_superuser("vanhanh", "v@example.vn", "mat-khau-van-hanh")
    verified_login(client, user)
    return client


@pytest.fixture(autouse=True)
def no_figures_from_elsewhere(db):
    """These tests sum rows in ``public``: rows another test committed are set aside
    for the test (rolled back with it)."""
    from operations.models import VisitDay
    from reports.models import ReportJob, SiteDayFigure
    from syndication.models import Offer

    for model in (SiteDayFigure, ReportJob, VisitDay, Offer):
        model.objects.all().delete()
