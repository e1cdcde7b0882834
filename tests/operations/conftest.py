"""Fixtures of the operations tests (the console host, public schema)."""

import pytest

from django.contrib.auth import get_user_model

from tests.two_factor import verified_login


@pytest.fixture
def operator_client(client, db, sites):
    """A client signed in to the console as an operator of the operations centre."""
    user = get_user_model().objects.create_superuser("vanhanh", "v@example.vn", "mat-khau-van-hanh")
    verified_login(client, user)
    return client
