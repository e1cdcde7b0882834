"""Visit counters: a beacon counts a visit (robots not) without touching the cached
page, the footer shows where the figures go, and the daily rollup writes public."""

import pytest

from django.test import Client
from django.utils import timezone

from operations.models import VisitDay
from operations.tasks import rollup_visits
from tests.conftest import in_site

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


def test_beacon_counts_visits_per_site_ignores_bots_and_rolls_up(sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    client = Client()
    client.get("/", HTTP_HOST="alpha.test")
    page = client.get("/", HTTP_HOST="alpha.test")
    assert page["X-Page-Cache"] == "hit"  # the counter does not defeat the cache
    html = page.content.decode()
    assert 'data-visit-counter="/luot-truy-cap/"' in html and "operations/visits.js" in html

    for _ in range(3):
        response = client.post("/luot-truy-cap/", HTTP_HOST="alpha.test", HTTP_USER_AGENT=BROWSER)
    assert response.json() == {"online": 3, "today": 3, "total": 3}
    assert response["Cache-Control"] == "no-store"
    for robot in ("Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.0", ""):
        response = client.post("/luot-truy-cap/", HTTP_HOST="alpha.test", HTTP_USER_AGENT=robot)
    assert response.json()["today"] == 3
    # another site counts its own
    beta = client.post("/luot-truy-cap/", HTTP_HOST="beta.test", HTTP_USER_AGENT=BROWSER)
    assert beta.json()["today"] == 1
    assert client.get("/luot-truy-cap/", HTTP_HOST="alpha.test").status_code == 405

    rollup_visits.apply()
    rollup_visits.apply()  # idempotent
    today = timezone.localdate()
    rows = dict(VisitDay.objects.filter(day=today).values_list("tenant__slug", "visits"))
    assert rows == {"alpha": 3, "beta": 1}
    with in_site(sites.alpha):
        from operations import visits

        assert visits.figures()["total"] == 3
