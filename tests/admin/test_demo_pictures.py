"""The demo's pictures (provisioning/demo/pictures.py): drawn by the project, the same
bytes every time, with Vietnamese alternative text, on every demo story, in a
gallery, and leading the home page's featured story."""

import re

import pytest

from django.db import connection

from provisioning.demo.pictures import SCENES, draw_scene
from provisioning.demo_data import build_demo_site
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def test_scenes_are_deterministic_small_jpegs():
    for name in SCENES:
        data = draw_scene(name)
        assert data[:3] == b"\xff\xd8\xff" and len(data) < 60_000, name
        assert data == draw_scene(name)
    assert draw_scene("dong-song", seed=1) != draw_scene("dong-song")


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_TIMEOUT = 0


def test_the_demo_home_and_stories_lead_with_pictures(client, sites, uncached):
    with in_site(sites.beta):
        build_demo_site("sonduong")
        from news.models import NewsArticlePage

        articles = list(NewsArticlePage.objects.live().select_related("feed_image"))
        assert articles and all(a.feed_image_id for a in articles)
        alts = {a.feed_image_alt_text for a in articles}
        assert alts <= {scene.alt for scene in SCENES.values()}
        with_gallery = [a for a in articles if any(b.block_type == "gallery" for b in a.body)]
        assert len(with_gallery) == 1
        story_url = with_gallery[0].url
    connection.set_schema_to_public()

    home = client.get("/", HTTP_HOST="beta.test").content.decode()
    featured = re.search(r'<img[^>]*class="featured-story-image"[^>]*>', home)
    assert featured, "the featured story has no picture"
    assert re.search(r'alt="[^"]{20,}"', featured.group(0))
    news = client.get("/tin-tuc/", HTTP_HOST="beta.test").content.decode()
    assert news.count('class="news-card-image"') >= 2  # the news index's cards
    story = client.get(story_url, HTTP_HOST="beta.test").content.decode()
    gallery = re.search(r'<section class="gallery".*?</section>', story, re.S).group(0)
    assert gallery.count("<img") == 3 and f'alt="{SCENES["dong-song"].alt}"' in gallery
    # the renditions are served from the site's own host
    src = re.search(r'src="([^"]+)"', featured.group(0)).group(1)
    assert (
        src.startswith("/media/sites/")
        and client.get(src, HTTP_HOST="beta.test").status_code == 200
    )
