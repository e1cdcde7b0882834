"""The organisation page: editors build it in the admin, visitors read it in both languages."""

import pytest
from bs4 import BeautifulSoup

from django.utils import translation

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from organisation.models import Leader, OrganisationPage, Unit
from tests.conftest import in_site
from tests.factories import ImageFactory
from tests.home.factories import home_page
from tests.sections.factories import OrganisationPageFactory

from .conftest import HOST, assert_valid_html

# pages are published from the editor here: no approval workflow in the way (tests/editorial)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_workflow")]


def make_organisation():
    """The organisation page with two leaders and a unit."""
    leaders = [
        Leader(
            full_name="Nguyễn Văn An",
            title="Giám đốc",
            phone="0207 3822 123",
            email="nvan@tuyenquang.gov.vn",
            responsibilities="Phụ trách chung",
        ),
        Leader(full_name="Trần Thị Bình", title="Phó Giám đốc", email="ttbinh@gmail.com"),
    ]
    units = [
        Unit(
            name="Văn phòng Sở",
            head="Lê Văn Cường – Chánh Văn phòng",
            phone="0207 3822 456",
            email="vanphong@tuyenquang.gov.vn",
            address="Số 1, đường Tân Trào",
        ),
    ]
    return OrganisationPageFactory(leaders=leaders, units=units)


def test_visitor_reads_functions_leaders_and_units(client, sites):
    with in_site(sites.alpha):
        url = make_organisation().url
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    html = assert_valid_html(response.content)
    headings = [h2.get_text(strip=True) for h2 in html.find_all("h2")]
    assert {"Chức năng", "Nhiệm vụ, quyền hạn", "Lãnh đạo", "Đơn vị trực thuộc"} <= set(headings)
    leaders = [h3.get_text() for h3 in html.select(".leader h3")]
    assert leaders == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert html.find("a", href="tel:02073822123").get_text() == "0207 3822 123"
    assert html.find("a", href="mailto:nvan@tuyenquang.gov.vn")
    assert "Văn phòng Sở" in html.select_one(".units").get_text()


def add_photos(page):
    """Give every leader of ``page`` a portrait."""
    for number, leader in enumerate(page.leaders.all()):
        leader.photo = ImageFactory(title=f"chan-dung-{number}.png")
        leader.save()


def test_leader_photo_has_the_leader_name_as_alt_text(client, sites):
    with in_site(sites.alpha):
        page = make_organisation()
        add_photos(page)
        url = page.url
    html = BeautifulSoup(client.get(url, HTTP_HOST=HOST).content, "html.parser")
    assert [img["alt"] for img in html.select(".leader img")] == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_editor_creates_the_page_with_leaders_in_the_admin(editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        parent = home_page()
    data = nested_form_data(
        {
            "title": "Giới thiệu Sở",
            "slug": "gioi-thieu-so",
            "intro": rich_text("<p>Sở Khoa học và Công nghệ.</p>"),
            "functions": rich_text("<p>Tham mưu về khoa học.</p>"),
            "tasks": rich_text("<p>Quản lý đề tài.</p>"),
            "structure": streamfield([("paragraph", rich_text("<p>Ba phòng chuyên môn.</p>"))]),
            "leaders": inline_formset(
                [
                    {
                        "full_name": "Nguyễn Văn An",
                        "title": "Giám đốc",
                        "phone": "0207 3822 123",
                        "email": "nvan@tuyenquang.gov.vn",
                        "photo": "",
                        "responsibilities": "Phụ trách chung",
                    },
                    {
                        "full_name": "Hoàng Văn Dũng",
                        "title": "Phó Giám đốc",
                        "phone": "",
                        "email": "",
                        "photo": "",
                        "responsibilities": "",
                    },
                ]
            ),
            "units": inline_formset(
                [
                    {"name": "Văn phòng", "head": "", "phone": "", "email": "", "address": ""},
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = editor.post(
        f"/admin/pages/add/organisation/organisationpage/{parent.pk}/", data, HTTP_HOST=HOST
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_site(sites.alpha):
        page = OrganisationPage.objects.get(slug="gioi-thieu-so")
        assert page.live
        assert [leader.full_name for leader in page.leaders.all()] == [
            "Nguyễn Văn An",
            "Hoàng Văn Dũng",
        ]
        assert page.units.get().name == "Văn phòng"


def test_bad_phone_and_email_get_vietnamese_messages(editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        parent = home_page()
    data = nested_form_data(
        {
            "title": "Giới thiệu",
            "slug": "gioi-thieu",
            "intro": rich_text(""),
            "functions": rich_text(""),
            "tasks": rich_text(""),
            "structure": streamfield([]),
            "leaders": inline_formset(
                [
                    {
                        "full_name": "A",
                        "title": "B",
                        "phone": "gọi tôi",
                        "email": "khong-phai-email",
                        "photo": "",
                        "responsibilities": "",
                    }
                ]
            ),
            "units": inline_formset([]),
        }
    )
    response = editor.post(
        f"/admin/pages/add/organisation/organisationpage/{parent.pk}/", data, HTTP_HOST=HOST
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Số điện thoại chỉ gồm chữ số" in text
    assert "Nhập địa chỉ email." in text  # Django's Vietnamese catalogue


def test_english_translation_shows_english_headings(client, sites):
    with in_site(sites.alpha):
        page = make_organisation()
        english = page.copy_for_translation(Locale.objects.get(language_code="en"))
        english.title = "Organisation"
        english.save_revision().publish()
        english.refresh_from_db()
        url = english.url
    assert url.startswith("/en/")
    response = client.get(url, HTTP_HOST=HOST)
    translation.activate("vi")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    headings = {h2.get_text(strip=True) for h2 in html.find_all("h2")}
    vietnamese = ["Chức năng", "Nhiệm vụ, quyền hạn", "Lãnh đạo", "Đơn vị trực thuộc"]
    with translation.override("en"):
        english = {translation.gettext(heading) for heading in vietnamese}
    assert english <= headings
    assert not headings & set(vietnamese)
    assert "Functions" in headings


def test_query_budget(client, sites, no_page_cache, django_assert_max_num_queries):
    with in_site(sites.alpha):
        page = make_organisation()
        add_photos(page)
        url = page.url
    client.get(url, HTTP_HOST=HOST)
    # Serving and the layout cost 11 (routing, the alias check and view restrictions,
    # branding, language links, menu, breadcrumb); the page adds 4 whatever the number of
    # leaders: the leaders, their photos, the photos' renditions and the units.
    with django_assert_max_num_queries(15):
        assert client.get(url, HTTP_HOST=HOST).status_code == 200
