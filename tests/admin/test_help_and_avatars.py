"""The Vietnamese guide in the help menu (instead of Wagtail's English guide on the
internet), avatars drawn by the platform (never Gravatar), dates as dd/mm/yyyy."""

import json
import re

import pytest

from django.utils import formats, translation

from tests.syndication.test_exchange import publish_story

pytestmark = pytest.mark.django_db


def sidebar(html: str) -> dict:
    script = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(script.group(1))


def test_the_help_menu_opens_the_platforms_vietnamese_guide(sites, editor_client):
    client = editor_client(sites.beta, role="phong_vien")
    html = client.get("/admin/", HTTP_HOST="beta.test").content.decode()
    props = json.dumps(sidebar(html), ensure_ascii=False)
    assert "/admin/huong-dan/" in props and "Hướng dẫn sử dụng" in props
    assert "guide.wagtail.org" not in props and "docs.wagtail.org" not in props
    assert "wagtail.org" not in html  # nor in the account summary beside the heading
    index = client.get("/admin/huong-dan/", HTTP_HOST="beta.test").content.decode()
    for slug in ("viet-bai", "duyet-bai", "dang-khan", "nhan-tin", "ban-bien-tap"):
        assert f'href="/admin/huong-dan/{slug}/"' in index
        page = client.get(f"/admin/huong-dan/{slug}/", HTTP_HOST="beta.test")
        assert page.status_code == 200 and 'lang="vi"' in page.content.decode()
    assert (
        "Gửi duyệt"
        in client.get("/admin/huong-dan/viet-bai/", HTTP_HOST="beta.test").content.decode()
    )
    assert client.get("/admin/huong-dan/khong-co/", HTTP_HOST="beta.test").status_code == 404
    # the guide is the admin's: a visitor is sent to sign in
    from django.test import Client

    assert Client().get("/admin/huong-dan/", HTTP_HOST="beta.test").status_code == 302


def test_avatars_are_initials_drawn_here_never_gravatar(sites, editor_client):
    client = editor_client(sites.beta, role="phong_vien")
    html = client.get("/admin/", HTTP_HOST="beta.test").content.decode()
    assert "gravatar" not in html.lower()
    avatar = re.search(r'"avatarUrl": "([^"]+)"', html).group(1)
    # "Thành viên phong_vien": the family and the given name's initials
    assert avatar == "/admin/anh-dai-dien/TP.svg"
    svg = client.get(avatar, HTTP_HOST="beta.test")
    assert svg["Content-Type"].startswith("image/svg+xml") and b">TP</text>" in svg.content
    assert client.get("/admin/anh-dai-dien/%3Cb%3E.svg", HTTP_HOST="beta.test").status_code == 404


def test_dates_are_entered_and_shown_as_dd_mm_yyyy(sites, editor_client):
    for language in ("vi", "en"):
        with translation.override(language):
            assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d/%m/%Y"
            assert "%m/%d/%Y" not in formats.get_format("DATE_INPUT_FORMATS")
    article = publish_story(sites.beta)
    client = editor_client(sites.alpha, role="truong_ban")
    inbox = client.get("/admin/syndication/", HTTP_HOST="alpha.test").content.decode()
    # Wagtail's filter drawer with its date pickers, in dd/mm/yyyy
    assert 'name="changed_from"' in inbox and 'data-controller="w-drilldown"' in inbox
    assert '"dateFormat": "d/m/Y"' in inbox or "d/m/Y" in inbox
    today = re.search(r"(\d\d/\d\d/\d{4}) \d\d:\d\d", inbox).group(1)
    found = client.get(
        f"/admin/syndication/?changed_from={today}&changed_to={today}", HTTP_HOST="alpha.test"
    ).content.decode()
    assert article.title in found
    none = client.get(
        "/admin/syndication/?changed_from=01/01/2020&changed_to=31/01/2020", HTTP_HOST="alpha.test"
    ).content.decode()
    assert article.title not in none
    # the source filter lists the portal's component sites
    by_source = client.get("/admin/syndication/?source=beta", HTTP_HOST="alpha.test")
    assert article.title in by_source.content.decode() and "Xã Bê Ta" in by_source.content.decode()
    # the results alone, as the filters refresh them in place
    results = client.get("/admin/syndication/ket-qua/?kind=commune", HTTP_HOST="alpha.test")
    assert results.status_code == 200 and article.title in results.content.decode()


def test_an_uploaded_picture_is_the_avatar(sites):
    import io

    from PIL import Image

    from django.contrib.auth import get_user_model
    from django.core.files.images import ImageFile

    from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url
    from wagtail.users.models import UserProfile

    from tests.conftest import in_site

    with in_site(sites.beta):
        user = get_user_model().objects.get(email="bien_tap_vien@beta.test")
        assert avatar_url(user) == "/admin/anh-dai-dien/TB.svg"
        buffer = io.BytesIO()
        Image.new("RGB", (80, 80), "#005a8c").save(buffer, "PNG")
        profile = UserProfile.get_for_user(user)
        profile.avatar = ImageFile(buffer, name="chan-dung.png")
        profile.save()
        user = get_user_model().objects.get(pk=user.pk)
        url = avatar_url(user)
    assert url.startswith("/media/") and "chan-dung" in url
