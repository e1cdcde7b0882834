"""The document database as visitors use it: filters, search, pages of results."""

import datetime
import re

import pytest

from documents.models import DocumentStatus, DocumentType
from tests.conftest import in_site
from tests.documents.factories import (
    DocumentFactory,
    LegalDocumentPageFactory,
    attach,
    document_index,
)
from tests.documents.html import assert_valid_html

pytestmark = pytest.mark.django_db

URL = "/van-ban/"


@pytest.fixture
def index(sites):
    """The portal's document index, with the portal's schema active."""
    with in_site(sites.alpha):
        yield document_index()


@pytest.fixture
def library(index):
    """Four documents that differ in every filtered field."""
    make = LegalDocumentPageFactory
    return {
        "quy_che": make(
            parent=index,
            title="Quy chế Cổng",
            number="12/2025/QĐ-UBND",
            doc_type=DocumentType.DECISION,
            issuer="Ủy ban nhân dân tỉnh",
            field="Thông tin và truyền thông",
            issued_on=datetime.date(2025, 3, 10),
            summary="Quyết định về quy chế hoạt động của Cổng Thông tin điện tử tỉnh",
        ),
        "chi_thi": make(
            parent=index,
            title="Chỉ thị an toàn",
            number="05/CT-UBND",
            doc_type=DocumentType.DIRECTIVE,
            issuer="Ủy ban nhân dân tỉnh",
            field="An ninh mạng",
            issued_on=datetime.date(2024, 11, 6),
            summary="Về tăng cường bảo đảm an toàn thông tin mạng",
        ),
        "ke_hoach": make(
            parent=index,
            title="Kế hoạch chuyển đổi số",
            number="214/KH-SKHCN",
            doc_type=DocumentType.PLAN,
            issuer="Sở Khoa học và Công nghệ",
            field="Thông tin và truyền thông",
            issued_on=datetime.date(2025, 9, 28),
            summary="Kế hoạch chuyển đổi số năm 2025",
        ),
        "het_hieu_luc": make(
            parent=index,
            title="Phân luồng giao thông",
            number="387/QĐ-UBND",
            doc_type=DocumentType.DECISION,
            issuer="Sở Xây dựng",
            field="Giao thông vận tải",
            issued_on=datetime.date(2023, 9, 8),
            status=DocumentStatus.EXPIRED,
            expired_on=datetime.date(2023, 10, 31),
            summary="Phân luồng giao thông tạm thời trên đường 17 Tháng 8",
        ),
    }


def numbers(response) -> list[str]:
    """The numbers in the result table, in order (they head each row)."""
    return re.findall(r'<th scope="row" class="document-number">([^<]+)</th>', response.text)


def get(client, **params):
    response = client.get(URL, params, HTTP_HOST="alpha.test")
    assert response.status_code == 200
    return response


def test_lists_every_document_newest_first_with_the_columns(client, library):
    response = get(client)
    assert numbers(response) == ["214/KH-SKHCN", "12/2025/QĐ-UBND", "05/CT-UBND", "387/QĐ-UBND"]
    html = response.text
    assert "<caption" in html and "Danh sách văn bản" in html
    for heading in (
        "Số ký hiệu",
        "Ngày ban hành",
        "Trích yếu",
        "Loại",
        "Cơ quan ban hành",
        "Tình trạng",
    ):
        assert f'<th scope="col">{heading}</th>' in html
    assert "Tìm thấy 4 văn bản." in html
    assert f'href="{library["quy_che"].url}"' in html
    assert "28/09/2025" in html
    assert "Hết hiệu lực" in html and "Còn hiệu lực" in html
    assert html.count("<h1>") == 1
    assert_valid_html(html)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"doc_type": "quyet_dinh"}, ["12/2025/QĐ-UBND", "387/QĐ-UBND"]),
        ({"issuer": "Sở Khoa học và Công nghệ"}, ["214/KH-SKHCN"]),
        ({"field": "Thông tin và truyền thông"}, ["214/KH-SKHCN", "12/2025/QĐ-UBND"]),
        ({"year": "2024"}, ["05/CT-UBND"]),
        ({"status": "expired"}, ["387/QĐ-UBND"]),
        ({"status": "in_force"}, ["214/KH-SKHCN", "12/2025/QĐ-UBND", "05/CT-UBND"]),
        ({"doc_type": "quyet_dinh", "status": "in_force"}, ["12/2025/QĐ-UBND"]),
        ({"issuer": "Ủy ban nhân dân tỉnh", "year": "2025"}, ["12/2025/QĐ-UBND"]),
        (
            {"field": "Thông tin và truyền thông", "doc_type": "ke_hoach", "year": "2025"},
            ["214/KH-SKHCN"],
        ),
        ({"field": "Thông tin và truyền thông", "q": "quy che"}, ["12/2025/QĐ-UBND"]),
        ({"doc_type": "chi_thi", "year": "2025"}, []),
    ],
)
def test_filters_and_their_combinations(client, library, params, expected):
    response = get(client, **params)
    assert numbers(response) == expected
    assert f"Tìm thấy {len(expected)} văn bản." in response.text
    if not expected:
        assert "Không có văn bản nào phù hợp" in response.text


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("12/2025/QĐ-UBND", ["12/2025/QĐ-UBND"]),
        ("12/2025", ["12/2025/QĐ-UBND"]),
        ("12 / 2025 / qđ-ubnd", ["12/2025/QĐ-UBND"]),
        ("12/2025/QD-UBND", ["12/2025/QĐ-UBND"]),
        ("qđ-ubnd", ["12/2025/QĐ-UBND", "387/QĐ-UBND"]),
        ("quyet dinh ve quy che", ["12/2025/QĐ-UBND"]),
        ("QUYẾT ĐỊNH VỀ QUY CHẾ", ["12/2025/QĐ-UBND"]),
        ("quy che quyet dinh", ["12/2025/QĐ-UBND"]),
        ("an toan thong tin", ["05/CT-UBND"]),
        ("duong 17 thang 8", ["387/QĐ-UBND"]),
        ("không có ở đâu", []),
        ("100%", []),
    ],
)
def test_search_by_number_and_by_summary_without_diacritics(client, library, q, expected):
    assert numbers(get(client, q=q)) == expected


def test_filter_options_come_from_the_documents(client, library):
    html = get(client).text
    issuers = re.search(r'<select name="issuer".*?</select>', html, re.S).group(0)
    # Vietnamese order: "Ủy ban…" under U, after "Sở…".
    assert re.findall(r'<option value="([^"]*)"', issuers) == [
        "",
        "Sở Khoa học và Công nghệ",
        "Sở Xây dựng",
        "Ủy ban nhân dân tỉnh",
    ]
    years = re.search(r'<select name="year".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="([^"]*)"', years) == ["", "2025", "2024", "2023"]
    assert '<label for="filter-q">' in html


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1999"},
        {"year": "2025'--"},
        {"doc_type": "khong_co"},
        {"status": "maybe"},
        {"issuer": "Cơ quan không tồn tại"},
        {"field": "x" * 500},
        {"q": "x" * 500},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
    ],
)
def test_bad_filter_values_are_ignored_not_500(client, library, params):
    response = get(client, **params)
    if "page" in params:
        assert len(numbers(response)) == 4
    else:
        assert numbers(response) == ["214/KH-SKHCN", "12/2025/QĐ-UBND", "05/CT-UBND", "387/QĐ-UBND"]
        assert "không hợp lệ nên đã được bỏ qua" in response.text


def test_a_bad_filter_is_ignored_while_the_good_ones_apply(client, library):
    response = get(client, year="abc", doc_type="chi_thi")
    assert numbers(response) == ["05/CT-UBND"]
    assert "Năm ban hành: “abc” không có trong danh sách." in response.text
    assert 'aria-invalid="true" aria-describedby="filter-year_error"' in response.text
    assert 'id="filter-year_error"' in response.text
    assert_valid_html(response.text)


def test_pages_of_twenty_keep_the_filters(client, index):
    for day in range(1, 26):
        LegalDocumentPageFactory(parent=index, issued_on=datetime.date(2025, 1, day))
    LegalDocumentPageFactory(parent=index, issued_on=datetime.date(2020, 1, 1))

    first = get(client, year="2025")
    assert len(numbers(first)) == 20
    assert "Tìm thấy 25 văn bản." in first.text
    assert 'href="?year=2025&amp;page=2"' in first.text
    second = get(client, year="2025", page="2")
    assert len(numbers(second)) == 5
    assert set(numbers(first)).isdisjoint(numbers(second))


def test_only_live_documents_of_this_index_are_listed(client, index, library):
    library["chi_thi"].unpublish()
    response = get(client)
    assert "05/CT-UBND" not in numbers(response)
    # Nor is it offered as a filter value any more.
    assert "An ninh mạng" not in response.text


def test_attachments_are_linked_from_the_list(client, library):
    attach(
        library["quy_che"],
        DocumentFactory(filename="quy-che.pdf"),
        DocumentFactory(filename="phu-luc.docx", content=b"PK\x03\x04"),
    )
    html = get(client, q="12/2025").text
    assert html.count('class="document-file"') == 2
    assert "Tải PDF" in html and "Tải DOCX" in html


def test_index_query_count_does_not_grow_with_results(
    client, index, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_TIMEOUT = 0
    for day in range(1, 31):
        page = LegalDocumentPageFactory(
            parent=index,
            issued_on=datetime.date(2025, 1, day),
            field=f"Lĩnh vực {day % 4}",
            issuer=f"Cơ quan {day % 3}",
        )
        attach(page, DocumentFactory(filename=f"van-ban-{day}.pdf"))
    get(client)  # warm the site and template caches
    # Wagtail serving: site root, locale, home page, route to the index, the index,
    # its ancestors' view restrictions (2); base.html: branding, translations of
    # the page, menu, breadcrumb (4). The index: filter options (1 aggregate),
    # count (1), a page of documents (1), their files with documents (1).
    with django_assert_max_num_queries(15):
        response = get(client, status="in_force", q="2024")
    assert len(numbers(response)) == 20
