"""Contact, content and administrative procedure pages."""

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from sitepages.models import ContentPage, Procedure, ProceduresPage, SiteDirectoryPage
from sitepages.validators import is_public_service_host, validate_public_service_url
from tests.conftest import in_site
from tests.home.factories import home_page
from tests.sections.factories import ContactPageFactory, ContentPageFactory, ProceduresPageFactory

from .conftest import HOST, assert_valid_html

# pages are published from the editor here: no approval workflow in the way (tests/editorial)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_workflow")]

PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="


def make_contact():
    return ContactPageFactory(
        agency_name="Sở Khoa học và Công nghệ",
        address="Số 8, đường 17/8\nphường Minh Xuân",
        phone="0207 3822 123",
        fax="0207 3822 124",
        email="sokhcn@tuyenquang.gov.vn",
        working_hours="Sáng 7h30–11h30",
        map_url="https://maps.example.org/?q=sokhcn",
        officer="Nguyễn Văn An – Chánh Văn phòng",
        intro="<p>Mọi ý kiến xin gửi về địa chỉ dưới đây.</p>",
    )


def make_content():
    return ContentPageFactory(
        title="Giới thiệu chung",
        lead="Tỉnh miền núi.",
        body=[("paragraph", "<p>Lịch sử, văn hoá, du lịch.</p>")],
    )


def make_procedures():
    procedures = [
        Procedure(
            name="Cấp giấy chứng nhận quyền sử dụng đất",
            field="Đất đai",
            level="toan_trinh",
            processing_time="30 ngày",
            fee="100.000 đồng",
            url=PORTAL + "1.001",
        ),
        Procedure(
            name="Đăng ký khai sinh",
            field="Hộ tịch",
            level="mot_phan",
            url="https://dichvucong.tuyenquang.gov.vn/thu-tuc/2",
        ),
        Procedure(
            name="Đăng ký biến động đất đai",
            field="Đất đai",
            level="thong_tin",
            url=PORTAL + "1.003",
        ),
    ]
    return ProceduresPageFactory(procedures=procedures)


def test_contact_page_prints_an_address_with_tel_and_mailto_links(client, sites):
    with in_site(sites.alpha):
        url = make_contact().url
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    html = assert_valid_html(response.content)
    address = html.find("address")
    assert "Sở Khoa học và Công nghệ" in address.get_text()
    assert address.find("a", href="tel:02073822123")
    assert address.find("a", href="mailto:sokhcn@tuyenquang.gov.vn")
    assert "Chánh Văn phòng" in address.get_text()
    assert html.find("a", href="https://maps.example.org/?q=sokhcn")


def test_content_page_renders_lead_and_body(client, sites):
    with in_site(sites.alpha):
        url = ContentPageFactory(
            title="Hỏi đáp",
            slug="hoi-dap-cong-dan",
            lead="Công dân hỏi, cơ quan trả lời.",
            body=[("paragraph", "<p>Chuyên mục đang được xây dựng.</p>")],
        ).url
    content = client.get(url, HTTP_HOST=HOST).content
    assert_valid_html(content)
    text = content.decode()
    assert "Công dân hỏi, cơ quan trả lời." in text
    assert "Chuyên mục đang được xây dựng." in text


def test_editor_creates_a_content_page_in_the_admin(editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        parent = home_page()
    data = nested_form_data(
        {
            "title": "Lấy ý kiến dự thảo",
            "slug": "lay-y-kien",
            "lead": "Dự thảo văn bản.",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung dự thảo.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = editor.post(
        f"/admin/pages/add/sitepages/contentpage/{parent.pk}/", data, HTTP_HOST=HOST
    )
    assert response.status_code == 302
    with in_site(sites.alpha):
        assert ContentPage.objects.get(slug="lay-y-kien").live


def test_procedures_are_grouped_by_field_and_filterable(client, sites):
    with in_site(sites.alpha):
        url = make_procedures().url
    html = assert_valid_html(client.get(url, HTTP_HOST=HOST).content)
    groups = [h2.get_text(strip=True) for h2 in html.select("section h2")]
    assert groups == ["Đất đai", "Hộ tịch"]
    assert html.find("label", attrs={"for": "procedure-field"})
    first_table = html.select_one("section table")
    assert first_table.caption and first_table.find("th", scope="col")
    assert len(first_table.select("tbody tr")) == 2
    assert first_table.find("a", href=PORTAL + "1.001")

    filtered = BeautifulSoup(
        client.get(url, {"linh_vuc": "Hộ tịch"}, HTTP_HOST=HOST).content, "html.parser"
    )
    assert [h2.get_text(strip=True) for h2 in filtered.select("section h2")] == ["Hộ tịch"]
    assert filtered.find("option", selected=True).get_text() == "Hộ tịch"


@pytest.mark.parametrize("value", ["không-có", "", "%00", "Đất đai' OR 1=1 --", "x" * 5000])
def test_bad_filter_input_is_ignored(client, sites, value):
    with in_site(sites.alpha):
        url = make_procedures().url
    response = client.get(url, {"linh_vuc": value}, HTTP_HOST=HOST)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert len(html.select("section h2")) == 2


@pytest.mark.parametrize(
    "url",
    [
        "https://dichvucong.gov.vn/p/home/x.html",
        "https://public.dichvucong.gov.vn/x",
        "https://dichvucong.tuyenquang.gov.vn/thu-tuc",
        "http://tuyenquang.gov.vn/thu-tuc",
    ],
)
def test_public_service_portals_are_accepted(url):
    validate_public_service_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/thu-tuc",
        "https://dichvucong.gov.vn.example.com/",
        "https://dichvucong.gov.vn@example.com/",
        "https://gov.vn/",
        "ftp://dichvucong.gov.vn/",
        "javascript:alert(1)",
        "https://[::1/",
    ],
)
def test_other_hosts_are_refused(url):
    with pytest.raises(ValidationError) as error:
        validate_public_service_url(url)
    assert "Cổng Dịch vụ công quốc gia" in error.value.messages[0]


def test_look_alike_hosts():
    assert is_public_service_host("dichvucong.gov.vn")
    assert not is_public_service_host("xdichvucong.gov.vn.evil")
    assert not is_public_service_host(None)


def test_editor_gets_a_vietnamese_message_for_a_link_outside_the_portal(editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        parent = home_page()
    data = nested_form_data(
        {
            "title": "Thủ tục",
            "slug": "thu-tuc",
            "intro": rich_text(""),
            "procedures": inline_formset(
                [
                    {
                        "name": "Đăng ký khai sinh",
                        "field": "Hộ tịch",
                        "level": "toan_trinh",
                        "processing_time": "",
                        "fee": "",
                        "url": "https://example.com/khai-sinh",
                    }
                ]
            ),
        }
    )
    response = editor.post(
        f"/admin/pages/add/sitepages/procedurespage/{parent.pk}/", data, HTTP_HOST=HOST
    )
    assert response.status_code == 200
    assert "phải trỏ tới Cổng Dịch vụ công quốc gia" in response.content.decode()
    with in_site(sites.alpha):
        assert not ProceduresPage.objects.filter(slug="thu-tuc").exists()


def test_text_is_stored_composed(sites):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Đất đai")
    with in_site(sites.alpha):
        procedure = Procedure(name="x", field=decomposed, url=PORTAL)
        procedure.clean()
    assert procedure.field == unicodedata.normalize("NFC", "Đất đai")


@pytest.mark.parametrize("maker", [make_contact, make_content, make_procedures])
def test_query_budget(client, sites, no_page_cache, django_assert_max_num_queries, maker):
    with in_site(sites.alpha):
        url = maker().url
    client.get(url, HTTP_HOST=HOST)
    # Serving and the layout cost 11 (routing, the alias check and view restrictions,
    # branding, language links, menu, breadcrumb); procedures add one query for the list.
    with django_assert_max_num_queries(13):
        assert client.get(url, HTTP_HOST=HOST).status_code == 200


def test_editor_creates_procedures_linked_to_the_portal(editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        parent = home_page()
    data = nested_form_data(
        {
            "title": "Thủ tục",
            "slug": "thu-tuc",
            "intro": rich_text(""),
            "procedures": inline_formset(
                [
                    {
                        "name": "Đăng ký khai sinh",
                        "field": "Hộ tịch",
                        "level": "toan_trinh",
                        "processing_time": "Ngay trong ngày",
                        "fee": "Miễn phí",
                        "url": PORTAL + "1.001",
                    }
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = editor.post(
        f"/admin/pages/add/sitepages/procedurespage/{parent.pk}/", data, HTTP_HOST=HOST
    )
    assert response.status_code == 302
    with in_site(sites.alpha):
        assert ProceduresPage.objects.get(slug="thu-tuc").procedures.get().field == "Hộ tịch"


@pytest.mark.parametrize(
    "model", ["contactpage", "contentpage", "procedurespage", "sitedirectorypage"]
)
def test_admin_create_forms_open(editor_client, sites, model):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        parent = home_page()
        if model == "sitedirectorypage":  # one per parent: the skeleton's goes first
            SiteDirectoryPage.objects.child_of(parent).delete()
    response = editor.get(f"/admin/pages/add/sitepages/{model}/{parent.pk}/", HTTP_HOST=HOST)
    assert response.status_code == 200
