"""What visitors see of an article: its parts in order, the source at the end, print view."""

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from wagtail.blocks import StreamValue
from wagtail.blocks.migrations.operations import StreamChildrenToStructBlockOperation
from wagtail.models import Locale

from news.models import NewsArticlePage, NewsArticleRelatedStory
from tests.conftest import in_site
from tests.factories import ImageFactory
from tests.news.factories import NewsArticlePageFactory, NewsCategoryFactory

pytestmark = pytest.mark.django_db

SOURCE = {
    "source_name": "Báo Tuyên Quang",
    "source_author": "Thanh Hà",
    "source_published_at": timezone.make_aware(dt.datetime(2026, 4, 2, 16, 45)),
    "source_url": "https://baotuyenquang.com.vn/kinh-te/hoi-cho-2026.html",
}


def _text(element):
    return re.sub(r"\s+", " ", element.get_text()).strip()


@pytest.fixture
def article(sites):
    with in_site(sites.alpha):
        return NewsArticlePageFactory(
            title="Hội chợ Thương mại 2026",
            slug="hoi-cho-2026",
            category=NewsCategoryFactory(name="Kinh tế"),
            author="Minh Anh",
            tags=["Hội chợ"],
            **SOURCE,
        )


def test_article_shows_its_parts_and_the_source_last(client, article):
    response = client.get("/tin-tuc/hoi-cho-2026/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("h1")) == 1
    body = soup.find("article")
    assert _text(body.find(class_="article-category")) == "Kinh tế"
    assert "03/04/2026 08:00" in _text(body.find(class_="article-meta"))  # d/m/Y H:i, local time
    assert body.find("p", class_="lead").get_text() == "Sapo của bài Hội chợ Thương mại 2026."

    source = body.find(class_="article-source")
    assert _text(source) == (
        "Nguồn: Báo Tuyên Quang, tác giả Thanh Hà, đăng lúc 02/04/2026 16:45, "
        "https://baotuyenquang.com.vn/kinh-te/hoi-cho-2026.html"
    )
    assert source.find("a")["href"] == SOURCE["source_url"]
    # The source is the last thing the article says: after the body and the author.
    visible = [
        child
        for child in body.find_all(recursive=False)
        if "print-only" not in child.get("class", [])
    ]
    assert visible[-1] is source
    assert "article-author" in visible[-2].get("class", [])

    tags = soup.find(class_="article-tags")
    assert _text(tags.find("a")) == "Hội chợ"


def test_print_button_and_print_view(client, article):
    html = client.get("/tin-tuc/hoi-cho-2026/", HTTP_HOST="alpha.test").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    button = soup.find("button", string=re.compile("In bài / Lưu bài"))
    assert button.has_attr("data-print")  # site.js prints (no inline onclick: CSP)
    assert not button.has_attr("onclick")
    assert soup.find("a", href="/tin-tuc/hoi-cho-2026/in/")

    response = client.get("/tin-tuc/hoi-cho-2026/in/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == "Hội chợ Thương mại 2026"
    assert soup.find(class_="site-nav") is None
    assert soup.find(class_="related-stories") is None
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("link", rel="canonical")["href"] == "http://alpha.test/tin-tuc/hoi-cho-2026/"
    text = _text(soup.find("article"))
    assert "Sapo của bài Hội chợ Thương mại 2026." in text
    assert "Nội dung bài Hội chợ Thương mại 2026." in text
    assert "Nguồn: Báo Tuyên Quang" in text
    assert "Địa chỉ bài viết: http://alpha.test/tin-tuc/hoi-cho-2026/" in text
    assert "03/04/2026 08:00" in text


def test_related_stories_chosen_or_latest_of_the_category(
    client, sites, article, django_assert_num_queries
):
    with in_site(sites.alpha):
        same = [
            NewsArticlePageFactory(
                title=f"Kinh tế {i}", slug=f"kinh-te-{i}", hours=i, category=article.category
            )
            for i in range(1, 6)
        ]
        other = NewsArticlePageFactory(title="Văn hóa", slug="van-hoa", hours=10)
        article = NewsArticlePage.objects.get(pk=article.pk)
        # one query (their images' renditions would be a second; these have none)
        with django_assert_num_queries(1):
            latest = article.get_related_stories()
        assert [s.slug for s in latest] == ["kinh-te-5", "kinh-te-4", "kinh-te-3", "kinh-te-2"]

        NewsArticleRelatedStory.objects.create(page=article, story=other, sort_order=0)
        NewsArticleRelatedStory.objects.create(page=article, story=same[0], sort_order=1)
        assert [s.slug for s in article.get_related_stories()] == ["van-hoa", "kinh-te-1"]

    soup = BeautifulSoup(
        client.get("/tin-tuc/hoi-cho-2026/", HTTP_HOST="alpha.test").content, "html.parser"
    )
    related = soup.find(class_="related-stories")
    assert [a.get_text() for a in related.find_all("a")] == ["Văn hóa", "Kinh tế 1"]


def test_a_translation_shows_translations_of_the_chosen_stories(sites, article):
    with in_site(sites.alpha):
        english = Locale.objects.get(language_code="en")
        other = NewsArticlePageFactory(title="Văn hóa", slug="van-hoa", hours=2)
        other_en = other.copy_for_translation(english)
        other_en.title = "Culture"
        other_en.save_revision().publish()
        NewsArticlePageFactory(title="Chưa dịch", slug="chua-dich", hours=3)
        NewsArticleRelatedStory.objects.create(page=article, story=other, sort_order=0)
        article = NewsArticlePage.objects.get(pk=article.pk)
        article_en = article.copy_for_translation(english)
        article_en.title = "Trade fair"
        article_en.save_revision().publish()
        assert [s.title for s in article.get_related_stories()] == ["Văn hóa"]
        assert [s.title for s in article_en.get_related_stories()] == ["Culture"]


def test_listing_image_has_alternative_text(client, sites, article):
    with in_site(sites.alpha):
        image = ImageFactory(title="Toàn cảnh hội chợ")
        NewsArticlePageFactory(
            title="Tin có ảnh",
            slug="tin-co-anh",
            hours=1,
            category=article.category,
            feed_image=image,
        )
        NewsArticlePageFactory(
            title="Tin có ảnh 2",
            slug="tin-co-anh-2",
            hours=2,
            category=article.category,
            feed_image=image,
            feed_image_alt="Người dân tham quan gian hàng",
        )
    soup = BeautifulSoup(client.get("/tin-tuc/", HTTP_HOST="alpha.test").content, "html.parser")
    alts = [img["alt"] for img in soup.select(".news-card img")]
    assert alts == ["Người dân tham quan gian hàng", "Toàn cảnh hội chợ"]


def test_old_image_blocks_are_wrapped_into_figures(sites):
    """What migration 0002 does to the body of existing articles."""
    with in_site(sites.alpha):
        image = ImageFactory()
        old = [
            {
                "type": "image",
                "id": "a1",
                "value": {"image": image.pk, "decorative": False, "alt_text": "Lễ khai mạc"},
            },
            {"type": "paragraph", "id": "a2", "value": "<p>Chữ</p>"},
        ]
        new = StreamChildrenToStructBlockOperation("image", "image").apply(old)
        stream_block = NewsArticlePage._meta.get_field("body").stream_block
        value = StreamValue(stream_block, new, is_lazy=True)
        html = value[0].render()
        assert 'alt="Lễ khai mạc"' in html
        assert value[1].block_type == "paragraph"
