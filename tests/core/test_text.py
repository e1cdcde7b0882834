"""Whatever the editor pastes, text is stored as NFC."""

import unicodedata

import pytest

from wagtail.models import Locale
from wagtail.rich_text import RichText

from news.models import NewsArticlePage, NewsIndexPage
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def nfd(text):
    return unicodedata.normalize("NFD", text)


def test_decomposed_text_is_stored_composed(sites):
    title = "Tuyên Quang đẩy mạnh chuyển đổi số"
    with in_site(sites.beta):
        index = NewsIndexPage.objects.get(locale=Locale.objects.get(language_code="vi"))
        page = NewsArticlePage(
            title=nfd(title),
            slug="chuyen-doi-so",
            lead=nfd("Sáng nay, Ủy ban nhân dân xã họp."),
            body=[("paragraph", RichText(nfd("<p>Nội dung có dấu tiếng Việt.</p>")))],
        )
        index.add_child(instance=page)
        page.refresh_from_db()
        assert page.title == title
        assert unicodedata.is_normalized("NFC", page.lead)
        raw = page.body.raw_data[0]["value"]
        assert raw == "<p>Nội dung có dấu tiếng Việt.</p>"
        assert unicodedata.is_normalized("NFC", raw)
