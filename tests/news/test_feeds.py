"""RSS 2.0 feeds of the news index and its categories, with absolute links to the site."""

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest

from wagtail.models import Locale

from tests.conftest import in_site

from .conftest import BASE_TIME, make_article, make_category, news_index

pytestmark = pytest.mark.django_db


def _channel(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


@pytest.fixture
def articles(sites):
    with in_site(sites.alpha):
        index = news_index()
        economy = make_category("Kinh tế", "kinh-te")
        make_article(
            index,
            "Giá lúa tăng",
            "gia-lua-tang",
            hours=1,
            category=economy,
            lead="Giá lúa vụ xuân tăng 5%.",
        )
        make_article(index, "Lễ hội & hội chợ", "le-hoi", hours=2)


def test_index_feed(client, articles):
    channel = _channel(client.get("/tin-tuc/rss/", HTTP_HOST="alpha.test"))
    assert channel.findtext("title") == "Tin tức – Cổng Thông tin điện tử Alpha"
    assert channel.findtext("link") == "http://alpha.test/tin-tuc/"
    assert channel.findtext("language") == "vi"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Lễ hội & hội chợ", "Giá lúa tăng"]
    item = items[1]
    assert item.findtext("link") == "http://alpha.test/tin-tuc/gia-lua-tang/"
    assert item.findtext("guid") == "http://alpha.test/tin-tuc/gia-lua-tang/"
    assert item.findtext("description") == "Giá lúa vụ xuân tăng 5%."
    assert item.findtext("category") == "Kinh tế"
    assert parsedate_to_datetime(item.findtext("pubDate")) == BASE_TIME.replace(hour=9)


def test_category_feed_has_only_that_category(client, articles):
    channel = _channel(client.get("/tin-tuc/chuyen-muc/kinh-te/rss/", HTTP_HOST="alpha.test"))
    assert channel.findtext("title").startswith("Kinh tế – ")
    assert channel.findtext("link") == "http://alpha.test/tin-tuc/chuyen-muc/kinh-te/"
    assert [item.findtext("title") for item in channel.findall("item")] == ["Giá lúa tăng"]


def test_feed_links_use_each_sites_host(client, sites, articles):
    with in_site(sites.beta):
        make_article(news_index(), "Tin xã", "tin-xa")
    channel = _channel(client.get("/tin-tuc/rss/", HTTP_HOST="beta.test"))
    assert [item.findtext("link") for item in channel.findall("item")] == [
        "http://beta.test/tin-tuc/tin-xa/"
    ]


def test_english_feed_lists_english_articles(client, sites, articles):
    with in_site(sites.alpha):
        source = make_article(news_index(), "Khai mạc lễ hội", "khai-mac", hours=3)
        english = source.copy_for_translation(Locale.objects.get(language_code="en"))
        english.title = "Festival opens"
        english.first_published_at = source.first_published_at
        english.save_revision().publish()
    channel = _channel(client.get("/en/news/rss/", HTTP_HOST="alpha.test"))
    assert channel.findtext("language") == "en"
    assert channel.findtext("title") == "News – Alpha Portal"
    assert [item.findtext("link") for item in channel.findall("item")] == [
        "http://alpha.test/en/news/khai-mac/"
    ]
