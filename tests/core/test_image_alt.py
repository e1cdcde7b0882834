"""Images uploaded in the admin need alternative text."""

import io

import pytest
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model

from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#a31515").save(buffer, "PNG")
    return SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")


def test_upload_without_alternative_text_is_refused_in_vietnamese(editor_client, sites):
    editor = editor_client(sites.beta)
    with in_site(sites.beta):
        response = editor.post(
            "/admin/images/add/",
            {"title": "Hội nghị", "description": "", "file": _png()},
            HTTP_HOST="beta.test",
        )
        assert response.status_code == 200
        assert "Hãy nhập văn bản thay thế" in response.content.decode()
        assert not get_image_model().objects.filter(title="Hội nghị").exists()
        response = editor.post(
            "/admin/images/add/",
            {"title": "Hội nghị", "description": "Quang cảnh hội nghị", "file": _png()},
            HTTP_HOST="beta.test",
        )
        assert response.status_code == 302
        assert get_image_model().objects.get(title="Hội nghị").description == "Quang cảnh hội nghị"
