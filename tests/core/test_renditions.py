"""Image renditions are generated once, then served from the database and the cache."""

import io

import pytest
from PIL import Image as PILImage

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model

from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def test_a_rendition_is_made_once_and_then_read_without_queries(sites):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), "#0b4f8a").save(buffer, "JPEG")
    with in_site(sites.beta):
        image = get_image_model().objects.create(
            title="Ảnh thử",
            description="Ảnh thử",
            file=ImageFile(buffer, name="anh-thu.jpg"),
        )
        first = image.get_rendition("fill-480x320")
        assert image.renditions.count() == 1
        fresh = get_image_model().objects.get(pk=image.pk)
        with CaptureQueriesContext(connection) as queries:
            again = fresh.get_rendition("fill-480x320")
        assert again.file.name == first.file.name
        assert image.renditions.count() == 1
        assert not any("INSERT" in q["sql"] for q in queries)
        assert len(queries) == 0, "served from the renditions cache"
