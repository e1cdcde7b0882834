"""RSS 2.0 feeds of the news index and its categories, with absolute links to the site,
and the ``<link rel="alternate">`` through which feed readers find them on every page."""

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import feedparser
import html5lib
import pytest

from django.template import Context, Template

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


# --- Discovery: what a feed reader does with a page's address ----------------------


def _announced_feeds(response):
    """The RSS feeds a page announces in its ``<head>``: (title, absolute URL) pairs."""
    assert response.status_code == 200
    document = html5lib.parse(response.content, namespaceHTMLElements=False)
    base = f"http://{response.wsgi_request.get_host()}{response.wsgi_request.path}"
    return [
        (link.get("title"), urljoin(base, link.get("href")))
        for link in document.find("head").iter("link")
        if "alternate" in link.get("rel", "").split() and link.get("type") == "application/rss+xml"
    ]


def _read_feed(client, url):
    """The feed at ``url``, fetched and parsed as a feed reader would."""
    parts = urlsplit(url)
    response = client.get(parts.path, HTTP_HOST=parts.netloc)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_every_page_announces_the_sites_news_feed(client, articles):
    for path in ("/", "/tin-tuc/gia-lua-tang/", "/tin-tuc/"):
        feeds = _announced_feeds(client.get(path, HTTP_HOST="alpha.test"))
        assert feeds == [
            ("Tin tức – Cổng Thông tin điện tử Alpha", "http://alpha.test/tin-tuc/rss/")
        ], path
    feed = _read_feed(client, feeds[0][1])
    assert feed.version == "rss20"
    assert feed.feed.title == "Tin tức – Cổng Thông tin điện tử Alpha"
    assert [entry.title for entry in feed.entries] == ["Lễ hội & hội chợ", "Giá lúa tăng"]
    assert feed.entries[1].link == "http://alpha.test/tin-tuc/gia-lua-tang/"


def test_a_category_page_also_announces_its_categorys_feed(client, articles):
    feeds = _announced_feeds(client.get("/tin-tuc/chuyen-muc/kinh-te/", HTTP_HOST="alpha.test"))
    assert feeds == [
        ("Tin tức – Cổng Thông tin điện tử Alpha", "http://alpha.test/tin-tuc/rss/"),
        ("Kinh tế (RSS)", "http://alpha.test/tin-tuc/chuyen-muc/kinh-te/rss/"),
    ]
    feed = _read_feed(client, feeds[1][1])
    assert feed.feed.title.startswith("Kinh tế – ")
    assert [entry.title for entry in feed.entries] == ["Giá lúa tăng"]


def test_english_pages_announce_the_english_feed(client, articles):
    feeds = _announced_feeds(client.get("/en/", HTTP_HOST="alpha.test"))
    assert feeds == [("News – Alpha Portal", "http://alpha.test/en/news/rss/")]
    assert _read_feed(client, feeds[0][1]).feed.language == "en"


def test_each_site_announces_its_own_feed(client, articles):
    feeds = _announced_feeds(client.get("/", HTTP_HOST="beta.test"))
    assert [url for _title, url in feeds] == ["http://beta.test/tin-tuc/rss/"]


def test_the_feed_link_follows_a_renamed_news_index(
    client, sites, articles, django_capture_on_commit_callbacks
):
    assert _announced_feeds(client.get("/", HTTP_HOST="alpha.test"))[0][0].startswith("Tin tức")
    with in_site(sites.alpha), django_capture_on_commit_callbacks(execute=True):
        index = news_index()
        index.title = "Tin tức – Sự kiện"
        index.save_revision().publish()
    feeds = _announced_feeds(client.get("/", HTTP_HOST="alpha.test"))
    assert feeds[0][0] == "Tin tức – Sự kiện – Cổng Thông tin điện tử Alpha"


def test_the_feed_link_costs_no_query_once_remembered(sites, articles, django_assert_num_queries):
    template = Template("{% load news_tags %}{% site_feed as feed %}{{ feed.url }}")
    with in_site(sites.alpha):
        assert template.render(Context()) == "/tin-tuc/rss/"
        with django_assert_num_queries(0):
            assert template.render(Context()) == "/tin-tuc/rss/"


def test_no_feed_outside_a_site(client, sites):
    response = client.get("/", HTTP_HOST="khong-co.test")
    assert response.status_code == 404
    assert b"application/rss+xml" not in response.content
