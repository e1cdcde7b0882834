import pytest


@pytest.fixture(autouse=True)
def no_offers_from_elsewhere(db):
    """These tests count the exchange's rows: offers another test committed to ``public``
    (a site it made and removed) are set aside for the test (rolled back with it)."""
    from syndication.models import Offer

    Offer.objects.all().delete()
