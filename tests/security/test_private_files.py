"""Files of restricted pages are as private as the pages (docs/security.md, "Tệp").

Every way in to a restricted legal document and its attachment: the file's URL,
the page, the document database, site search, the RSS feed, sitemap.xml and the
local /media/ path. Covered elsewhere: a restricted article is never offered to the
parent portal (tests/syndication/test_exchange.py,
test_private_or_unticked_articles_are_not_offered_or_are_withdrawn); private pages
are not found by search (tests/sitesearch/test_search.py,
test_drafts_and_private_pages_are_not_found).
"""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core import page_cache
from core.private_files import page_restrictions_for
from tests.conftest import in_site
from tests.documents.factories import DocumentFactory, LegalDocumentPageFactory, attach
from tests.news.factories import NewsArticlePageFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

HOST = "alpha.test"


def get(client, url, **kwargs):
    return client.get(url, HTTP_HOST=HOST, **kwargs)


@pytest.fixture
def internal(sites):
    """An internal legal document, restricted to logged-in users, with its signed PDF."""
    with in_site(sites.alpha):
        page = LegalDocumentPageFactory(
            title="Lịch công tác nội bộ",
            slug="lich-cong-tac-noi-bo",
            number="77/2025/TB-VP",
            summary="Thông báo nội bộ lịch công tác tháng",
        )
        document = DocumentFactory(filename="lich-noi-bo.pdf", title="Lịch nội bộ")
        attach(page, document)
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        yield page, document


def user_client(site, username="canbo", groups=()):
    client = Client()
    with in_site(site):
        user = get_user_model().objects.create_user(username, f"{username}@x.test", "x" * 12)
        for name in groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        verified_login(client, user)
    return client


def test_the_reference_index_records_a_legal_documents_attachment(sites, internal):
    page, document = internal
    with in_site(sites.alpha):
        restrictions = page_restrictions_for(document)
    assert [r.page_id for r in restrictions] == [page.pk]


def test_the_file_is_refused_anonymously_and_served_to_an_allowed_user(client, sites, internal):
    page, document = internal
    response = get(client, document.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "/admin/login/" in response["Location"]
    assert "no-store" in response["Cache-Control"]
    # the page itself
    assert get(client, page.url).status_code == 302

    allowed = user_client(sites.alpha)
    response = get(allowed, document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_restriction_on_an_ancestor_covers_the_files_below(client, sites):
    with in_site(sites.alpha):
        page = LegalDocumentPageFactory(slug="van-ban-con")
        document = DocumentFactory(filename="con.pdf")
        attach(page, document)
        PageViewRestriction.objects.create(
            page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN
        )
    assert get(client, document.url).status_code == 302


def test_group_restriction_refuses_other_users(client, sites):
    with in_site(sites.alpha):
        page = LegalDocumentPageFactory(slug="van-ban-dang")
        document = DocumentFactory(filename="dang.pdf")
        attach(page, document)
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get_or_create(name="Đảng viên")[0])
    assert get(client, document.url).status_code == 302
    assert get(user_client(sites.alpha, "khac"), document.url).status_code == 403
    member = user_client(sites.alpha, "dangvien", groups=["Đảng viên"])
    assert get(member, document.url).status_code == 200


def test_password_restriction_asks_for_the_password_then_serves(client, sites):
    with in_site(sites.alpha):
        page = LegalDocumentPageFactory(slug="van-ban-mat-khau")
        document = DocumentFactory(filename="mat-khau.pdf")
        attach(page, document)
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-123"
        )
    response = get(client, document.url)
    assert response.status_code == 200
    assert b"%PDF" not in response.content and b"password" in response.content
    assert "no-store" in response["Cache-Control"]
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "mat-khau-123", "return_url": document.url},
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302
    response = get(client, document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_file_also_linked_from_a_public_page_stays_private(client, sites, internal):
    _, document = internal
    with in_site(sites.alpha):
        public_page = LegalDocumentPageFactory(slug="van-ban-cong-khai")
        attach(public_page, document)
    assert get(client, public_page.url).status_code == 200
    assert get(client, document.url).status_code == 302


def test_a_file_in_an_article_body_of_a_restricted_article(client, sites):
    with in_site(sites.alpha):
        document = DocumentFactory(filename="bao-cao.pdf")
        article = NewsArticlePageFactory(
            title="Tin nội bộ có tệp",
            body=[("attachments", {"title": "Tệp", "documents": [document]})],
        )
        PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert get(client, document.url).status_code == 302


def test_public_files_stay_public_and_cacheable(client, sites):
    with in_site(sites.alpha):
        page = LegalDocumentPageFactory(slug="van-ban-mo")
        document = DocumentFactory(filename="mo.pdf")
        attach(page, document)
    response = get(client, document.url)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_private_collection_is_applied(client, sites):
    with in_site(sites.alpha):
        root = Collection.get_first_root_node()
        private = root.add_child(name="Tài liệu mật")
        CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
        document = DocumentFactory(filename="mat.pdf", collection=private)
    assert get(client, document.url).status_code == 302
    response = get(user_client(sites.alpha), document.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_listings_feeds_search_and_sitemap_leave_restricted_pages_out(client, sites, internal):
    page, document = internal
    with in_site(sites.alpha):
        article = NewsArticlePageFactory(title="Lịch giao ban nội bộ Đảng ủy", slug="giao-ban")
        PageViewRestriction.objects.create(page=article, restriction_type="login")
    for url in ("/van-ban/", "/tin-tuc/", "/tin-tuc/rss/", "/sitemap.xml", "/"):
        response = get(client, url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in ("77/2025/TB-VP", "lich-noi-bo.pdf", document.url, "giao-ban"):
            assert secret not in text, (url, secret)
    results = get(client, "/tim-kiem/", data={"q": "lich cong tac noi bo"}).content.decode()
    assert "Lịch công tác nội bộ" not in results and "lich-noi-bo.pdf" not in results


def test_local_media_never_serves_documents(client, sites, internal):
    _, document = internal
    name = document.file.name
    assert name.startswith("sites/alpha/documents/")
    assert get(client, f"/media/{name}").status_code == 404
    # nor any other spelling that reaches the documents folder
    for path in (f"/media/{name.replace('documents', 'images/../documents')}",):
        assert get(client, path).status_code == 404


def test_the_page_cache_never_stores_files(client, sites, internal, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    _, document = internal
    assert "/documents/" in page_cache.EXCLUDED_PREFIXES
    response = get(user_client(sites.alpha), document.url)
    assert response.status_code == 200
    assert not page_cache._cacheable_response(response.wsgi_request, response)
    assert get(client, document.url).status_code == 302
    assert "X-Page-Cache" not in get(client, document.url)


def test_a_password_alone_opens_no_restricted_page_or_file_for_a_member_who_needs_2fa(
    sites, internal
):
    """The head of board signed in with the password but not the code yet: the restricted
    page and its file send them to the second factor, as the admin does."""
    page, document = internal
    client = Client()
    with in_site(sites.alpha):
        user = get_user_model().objects.get(email="truong_ban@alpha.test")
        user.set_password("Mat-khau-dai-2026!")
        user.save()
    client.post(
        "/admin/login/",
        {"username": user.get_username(), "password": "Mat-khau-dai-2026!"},
        HTTP_HOST=HOST,
    )
    assert client.session.get("_auth_user_id")
    for url in (page.url, document.url):
        response = get(client, url)
        assert response.status_code == 302, url
        assert "/admin/xac-thuc-hai-buoc/" in response["Location"], url
    # a public page is not held back
    assert get(client, "/").status_code == 200
    # with both factors they are served
    verified = Client()
    verified_login(verified, user)
    assert get(verified, page.url).status_code == 200
    assert get(verified, document.url).status_code == 200
