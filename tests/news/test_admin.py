"""Editors write articles in the Wagtail admin; bad input gets a clear Vietnamese message."""

import pytest

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsArticlePage
from tests.conftest import in_site
from tests.factories import ImageFactory
from tests.news.factories import NewsArticlePageFactory, NewsCategoryFactory, news_index

# pages are published from the editor here: no approval workflow in the way (tests/editorial)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_workflow")]


def _form(**overrides):
    data = {
        "title": "Khai mạc Hội chợ Thương mại tỉnh năm 2026",
        "slug": "khai-mac-hoi-cho-2026",
        "lead": "Sáng 3/4, Hội chợ Thương mại tỉnh khai mạc với 300 gian hàng.",
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>Hội chợ kéo dài đến hết ngày 9/4.</p>")),
            ]
        ),
        "author": "Minh Anh",
        "event_date": "2026-04-03",
        "tags": "Hội chợ, Thương mại",
        "source_name": "",
        "source_author": "",
        "source_published_at": "",
        "source_url": "",
        "feed_image_alt": "",
        "related_story_links": inline_formset([]),
        "royalty_authors": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def _add_url(index):
    return f"/admin/pages/add/news/newsarticlepage/{index.pk}/"


def test_editor_creates_an_article_and_visitors_see_it(client, editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        index = news_index()
        category = NewsCategoryFactory(name="Kinh tế")
        image = ImageFactory()
        earlier = NewsArticlePageFactory(title="Chuẩn bị hội chợ", slug="chuan-bi-hoi-cho")
    assert editor.get(_add_url(index), HTTP_HOST="alpha.test").status_code == 200

    body = streamfield(
        [
            ("paragraph", rich_text("<p>Hội chợ kéo dài đến hết ngày 9/4.</p>")),
            (
                "image",
                {
                    "image": {
                        "image": image.pk,
                        "decorative": "",
                        "alt_text": "Gian hàng nông sản",
                    },
                    "caption": "Gian hàng nông sản đặc sản",
                },
            ),
        ]
    )
    response = editor.post(
        _add_url(index),
        _form(
            category=category.pk,
            body=body,
            feed_image=image.pk,
            source_name="Báo Tuyên Quang",
            source_url="https://baotuyenquang.com.vn/bai-goc",
            related_story_links=inline_formset([{"story": earlier.pk}]),
        ),
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    with in_site(sites.alpha):
        article = NewsArticlePage.objects.get(slug="khai-mac-hoi-cho-2026")
        assert article.live
        assert article.category == category
        assert sorted(article.tags.names()) == ["Hội chợ", "Thương mại"]
        assert article.body[1].block_type == "image"
        assert article.feed_image_alt_text == image.title
        assert [link.story for link in article.related_story_links.all()] == [earlier]

    page = client.get("/tin-tuc/khai-mac-hoi-cho-2026/", HTTP_HOST="alpha.test")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Khai mạc Hội chợ Thương mại tỉnh năm 2026</h1>" in html
    assert "Hội chợ kéo dài đến hết ngày 9/4." in html
    assert 'alt="Gian hàng nông sản"' in html
    assert "Gian hàng nông sản đặc sản</figcaption>" in html
    assert 'href="/tin-tuc/chuyen-muc/kinh-te/"' in html
    assert 'href="/tin-tuc/the/h%E1%BB%99i-ch%E1%BB%A3/"' in html  # "hội-chợ", percent-encoded
    assert 'href="/tin-tuc/chuan-bi-hoi-cho/"' in html  # the chosen related story


def test_source_link_without_source_name_is_refused_in_vietnamese(editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        index = news_index()
    response = editor.post(
        _add_url(index),
        _form(source_url="https://baotuyenquang.com.vn/bai-goc"),
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 200
    assert "Hãy ghi tên nguồn" in response.content.decode()
    with in_site(sites.alpha):
        assert not NewsArticlePage.objects.filter(slug="khai-mac-hoi-cho-2026").exists()


def test_overlong_lead_is_refused(editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        index = news_index()
    response = editor.post(
        _add_url(index), _form(lead="Sapo rất dài. " * 60), HTTP_HOST="alpha.test"
    )
    assert response.status_code == 200
    assert "600" in response.content.decode()  # Django's "tối đa 600 ký tự" message
    with in_site(sites.alpha):
        assert not NewsArticlePage.objects.filter(slug="khai-mac-hoi-cho-2026").exists()


def test_model_validation_and_nfc(sites):
    from django.core.exceptions import ValidationError

    with in_site(sites.alpha):
        article = NewsArticlePage(
            title="Tuye\u0302n Quang",
            slug="nfc",
            lead="Sapo",
            body=[],
            source_author="Nguyễn Văn A",
        )
        with pytest.raises(ValidationError) as error:
            article.clean()
        assert "source_name" in error.value.message_dict
        article.source_name = "Báo Tuyên Quang"
        article.clean()
        assert article.title == "Tuyên Quang"  # NFC: one code point for "ê"
