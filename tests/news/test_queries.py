"""Query budgets of the news pages for an anonymous visitor (page cache off)."""

import pytest

from wagtail.rich_text import RichText

from tests.conftest import in_site
from tests.factories import ImageFactory
from tests.news.factories import NewsArticlePageFactory, NewsCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_site(sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    with in_site(sites.alpha):
        economy = NewsCategoryFactory(name="Kinh tế")
        NewsCategoryFactory(name="Văn hóa")
        image = ImageFactory()
        for number in range(14):
            NewsArticlePageFactory(
                title=f"Tin {number}",
                slug=f"tin-{number}",
                hours=number,
                category=economy,
                feed_image=image,
                tags=["Kinh tế", f"Tin {number}"],
            )
        NewsArticlePageFactory(
            title="Bài đầy đủ",
            slug="bai-day-du",
            hours=20,
            category=economy,
            feed_image=image,
            tags=["Kinh tế", "Hội nghị"],
            author="Minh Anh",
            source_name="Báo Tuyên Quang",
            body=[
                ("paragraph", RichText("<p>Đoạn đầu.</p>")),
                (
                    "image",
                    {
                        "image": {"image": image, "decorative": False, "alt_text": "Ảnh"},
                        "caption": "Chú thích",
                    },
                ),
                ("quote", {"quote": "Trích dẫn", "attribution": "Ông A"}),
            ],
        )


def _measure(client, path, budget, django_assert_max_num_queries):
    assert client.get(path, HTTP_HOST="alpha.test").status_code == 200  # warm caches
    with django_assert_max_num_queries(budget):
        assert client.get(path, HTTP_HOST="alpha.test").status_code == 200


# What every page costs before the news app adds anything (Wagtail 8 and base.html,
# measured): routing -- the locale, the site's root, a lookup per path segment and
# the specific pages (5 for the index, 7 for an article) --, Wagtail's view
# restriction check (2), branding (1), language links (1), menu (1), breadcrumb (1).
PLATFORM_INDEX = 11
PLATFORM_ARTICLE = 13


@pytest.mark.parametrize(
    ("path", "news_queries"),
    [
        # count and page of the articles with category and image, renditions, categories
        ("/tin-tuc/", 4),
        ("/tin-tuc/?page=2", 4),
        ("/tin-tuc/chuyen-muc/kinh-te/", 4),  # the category comes with the categories
        ("/tin-tuc/the/kinh-t%E1%BA%BF/", 5),  # + the tag
    ],
)
def test_index_query_budget(client, full_site, path, news_queries, django_assert_max_num_queries):
    _measure(client, path, PLATFORM_INDEX + news_queries, django_assert_max_num_queries)


@pytest.mark.parametrize(
    ("path", "news_queries"),
    [
        # category, tags, related stories and their renditions, the body's image
        # (its rendition comes from the renditions cache)
        ("/tin-tuc/bai-day-du/", 5),
        # category, the body's image; no tags, no related stories
        ("/tin-tuc/bai-day-du/in/", 2),
    ],
)
def test_article_query_budget(client, full_site, path, news_queries, django_assert_max_num_queries):
    _measure(client, path, PLATFORM_ARTICLE + news_queries, django_assert_max_num_queries)
