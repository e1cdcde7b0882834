"""Translators work in wagtail-localize's editor: a page submitted for English appears
under /en/."""

import pytest

from django.db import connection

from wagtail.models import Locale, Page

from tests.conftest import in_site
from tests.sections.factories import ContactPageFactory

pytestmark = pytest.mark.django_db


def test_contact_page_translated_with_wagtail_localize(client, editor_client, sites):
    translator = editor_client(sites.alpha)
    with in_site(sites.alpha):
        en = Locale.objects.get(language_code="en")
        contact = ContactPageFactory(
            slug="lien-he-dich",
            agency_name="Văn phòng UBND tỉnh",
            address="Số 160 đường Trần Hưng Đạo, phường Minh Xuân",
        )
        response = translator.post(
            f"/admin/localize/submit/page/{contact.pk}/",
            {"locales": [en.pk]},
            HTTP_HOST="alpha.test",
        )
        assert response.status_code == 302
        english = Page.objects.get(translation_key=contact.translation_key, locale=en)
        # the translation editor opens for the English page
        editor = translator.get(f"/admin/pages/{english.pk}/edit/", HTTP_HOST="alpha.test")
        assert editor.status_code == 200
        assert b"localize" in editor.content
        english.specific.save_revision().publish()
        english_url = english.get_url()
    connection.set_schema_to_public()
    response = client.get(english_url, HTTP_HOST="alpha.test")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'hreflang="vi"' in html
