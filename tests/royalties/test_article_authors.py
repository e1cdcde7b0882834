"""An article names its authors in the article editor (inline, a ParentalKey): they go
into the article's revisions and reach the royalty table when it is published; the
credit of an accepted syndicated story survives later edits of the story."""

import datetime as dt

import pytest

from django.contrib.messages import get_messages
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset

from news.models import NewsArticlePage
from royalties import services
from royalties.models import ArticleAuthor, Contributor, Rate
from syndication.models import Offer
from syndication.services import current_tenant
from tests.conftest import in_site
from tests.news.factories import NewsArticlePageFactory, news_index
from tests.news.test_admin import _form

pytestmark = pytest.mark.django_db


def test_authors_are_named_in_the_article_editor(sites, editor_client, no_workflow):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        index = news_index()
        writer = Contributor.objects.create(full_name="Đỗ Thị Hà", pen_name="Hà Giang")
        photographer = Contributor.objects.create(full_name="Vũ Minh Tâm")
        Rate.objects.create(kind="article", amount=400_000, valid_from=dt.date(2026, 1, 1))
        Rate.objects.create(kind="photo", amount=100_000, valid_from=dt.date(2026, 1, 1))
    add_url = f"/admin/pages/add/news/newsarticlepage/{index.pk}/"
    page = editor.get(add_url, HTTP_HOST="alpha.test").content.decode()
    assert "Tác giả hưởng nhuận bút" in page and "royalty_authors-TOTAL_FORMS" in page

    authors = inline_formset(
        [
            {"contributor": writer.pk, "kind": "article", "share": "100"},
            {"contributor": photographer.pk, "kind": "photo", "share": "50"},
        ]
    )
    response = editor.post(
        add_url, _form(slug="bai-co-tac-gia", royalty_authors=authors), HTTP_HOST="alpha.test"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] != "/admin/", [str(m) for m in get_messages(response.wsgi_request)]
    with in_site(sites.alpha):
        article = NewsArticlePage.objects.get(slug="bai-co-tac-gia")
        assert article.live
        links = {link.contributor: link for link in ArticleAuthor.objects.filter(page=article)}
        assert set(links) == {writer, photographer}
        assert links[photographer].kind == "photo" and links[photographer].share == 50
        day = timezone.localdate(article.first_published_at)
        start, end, label = services.period(day.year, month=day.month)
        assert services.build_statement(photographer, start, end, label).total == 50_000

    # an author taken off in the editor is off the article once published
    edit_url = f"/admin/pages/{article.pk}/edit/"
    with in_site(sites.alpha):
        keep, gone = links[writer], links[photographer]
    authors = [
        {"id": keep.pk, "contributor": writer.pk, "kind": "article", "share": "100"},
        {"id": gone.pk, "contributor": photographer.pk, "kind": "photo", "share": "50",
         "DELETE": "1"},
    ]  # fmt: skip
    response = editor.post(
        edit_url,
        _form(slug="bai-co-tac-gia", royalty_authors=inline_formset(authors, initial=2)),
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_site(sites.alpha):
        assert list(ArticleAuthor.objects.filter(page=article)) == [keep]


@pytest.mark.parametrize(
    "lines",
    [
        [{"contributor": "", "kind": "news", "share": "100"}],  # no author
        [{"contributor": "AUTHOR", "kind": "", "share": "100"}],  # no kind of work
        [{"contributor": "AUTHOR", "kind": "news", "share": "-5"}],  # a negative share
        # the same author twice
        [{"contributor": "AUTHOR", "kind": "news", "share": "50"},
         {"contributor": "AUTHOR", "kind": "photo", "share": "50"}],
    ],
)  # fmt: skip
def test_a_wrong_author_line_gets_a_message(sites, editor_client, no_workflow, lines):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        index = news_index()
        author = Contributor.objects.create(full_name="Hoàng Văn Tú")
    for line in lines:
        line["contributor"] = author.pk if line["contributor"] else ""
    response = editor.post(
        f"/admin/pages/add/news/newsarticlepage/{index.pk}/",
        _form(slug="bai-sai-tac-gia", royalty_authors=inline_formset(lines)),
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 200
    assert "error-message" in response.content.decode() or "lỗi" in response.content.decode()
    with in_site(sites.alpha):
        assert not NewsArticlePage.objects.filter(slug="bai-sai-tac-gia").exists()
        assert not ArticleAuthor.objects.filter(contributor=author).exists()


def test_the_credit_of_a_syndicated_story_survives_later_edits(sites):
    now = timezone.now()
    with in_site(sites.alpha):
        page = NewsArticlePageFactory(
            slug="bai-nhan-dang-lai", source_author="Phạm Văn Dũng", source_name="Xã Beta"
        )
        Offer.objects.create(
            source_key="beta", source_name="Xã Beta", source_kind="commune",
            target=current_tenant(), page_id=1, revision_id=1, content_hash="0" * 64,
            title=page.title, url="https://beta.test/bai", published_at=now, changed_at=now,
            status="accepted", accepted_page_id=page.pk,
        )  # fmt: skip
        page.save_revision().publish()  # page_published credits the original author
        credit = ArticleAuthor.objects.get(page=page)
        assert credit.contributor.full_name == "Phạm Văn Dũng"
        assert credit.contributor.source_site == "Xã Beta" and credit.kind == "news"
        again = NewsArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert [link.pk for link in again.royalty_authors.all()] == [credit.pk]
        again.title = "Bài nhận đăng lại (cập nhật)"
        again.save_revision().publish()
        assert list(ArticleAuthor.objects.filter(page=page)) == [credit]
