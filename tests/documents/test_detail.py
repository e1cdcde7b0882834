"""A legal document's page: the fields national rules require, its files, its status."""

import datetime

import pytest

from wagtail.models import PageViewRestriction

from documents.models import DocumentStatus, DocumentType
from tests.conftest import in_site
from tests.documents.factories import PDF, DocumentFactory, LegalDocumentPageFactory, attach
from tests.documents.html import assert_valid_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(sites):
    with in_site(sites.alpha):
        page = LegalDocumentPageFactory(
            title="Quy chế Cổng",
            slug="quy-che-cong",
            number="12/2025/QĐ-UBND",
            doc_type=DocumentType.DECISION,
            issuer="Ủy ban nhân dân tỉnh",
            signer="Chủ tịch Nguyễn Văn An",
            field="Thông tin và truyền thông",
            issued_on=datetime.date(2025, 3, 10),
            effective_on=datetime.date(2025, 3, 20),
            legal_normative=True,
            summary="Ban hành Quy chế hoạt động của Cổng Thông tin điện tử tỉnh",
            body="<p>Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động.</p>",
        )
        attach(page, DocumentFactory(filename="qd-12.pdf", title="Bản ký số"))
        annex = DocumentFactory(
            filename="phu-luc.xlsx", content=b"PK\x03\x04" * 300, title="Phụ lục"
        )
        attach(page, annex, label="Phụ lục I")
        yield page


def get(client, page):
    response = client.get(page.url, HTTP_HOST="alpha.test")
    assert response.status_code == 200
    return response.text


def row(label, value):
    return f'<tr><th scope="row">{label}</th><td>{value}</td></tr>'


def test_shows_every_field_national_rules_require(client, decision):
    html = get(client, decision)
    assert "<h1>Quyết định số 12/2025/QĐ-UBND</h1>" in html
    for label, value in [
        ("Loại văn bản", "Quyết định"),
        ("Cơ quan ban hành", "Ủy ban nhân dân tỉnh"),
        ("Số ký hiệu", "12/2025/QĐ-UBND"),
        ("Người ký", "Chủ tịch Nguyễn Văn An"),
        ("Lĩnh vực", "Thông tin và truyền thông"),
        ("Trích yếu", "Ban hành Quy chế hoạt động của Cổng Thông tin điện tử tỉnh"),
        ("Văn bản quy phạm pháp luật", "Có"),
    ]:
        assert row(label, value) in html
    assert row("Ngày ban hành", '<time datetime="2025-03-10">10/03/2025</time>') in html
    assert row("Ngày có hiệu lực", '<time datetime="2025-03-20">20/03/2025</time>') in html
    assert "<caption>Thông tin văn bản</caption>" in html
    assert "Điều 1. Ban hành kèm theo Quyết định này" in html
    assert html.count("<h1>") == 1
    assert "themes/base/css/documents.css" in html
    assert_valid_html(html)


def test_each_file_is_a_download_link_with_type_and_size(client, decision):
    html = get(client, decision)
    signed, annex = decision.attachments.order_by("sort_order")
    assert f'<a href="{signed.document.url}">Tải về: Bản ký số</a>' in html
    assert f'<a href="{annex.document.url}">Tải về: Phụ lục I</a>' in html
    assert f"(PDF, {len(PDF)}\xa0byte)" in html
    assert "(XLSX, 1,2\xa0KB)" in html
    response = client.get(signed.document.url, HTTP_HOST="alpha.test")
    assert response.status_code == 200


def test_status_is_said_in_words(client, decision):
    html = get(client, decision)
    assert '<span class="document-status document-status--in-force">Còn hiệu lực</span>' in html

    decision.status = DocumentStatus.EXPIRED
    decision.expired_on = datetime.date(2025, 12, 31)
    decision.save_revision().publish()
    html = get(client, decision)
    assert '<span class="document-status document-status--expired">Hết hiệu lực</span>' in html
    assert row("Ngày hết hiệu lực", '<time datetime="2025-12-31">31/12/2025</time>') in html


def test_missing_optional_fields_say_so(client, sites):
    with in_site(sites.alpha):
        page = LegalDocumentPageFactory(signer="", field="")
        html = get(client, page)
    assert row("Người ký", "Chưa cập nhật") in html
    assert row("Ngày có hiệu lực", "Chưa cập nhật") in html
    assert "Văn bản chưa có tệp đính kèm." in html


def test_a_restricted_document_is_left_out_of_the_list(client, decision):
    PageViewRestriction.objects.create(
        page=decision, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    listing = client.get("/van-ban/", HTTP_HOST="alpha.test").text
    assert "12/2025/QĐ-UBND" not in listing


def test_detail_query_count(client, decision, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_TIMEOUT = 0
    get(client, decision)  # warm the site and template caches
    # Wagtail serving: site root, locale, home page, route (index, then the
    # document: 2 each), view restrictions of the ancestors (2); base.html:
    # branding, translations of the page, menu, breadcrumb (4); the files with
    # their documents (1).
    with django_assert_max_num_queries(14):
        get(client, decision)
