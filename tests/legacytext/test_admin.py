"""Legacy-encoded text pasted in the admin is converted on save; the editor is told
which fields, sees the original and can put it back (kept from then on)."""

import pytest

from django.contrib.messages import get_messages

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.legacy_text import TCVN3, VNI, encode
from legacytext.models import LegacyTextConversion
from news.models import NewsArticlePage
from tests.conftest import in_site
from tests.news.conftest import news_index

pytestmark = pytest.mark.django_db

TITLE = "Hội nghị tổng kết công tác năm của Ủy ban nhân dân tỉnh"
LEAD = "Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm."
BODY = "Đồng chí Chủ tịch phát biểu chỉ đạo hội nghị."


def article_data(title, lead, body, slug="hoi-nghi-tong-ket"):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": lead,
            "body": streamfield([("paragraph", rich_text(f"<p>{body}</p>"))]),
            "author": "",
            "tags": "",
            "related_story_links": inline_formset([]),
            "royalty_authors": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def create(client, site, data):
    with in_site(site):
        index = news_index()
    return client.post(
        f"/admin/pages/add/news/newsarticlepage/{index.pk}/", data, HTTP_HOST=f"{site.slug}.test"
    )


def test_pasted_tcvn3_and_vni_are_converted_and_the_editor_told(sites, editor_client):
    client = editor_client(sites.alpha, role="bien_tap_vien")
    data = article_data(encode(TITLE, TCVN3), encode(LEAD, VNI), encode(BODY, TCVN3))
    response = create(client, sites.alpha, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    text = [str(m) for m in get_messages(response.wsgi_request)]
    told = next(m for m in text if "bảng mã cũ" in m)
    assert "TCVN3 (ABC)" in told and "VNI Windows" in told
    assert "sapo" in told and "nội dung" in told
    with in_site(sites.alpha):
        page = NewsArticlePage.objects.get(slug="hoi-nghi-tong-ket")
        latest = page.get_latest_revision_as_object()
        assert latest.title == TITLE.replace("Ủy", "ủy") or latest.title == TITLE
        assert latest.lead == LEAD
        assert BODY in str(latest.body)
        conversion = LegacyTextConversion.objects.get(object_id=str(page.pk))
        assert conversion.fields["lead"]["original"] == encode(LEAD, VNI)


def test_undo_puts_the_original_back_and_keeps_it(sites, editor_client):
    client = editor_client(sites.alpha, role="bien_tap_vien")
    legacy_lead = encode(LEAD, VNI)
    create(client, sites.alpha, article_data(TITLE, legacy_lead, BODY, slug="giu-nguyen"))
    with in_site(sites.alpha):
        page = NewsArticlePage.objects.get(slug="giu-nguyen")
        conversion = LegacyTextConversion.objects.get(object_id=str(page.pk))
    url = f"/admin/legacy-text/{conversion.pk}/undo/"
    shown = client.get(url, HTTP_HOST="alpha.test")
    assert shown.status_code == 200 and legacy_lead in shown.content.decode()
    assert client.post(url, HTTP_HOST="alpha.test").status_code == 302
    with in_site(sites.alpha):
        latest = NewsArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert latest.lead == legacy_lead
        # saved again: still kept as written
        latest.save_revision()
        assert NewsArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object().lead == (
            legacy_lead
        )
    # another site's editor cannot reach it (its own schema has no such record)
    other = editor_client(sites.beta)
    assert other.get(url, HTTP_HOST="beta.test").status_code in (403, 404)


def test_unicode_text_is_saved_untouched_and_nothing_recorded(sites, editor_client):
    client = editor_client(sites.alpha, role="bien_tap_vien")
    title = "Tôi là ông giáo – naïve café © 2024"
    response = create(client, sites.alpha, article_data(title, LEAD, BODY, slug="unicode"))
    assert response.status_code == 302
    assert not any("bảng mã cũ" in str(m) for m in get_messages(response.wsgi_request))
    with in_site(sites.alpha):
        page = NewsArticlePage.objects.get(slug="unicode")
        assert page.title == title
        assert not LegacyTextConversion.objects.filter(object_id=str(page.pk)).exists()
