"""Site search: accents and case ignored, per site, per language, bounded queries."""

import datetime
import unicodedata

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from sitesearch.forms import MAX_QUERY_LENGTH
from tests.conftest import in_site
from tests.documents.factories import LegalDocumentPageFactory
from tests.home.factories import home_page
from tests.sections.factories import ContentPageFactory
from tests.sitesearch.conftest import publish_article, search, titles

# pages are published from the editor here: no approval workflow in the way (tests/editorial)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_workflow")]


def publish_document(title, number, summary):
    """A published decision of the provincial committee, 01/06/2024; call inside ``in_site``."""
    return LegalDocumentPageFactory(title=title, number=number, summary=summary)


def _vietnamese_letters():
    """Every vowel with every tone, and đ, in both cases: 146 letters."""
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    lower = ["đ"] + [
        unicodedata.normalize("NFC", vowel + tone) for vowel in vowels for tone in tones
    ]
    return lower + [letter.upper() for letter in lower]


def _base_letter(letter):
    decomposed = unicodedata.normalize("NFD", letter.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def test_the_site_schemas_search_configuration_strips_every_vietnamese_mark(sites):
    """The configuration lives in public, the index in each site's schema: search path
    ``site_x, public``. Unaccent, then lower case, for every letter of the alphabet."""
    letters = _vietnamese_letters()
    words = [f"x{letter}x" for letter in letters]  # letters inside words, as in text
    with in_site(sites.beta), connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        assert cursor.fetchone()[0] == f"{sites.beta.schema_name}, public"
        cursor.execute(
            "SELECT array_agg(lexeme) FROM unnest(%s::text[]) AS word, "
            "LATERAL unnest(to_tsvector('public.vietnamese_unaccent', word)) AS lexemes(lexeme)",
            [words],
        )
        lexemes = cursor.fetchone()[0]
    assert lexemes == [f"x{_base_letter(letter)}x" for letter in letters]


@pytest.fixture
def alpha_pages(sites):
    with in_site(sites.alpha):
        publish_article("Tuyên Quang đón khách du lịch", lead="Mùa lễ hội ở Tuyên Quang.")
        publish_article("Sở Khoa học và Công nghệ tổng kết năm", lead="Hội nghị tổng kết.")
        publish_article("Đại hội Đảng bộ tỉnh", lead="Đảng bộ tỉnh họp phiên trù bị.")
        publish_article("Hà Giang mùa hoa tam giác mạch", lead="Du lịch vùng cao.")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tuyen quang", "Tuyên Quang đón khách du lịch"),
        ("TUYÊN QUANG", "Tuyên Quang đón khách du lịch"),
        ("Tuyên Quang", "Tuyên Quang đón khách du lịch"),
        ("TUYEN  quang ", "Tuyên Quang đón khách du lịch"),
        ("so khoa hoc", "Sở Khoa học và Công nghệ tổng kết năm"),
        ("SỞ KHOA HỌC", "Sở Khoa học và Công nghệ tổng kết năm"),
        ("dang bo", "Đại hội Đảng bộ tỉnh"),
        ("ĐẢNG BỘ", "Đại hội Đảng bộ tỉnh"),
        ("đang bo", "Đại hội Đảng bộ tỉnh"),
    ],
)
def test_diacritics_case_and_d_are_ignored(client, alpha_pages, query, expected):
    response = search(client, q=query)
    assert response.status_code == 200
    assert titles(response) == [expected]


def test_decomposed_input_is_normalised(client, alpha_pages):
    query = unicodedata.normalize("NFD", "Tuyên Quang")
    assert query != "Tuyên Quang"
    response = search(client, q=query)
    assert titles(response) == ["Tuyên Quang đón khách du lịch"]
    # The boxes show the query as composed text.
    assert response.context["query"] == "Tuyên Quang"
    assert 'value="Tuyên Quang"' in response.content.decode()


def test_every_word_must_match_and_body_text_counts(client, sites, alpha_pages):
    assert titles(search(client, q="tuyen quang ha giang")) == []
    with in_site(sites.alpha):
        publish_article("Tin vắn", text="Chợ phiên Na Hang họp sáng chủ nhật.")
    assert titles(search(client, q="cho phien na hang")) == ["Tin vắn"]


def test_document_number_is_found_as_typed(client, sites):
    with in_site(sites.alpha):
        publish_document("Quyết định về giá đất", "15/2024/QĐ-UBND", "Ban hành bảng giá đất.")
        publish_article("Giá đất năm 2024", text="Xem Quyết định 15/2024/QĐ-UBND và COVID-19.")
    for query in ("15/2024/QĐ-UBND", "15/2024/qđ-ubnd", "quyet dinh 15/2024/QĐ-UBND"):
        assert sorted(titles(search(client, q=query))) == [
            "Giá đất năm 2024",
            "Quyết định về giá đất",
        ], query
    assert titles(search(client, q="covid-19")) == ["Giá đất năm 2024"]


def test_document_number_is_found_without_diacritics(client, sites):
    with in_site(sites.alpha):
        publish_document("Quyết định về giá đất", "15/2024/QĐ-UBND", "Ban hành bảng giá đất.")
    assert titles(search(client, q="15/2024/QD-UBND")) == ["Quyết định về giá đất"]


def test_pages_are_indexed_on_publish_and_reindexed_on_change(client, sites):
    with in_site(sites.alpha):
        article = publish_article("Khai mạc hội chợ nông sản", text="Gian hàng đặc sản.")
    assert titles(search(client, q="hoi cho nong san")) == ["Khai mạc hội chợ nông sản"]
    with in_site(sites.alpha):
        article.title = "Bế mạc hội chợ nông sản"
        article.save_revision().publish()
    assert titles(search(client, q="be mac hoi cho")) == ["Bế mạc hội chợ nông sản"]
    assert titles(search(client, q="khai mac")) == []


def test_page_published_in_the_admin_is_found(client, editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        home = home_page()
    response = editor.post(
        f"/admin/pages/add/sitepages/contentpage/{home.pk}/",
        nested_form_data(
            {
                "title": "Giới thiệu Khu du lịch Tân Trào",
                "slug": "gioi-thieu-tan-trao",
                "lead": "Khu di tích quốc gia đặc biệt.",
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Cây đa Tân Trào, đình Tân Trào.</p>")),
                    ]
                ),
                "comments": inline_formset([]),
                "action-publish": "publish",
            }
        ),
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert titles(search(client, q="cay da tan trao")) == ["Giới thiệu Khu du lịch Tân Trào"]


def test_drafts_and_private_pages_are_not_found(client, sites):
    with in_site(sites.alpha):
        draft = publish_article("Bản nháp lễ hội Thành Tuyên")
        draft.unpublish()
        private = publish_article("Tài liệu nội bộ lễ hội Thành Tuyên")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        publish_article("Lễ hội Thành Tuyên khai mạc")
    assert titles(search(client, q="le hoi thanh tuyen")) == ["Lễ hội Thành Tuyên khai mạc"]


def test_a_site_finds_only_its_own_pages(client, sites, alpha_pages):
    with in_site(sites.beta):
        publish_article("Xã Bê Ta đón khách về Tuyên Quang")
    assert titles(search(client, host="beta.test", q="tuyen quang")) == [
        "Xã Bê Ta đón khách về Tuyên Quang"
    ]
    assert titles(search(client, host="gamma.test", q="tuyen quang")) == []
    assert "Xã Bê Ta đón khách về Tuyên Quang" not in titles(search(client, q="tuyen quang"))


def test_english_search_finds_english_pages_only(client, sites):
    with in_site(sites.alpha):
        publish_article(
            "Tuyên Quang tourism week", language="en", lead="Visitors come to Tuyên Quang."
        )
        publish_article("Tuần du lịch Tuyên Quang")
    english = search(client, language="en", q="tuyen quang")
    assert english.status_code == 200
    assert english.request["PATH_INFO"] == "/en/tim-kiem/"
    assert titles(english) == ["Tuyên Quang tourism week"]
    assert english.context["results"][0].url.startswith("/en/")
    html = english.content.decode()
    assert '<html lang="en">' in html and "<h1>Search</h1>" in html
    assert titles(search(client, q="tuyen quang")) == ["Tuần du lịch Tuyên Quang"]


def test_a_site_without_english_sends_english_search_to_vietnamese(client, sites):
    response = search(client, host="beta.test", language="en", q="tuyen quang")
    assert response.status_code == 302
    assert response["Location"] == "/tim-kiem/?q=tuyen+quang"


def test_result_shows_link_type_snippet_and_date(client, sites):
    with in_site(sites.alpha):
        article_url = publish_article(
            "Tuyên Quang khánh thành cầu mới", lead="Cây cầu nối hai bờ sông Lô."
        ).url
        publish_document(
            "Quyết định phê duyệt cầu Tuyên Quang", "20/2024/QĐ-UBND", "Phê duyệt dự án cầu."
        )
    response = search(client, q="tuyen quang cau")
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert html.count("<h1") == 1
    assert '<label for="search-q">' in html and '<label for="search-loai">' in html
    assert f'<a href="{article_url}">Tuyên Quang khánh thành cầu mới</a>' in html
    assert "Cây cầu nối hai bờ sông Lô." in html
    assert "Tìm thấy 2 kết quả" in html
    by_title = {result.title: result for result in response.context["results"]}
    assert by_title["Tuyên Quang khánh thành cầu mới"].type_name == "Bài viết"
    document = by_title["Quyết định phê duyệt cầu Tuyên Quang"]
    assert document.type_name == "Văn bản"
    assert document.snippet == "Phê duyệt dự án cầu."
    assert document.date == datetime.date(2024, 6, 1)
    assert "01/06/2024" in html


def test_search_description_is_preferred_as_snippet(client, sites):
    with in_site(sites.alpha):
        article = publish_article("Tuyên Quang phát triển chè", lead="Sapo dài.")
        article.search_description = "Mô tả ngắn cho công cụ tìm kiếm."
        article.save_revision().publish()
    result = search(client, q="che").context["results"][0]
    assert result.snippet == "Mô tả ngắn cho công cụ tìm kiếm."


@pytest.mark.parametrize("query", [None, "", "   "])
def test_empty_query_asks_for_words(client, sites, query):
    params = {} if query is None else {"q": query}
    response = search(client, **params)
    assert response.status_code == 200
    assert "Nhập từ khóa cần tìm" in response.content.decode()
    assert response.context["page_obj"] is None


def test_too_long_query_is_refused_politely(client, sites):
    response = search(client, q="a" * (MAX_QUERY_LENGTH + 1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Từ khóa quá dài: vui lòng nhập tối đa 200 ký tự." in html
    assert 'aria-invalid="true"' in html
    assert response.context["page_obj"] is None
    # The limit counts composed characters: 200 decomposed letters fit.
    decomposed = unicodedata.normalize("NFD", "ệ" * MAX_QUERY_LENGTH)
    assert search(client, q=decomposed).context["form"].is_valid()


@pytest.mark.parametrize(
    "query", ["...", "'", "\\", "a & b | !c", "tuyen:* <-> (quang)", "'; DROP TABLE x; --"]
)
def test_odd_queries_do_not_fail(client, alpha_pages, query):
    response = search(client, q=query)
    assert response.status_code == 200


def test_kind_filter(client, sites):
    with in_site(sites.alpha):
        publish_article("Tin Na Hang")
        publish_document("Quyết định Na Hang", "30/2024/QĐ-UBND", "Về Na Hang.")
        ContentPageFactory(title="Giới thiệu Na Hang")
    assert sorted(titles(search(client, q="na hang"))) == [
        "Giới thiệu Na Hang",
        "Quyết định Na Hang",
        "Tin Na Hang",
    ]
    assert titles(search(client, q="na hang", loai="tin-tuc")) == ["Tin Na Hang"]
    assert titles(search(client, q="na hang", loai="van-ban")) == ["Quyết định Na Hang"]
    assert titles(search(client, q="na hang", loai="khac")) == ["Giới thiệu Na Hang"]
    assert len(titles(search(client, q="na hang", loai="khong-co"))) == 3
    html = search(client, q="na hang", loai="van-ban").content.decode()
    assert '<option value="van-ban" selected>' in html


def test_pagination(client, sites):
    with in_site(sites.alpha):
        for number in range(12):
            publish_article(f"Hàm Yên tin số {number}")
    first = search(client, q="ham yen", loai="tin-tuc")
    assert len(titles(first)) == 10
    assert first.context["page_obj"].paginator.count == 12
    assert 'href="?q=ham+yen&amp;loai=tin-tuc&amp;page=2"' in first.content.decode()
    second = search(client, q="ham yen", loai="tin-tuc", page="2")
    assert len(titles(second)) == 2
    assert not set(titles(first)) & set(titles(second))
    # A page number that is not one shows the first page; one too far, the last.
    assert titles(search(client, q="ham yen", page="abc")) == titles(first)
    assert titles(search(client, q="ham yen", page="99")) == titles(second)


def test_query_count_is_bounded(client, sites, no_page_cache, django_assert_max_num_queries):
    """Queries of an anonymous search, whatever the number of results on the page:

    the active language's locale, the private sections (public()), the count,
    the page of results, one query per page type among them (news, document,
    content page here), and the site's branding settings. The site's root
    paths for the links come from the cache once warm.
    """
    with in_site(sites.alpha):
        publish_article("Chiêm Hóa tin một")
        publish_document("Quyết định Chiêm Hóa", "40/2024/QĐ-UBND", "Về Chiêm Hóa.")
        ContentPageFactory(title="Giới thiệu Chiêm Hóa")
    search(client, q="chiem hoa")  # warm the caches
    with django_assert_max_num_queries(9), CaptureQueriesContext(connection) as few:
        assert len(titles(search(client, q="chiem hoa"))) == 3

    with in_site(sites.alpha):
        for number in range(12):
            publish_article(f"Chiêm Hóa tin số {number}")
            publish_document(
                f"Quyết định Chiêm Hóa {number}", f"{50 + number}/2024/QĐ-UBND", "Về Chiêm Hóa."
            )
    with CaptureQueriesContext(connection) as many:
        assert len(titles(search(client, q="chiem hoa"))) == 10
    # Ten results of at most three types cost no more than three results of three types.
    assert len(many) <= len(few)
