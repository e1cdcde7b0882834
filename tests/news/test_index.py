"""The news index: pages of 12, categories and tags in the path, 404s, the English index."""

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Locale

from tests.conftest import in_site
from tests.news.factories import NewsArticlePageFactory, NewsCategoryFactory

pytestmark = pytest.mark.django_db


def _titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".news-card-title a")]


@pytest.fixture
def two_categories(sites):
    with in_site(sites.alpha):
        economy = NewsCategoryFactory(name="Kinh tế")
        culture = NewsCategoryFactory(name="Văn hóa")
        NewsArticlePageFactory(
            title="Giá lúa tăng",
            slug="gia-lua-tang",
            hours=1,
            category=economy,
            tags=["Nông nghiệp", "Đại hội"],
        )
        NewsArticlePageFactory(
            title="Lễ hội Thành Tuyên",
            slug="le-hoi-thanh-tuyen",
            hours=2,
            category=culture,
            tags=["Đại hội"],
        )
        NewsArticlePageFactory(title="Tin chưa phân loại", slug="tin-chua-phan-loai", hours=3)
    return economy, culture


def test_index_lists_newest_first_with_category_links(client, two_categories):
    response = client.get("/tin-tuc/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert _titles(response) == ["Tin chưa phân loại", "Lễ hội Thành Tuyên", "Giá lúa tăng"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("h1")) == 1
    nav = soup.find("nav", class_="news-categories")
    links = [a["href"] for a in nav.find_all("a")]
    assert links[0] == "/tin-tuc/"  # then the categories, the skeleton's among them
    assert {"/tin-tuc/chuyen-muc/kinh-te/", "/tin-tuc/chuyen-muc/van-hoa/"} <= set(links)
    feed = soup.find("link", rel="alternate", type="application/rss+xml")
    assert feed["href"] == "/tin-tuc/rss/"


def test_category_route_lists_only_that_category(client, two_categories):
    response = client.get("/tin-tuc/chuyen-muc/kinh-te/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert _titles(response) == ["Giá lúa tăng"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == "Kinh tế"
    current = soup.find("nav", class_="news-categories").find("a", attrs={"aria-current": "page"})
    assert current.get_text() == "Kinh tế"
    # after the site's feed, which every page announces (test_feeds.py)
    feeds = [link["href"] for link in soup.find_all("link", type="application/rss+xml")]
    assert "/tin-tuc/chuyen-muc/kinh-te/rss/" in feeds


def test_tag_route_lists_only_tagged_articles(client, two_categories):
    response = client.get("/tin-tuc/the/%C4%91%E1%BA%A1i-h%E1%BB%99i/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert _titles(response) == ["Lễ hội Thành Tuyên", "Giá lúa tăng"]
    heading = BeautifulSoup(response.content, "html.parser").find("h1")
    assert heading.get_text() == "Từ khóa: Đại hội"
    # taggit keeps Vietnamese letters in slugs; links percent-encode them
    soup = BeautifulSoup(
        client.get("/tin-tuc/gia-lua-tang/", HTTP_HOST="alpha.test").content, "html.parser"
    )
    link = soup.select_one(".article-tags").find("a", string="Nông nghiệp")["href"]
    assert link == "/tin-tuc/the/n%C3%B4ng-nghi%E1%BB%87p/"
    assert _titles(client.get(link, HTTP_HOST="alpha.test")) == ["Giá lúa tăng"]


@pytest.mark.parametrize(
    "path",
    [
        "/tin-tuc/chuyen-muc/khong-co/",
        "/tin-tuc/chuyen-muc/khong-co/rss/",
        "/tin-tuc/the/khong-co/",
    ],
)
def test_unknown_category_or_tag_is_the_sites_404(client, two_categories, path):
    response = client.get(path, HTTP_HOST="alpha.test")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_categories_are_per_site(client, sites, two_categories):
    assert client.get("/tin-tuc/chuyen-muc/kinh-te/", HTTP_HOST="beta.test").status_code == 404


@pytest.fixture
def thirteen_articles(sites):
    with in_site(sites.alpha):
        for number in range(1, 14):
            NewsArticlePageFactory(title=f"Tin số {number}", slug=f"tin-so-{number}", hours=number)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [f"Tin số {n}" for n in range(13, 1, -1)]),
        ("?page=1", [f"Tin số {n}" for n in range(13, 1, -1)]),
        ("?page=2", ["Tin số 1"]),
        ("?page=99", ["Tin số 1"]),  # past the end: the last page
        ("?page=0", ["Tin số 1"]),
        ("?page=abc", [f"Tin số {n}" for n in range(13, 1, -1)]),  # not a number: the first page
        ("?page=", [f"Tin số {n}" for n in range(13, 1, -1)]),
    ],
)
def test_pagination_never_fails(client, thirteen_articles, query, expected):
    response = client.get(f"/tin-tuc/{query}", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert _titles(response) == expected


def test_pagination_links(client, thirteen_articles):
    soup = BeautifulSoup(client.get("/tin-tuc/", HTTP_HOST="alpha.test").content, "html.parser")
    assert soup.find("a", rel="next")["href"] == "?page=2"
    assert "Trang 1 / 2" in soup.find(class_="pagination").get_text()


def test_english_index_lists_english_articles(client, sites):
    with in_site(sites.alpha):
        article = NewsArticlePageFactory(title="Khai mạc lễ hội", slug="khai-mac-le-hoi", hours=1)
        NewsArticlePageFactory(title="Chỉ có tiếng Việt", slug="chi-co-tieng-viet", hours=2)
        english = article.copy_for_translation(Locale.objects.get(language_code="en"))
        english.title = "Festival opens"
        english.lead = "The festival opened on Friday."
        english.first_published_at = article.first_published_at
        english.save_revision().publish()

    response = client.get("/en/news/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("html")["lang"] == "en"
    assert _titles(response) == ["Festival opens"]
    assert soup.select_one(".news-card-title a")["href"] == "/en/news/khai-mac-le-hoi/"
    assert soup.find("link", type="application/rss+xml")["href"] == "/en/news/rss/"

    page = client.get("/en/news/khai-mac-le-hoi/", HTTP_HOST="alpha.test")
    assert page.status_code == 200
    meta = BeautifulSoup(page.content, "html.parser").find(class_="article-meta").get_text()
    # English words and date format, in Vietnam's time zone
    assert "Published 3 April 2026, 09:00" in " ".join(meta.split())
