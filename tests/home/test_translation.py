"""Translators work in wagtail-localize's editor: a page submitted for English appears
under /en/."""

import pytest

from django.contrib.auth import get_user_model
from django.db import connection

from wagtail.models import Locale, Page

from home.models import HomePage
from sitepages.models import ContactPage
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def test_contact_page_translated_with_wagtail_localize(client, sites):
    with in_site(sites.alpha):
        vi = Locale.objects.get(language_code="vi")
        en = Locale.objects.get(language_code="en")
        home = HomePage.objects.get(locale=vi)
        contact = ContactPage(
            title="Liên hệ",
            slug="lien-he-dich",
            agency_name="Văn phòng UBND tỉnh",
            address="Số 160 đường Trần Hưng Đạo, phường Minh Xuân",
        )
        home.add_child(instance=contact)
        contact.save_revision().publish()
        user = get_user_model().objects.create_superuser("translator", "t@example.vn", "pw")
        client.force_login(user)
        response = client.post(
            f"/admin/localize/submit/page/{contact.pk}/",
            {"locales": [en.pk]},
            HTTP_HOST="alpha.test",
        )
        assert response.status_code == 302
        english = Page.objects.get(translation_key=contact.translation_key, locale=en)
        # the translation editor opens for the English page
        editor = client.get(f"/admin/pages/{english.pk}/edit/", HTTP_HOST="alpha.test")
        assert editor.status_code == 200
        assert b"localize" in editor.content
        english.specific.save_revision().publish()
        english_url = english.get_url()
    connection.set_schema_to_public()
    client.logout()
    response = client.get(english_url, HTTP_HOST="alpha.test")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'hreflang="vi"' in html
