"""Existing sites: the skeleton's content page "Lấy ý kiến dự thảo" becomes the drafts
index (migration consultation 0002), keeping its lead, text and files."""

import importlib
import json
from types import SimpleNamespace

import pytest

from django.apps import apps
from django.db import connection

from consultation.models import ConsultationIndexPage
from sitepages.models import ContentPage
from tests.conftest import in_site
from tests.documents.factories import DocumentFactory
from tests.home.factories import home_page
from tests.sections.factories import ContentPageFactory

from .factories import consultation_index

pytestmark = pytest.mark.django_db

migration = importlib.import_module("consultation.migrations.0002_sections_and_board")


def test_content_section_becomes_the_drafts_index(client, sites):
    with in_site(sites.beta):
        current = consultation_index()
        current.slug = "cu"
        current.save(update_fields=["slug"])
        document = DocumentFactory(title="Dự thảo quy chế thôn", filename="quy-che.pdf")
        old = ContentPageFactory(
            parent=home_page(),
            title="Lấy ý kiến dự thảo",
            slug="lay-y-kien-du-thao",
            lead="Các dự thảo đang lấy ý kiến.",
            body=json.dumps(
                [
                    {"type": "paragraph", "value": "<p>Góp ý gửi về Văn phòng.</p>"},
                    {
                        "type": "attachments",
                        "value": {"title": "", "documents": [document.pk]},
                    },
                ]
            ),
        )
        migration.convert_sections(apps, SimpleNamespace(connection=connection))
        assert not ContentPage.objects.filter(pk=old.pk).exists()
        index = ConsultationIndexPage.objects.get(pk=old.pk)
        assert index.lead == "Các dự thảo đang lấy ý kiến."
        assert "Góp ý gửi về Văn phòng." in index.intro
        assert f'id="{document.pk}"' in index.intro
        revision = index.get_latest_revision_as_object()
        assert isinstance(revision, ConsultationIndexPage)
        assert revision.lead == index.lead
        url = index.url
    response = client.get(url, HTTP_HOST="beta.test")
    assert response.status_code == 200
    assert "Dự thảo quy chế thôn" in response.content.decode()
