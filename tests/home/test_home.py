"""The home page: blocks the board arranges, layout pieces, languages, query budget."""

import pytest

from django.db import connection

from wagtail.rich_text import RichText

from tests.conftest import in_site
from tests.home.factories import home_page
from tests.news.factories import NewsArticlePageFactory, NewsCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_TIMEOUT = 0


@pytest.fixture
def portal_home(sites):
    """The alpha portal's home page arranged from blocks, with six stories."""
    with in_site(sites.alpha):
        home = home_page()
        category = NewsCategoryFactory(name="Thời sự")
        for i in range(6):
            NewsArticlePageFactory(
                title=f"Tin số {i} về Tuyên Quang",
                slug=f"tin-so-{i}",
                hours=i,
                lead=f"Sapo {i}",
                category=category if i % 2 else None,
                body=[("paragraph", RichText("<p>Nội dung bài viết.</p>"))],
            )
        home.body = [
            ("featured_story", {"page": None}),
            ("latest_news", {"heading": "Tin mới", "category": None, "count": 5}),
            ("latest_news", {"heading": "Thời sự", "category": category, "count": 5}),
            ("latest_documents", {"heading": "Văn bản mới", "count": 5}),
            (
                "links",
                {
                    "heading": "Liên kết",
                    "links": [
                        {"title": "Cổng Dịch vụ công quốc gia", "url": "https://dichvucong.gov.vn"}
                    ],
                },
            ),
        ]
        home.save_revision().publish()
    connection.set_schema_to_public()
    return home


def test_blocks_render_in_order(client, portal_home, uncached):
    html = client.get("/", HTTP_HOST="alpha.test").content.decode()
    assert "Tin nổi bật" in html
    assert "Tin số 5 về Tuyên Quang" in html
    assert (
        html.index("Tin nổi bật")
        < html.index("Văn bản mới")
        < html.index("Cổng Dịch vụ công quốc gia")
    )
    assert html.count("<h1") == 1


def test_layout_has_search_text_size_language_switch_and_hreflang(client, portal_home, uncached):
    html = client.get("/", HTTP_HOST="alpha.test").content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert 'data-text-size="larger"' in html
    assert 'hreflang="en"' in html and 'rel="alternate"' in html
    english = client.get("/en/", HTTP_HOST="alpha.test").content.decode()
    assert '<html lang="en">' in english
    assert 'href="/"' in english  # back to Vietnamese


def test_commune_site_has_no_language_switch(client, sites, uncached):
    html = client.get("/", HTTP_HOST="beta.test").content.decode()
    assert "hreflang" not in html


def test_theme_follows_kind_of_site(client, sites, uncached):
    assert "themes/gov/css/theme.css" in client.get("/", HTTP_HOST="alpha.test").content.decode()
    assert "themes/local/css/theme.css" in client.get("/", HTTP_HOST="beta.test").content.decode()
    assert "themes/party/css/theme.css" in client.get("/", HTTP_HOST="gamma.test").content.decode()


def test_home_query_budget(client, portal_home, uncached, django_assert_max_num_queries):
    client.get("/", HTTP_HOST="alpha.test")
    # routing 0, page lookup 2, branding 1, menu 1, language links 1,
    # featured 1, latest news ×2, documents 1, plus Wagtail's revision/privacy checks
    with django_assert_max_num_queries(14):
        response = client.get("/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
