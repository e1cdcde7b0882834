"""Private images (docs/security-files.md): an image in a private collection, or used by a
restricted page, is renamed out of the public image folders' reach and served only
through the checked view, to those who may see it; it goes back when that ends."""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.conftest import in_site
from tests.factories import ImageFactory
from tests.news.factories import NewsArticlePageFactory
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

HOST = "alpha.test"


def staff_client(site):
    client = Client()
    with in_site(site):
        user = get_user_model().objects.create_user("canbo-anh", "canbo-anh@x.test", "x" * 12)
        verified_login(client, user)
    return client


def test_an_image_in_a_private_collection_is_served_only_to_signed_in_users(
    sites, client, django_capture_on_commit_callbacks
):
    with in_site(sites.alpha), django_capture_on_commit_callbacks(execute=True):
        internal = Collection.get_first_root_node().add_child(name="Ảnh nội bộ")
        CollectionViewRestriction.objects.create(
            collection=internal, restriction_type=CollectionViewRestriction.LOGIN
        )
        image = ImageFactory(collection=internal, title="Sơ đồ phòng họp")
    with in_site(sites.alpha):
        image.refresh_from_db()
        rendition = image.get_rendition("width-400")
    name = image.file.name
    assert name.split("/")[-1].startswith("private-")
    assert rendition.url.startswith("/anh-rieng/sites/alpha/images/private-")
    assert image.file.url.startswith("/anh-rieng/")

    for url in (image.file.url, rendition.url):
        refused = client.get(url, HTTP_HOST=HOST)
        assert refused.status_code == 302 and "login" in refused["Location"]
        assert "no-store" in refused["Cache-Control"]
    # nor from the public media folder, whatever the name
    assert client.get(f"/media/{name}", HTTP_HOST=HOST).status_code == 404
    # another site does not serve it either
    assert client.get(rendition.url, HTTP_HOST="beta.test").status_code == 404

    staff = staff_client(sites.alpha)
    served = staff.get(rendition.url, HTTP_HOST=HOST)
    assert served.status_code == 200
    assert served["Content-Type"].startswith("image/")
    assert "no-store" in served["Cache-Control"] and "private" in served["Cache-Control"]
    assert served.content[:4] == b"\x89PNG"


def test_an_image_used_by_a_restricted_page_becomes_private_and_public_again(
    sites, client, django_capture_on_commit_callbacks
):
    with in_site(sites.alpha), django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory(title="Ảnh họp nội bộ")
        article = NewsArticlePageFactory(title="Họp giao ban nội bộ", feed_image=image)
    with in_site(sites.alpha):
        image.refresh_from_db()
    public_name = image.file.name
    assert not public_name.split("/")[-1].startswith("private-")
    assert client.get(f"/media/{public_name}", HTTP_HOST=HOST).status_code == 200

    with in_site(sites.alpha), django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=article, restriction_type="login")
    with in_site(sites.alpha):
        image.refresh_from_db()
    assert image.file.name.split("/")[-1].startswith("private-")
    assert client.get(f"/media/{public_name}", HTTP_HOST=HOST).status_code == 404  # moved
    assert client.get(image.file.url, HTTP_HOST=HOST).status_code == 302

    with in_site(sites.alpha), django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    with in_site(sites.alpha):
        image.refresh_from_db()
    assert not image.file.name.split("/")[-1].startswith("private-")
    assert image.file.url.startswith("/media/")
    assert client.get(image.file.url, HTTP_HOST=HOST).status_code == 200


def test_a_public_image_keeps_its_public_media_url(sites, django_capture_on_commit_callbacks):
    with in_site(sites.alpha), django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory(title="Cảnh đồi chè")
    with in_site(sites.alpha):
        image.refresh_from_db()
        assert image.get_rendition("width-200").url.startswith("/media/sites/alpha/images/")
