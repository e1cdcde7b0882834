"""Investment projects: the list with its filters and a project's page."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from wagtail.test.utils.form_data import nested_form_data, streamfield

from projects.models import InvestmentProjectPage
from tests.conftest import in_site
from tests.sections.factories import InvestmentProjectPageFactory, ProjectIndexPageFactory

from .conftest import HOST, assert_valid_html

# pages are published from the editor here: no approval workflow in the way (tests/editorial)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_workflow")]


def make_projects(count=3):
    index = ProjectIndexPageFactory()
    specs = [
        ("Đường tránh thành phố", "Giao thông", "dang_thuc_hien", "ngan_sach_dia_phuong"),
        ("Hồ chứa nước Khuôn Thần", "Thủy lợi", "hoan_thanh", "oda"),
        ("Bệnh viện đa khoa", "Y tế", "chuan_bi", "xa_hoi_hoa"),
    ]
    projects = []
    for number in range(count):
        name, field, status, funding = specs[number % 3]
        projects.append(
            InvestmentProjectPageFactory(
                parent=index,
                title=f"{name} {number}",
                slug=f"du-an-{number}",
                field=field,
                funding_source=funding,
                status=status,
                donor="JICA" if funding == "oda" else "",
            )
        )
    return index, projects


def rows(html):
    return [row.th.get_text(strip=True) for row in html.select("tbody tr") if row.th]


def test_project_page_shows_the_national_fields(client, sites):
    with in_site(sites.alpha):
        _index, (project, oda, _other) = make_projects()
        url = oda.url
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    text = assert_valid_html(response.content).get_text(" ", strip=True)
    for expected in [
        "Hồ chứa nước Khuôn Thần 1",
        "Thủy lợi",
        "Dự án nhóm B",
        "2024–2027",
        "1.250.000.000 đồng",
        "Vốn ODA",
        "JICA",
        "Hoàn thành",
        "Ban Quản lý dự án tỉnh",
    ]:
        assert expected in text


def test_index_lists_filters_and_labels(client, sites):
    with in_site(sites.alpha):
        index, _projects = make_projects()
        url = index.url
    html = assert_valid_html(client.get(url, HTTP_HOST=HOST).content)
    assert html.find("table").caption
    assert len(rows(html)) == 3
    for name in ("status", "field", "funding_source"):
        control = html.find("select", attrs={"name": name})
        assert html.find("label", attrs={"for": control["id"]})
    assert "1.250.000.000" in html.find("table").get_text()

    filtered = BeautifulSoup(
        client.get(url, {"status": "hoan_thanh", "field": "Thủy lợi"}, HTTP_HOST=HOST).content,
        "html.parser",
    )
    assert rows(filtered) == ["Hồ chứa nước Khuôn Thần 1"]
    assert (
        filtered.find("select", attrs={"name": "status"}).find("option", selected=True)["value"]
        == "hoan_thanh"
    )


@pytest.mark.parametrize(
    "query",
    [
        {"status": "khong-co"},
        {"field": "Không có"},
        {"funding_source": "' OR 1=1"},
        {"page": "abc"},
        {"page": "999"},
        {"status": ["a", "b"]},
    ],
)
def test_bad_filter_input_is_ignored(client, sites, query):
    with in_site(sites.alpha):
        index, _projects = make_projects()
        url = index.url
    response = client.get(url, query, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert len(rows(BeautifulSoup(response.content, "html.parser"))) == 3


def test_index_is_paginated_and_keeps_the_filters(client, sites):
    with in_site(sites.alpha):
        index, _projects = make_projects(count=25)
        url = index.url
    html = BeautifulSoup(
        client.get(url, {"field": "Giao thông"}, HTTP_HOST=HOST).content, "html.parser"
    )
    assert len(rows(html)) == 9
    html = BeautifulSoup(client.get(url, HTTP_HOST=HOST).content, "html.parser")
    assert len(rows(html)) == 20
    assert html.find("a", rel="next")["href"] == "?page=2"
    second = BeautifulSoup(client.get(url, {"page": 2}, HTTP_HOST=HOST).content, "html.parser")
    assert len(rows(second)) == 5


def test_end_year_before_start_is_refused_in_the_admin(editor_client, sites):
    editor = editor_client(sites.alpha)
    with in_site(sites.alpha):
        index, _projects = make_projects(count=0)
    data = nested_form_data(
        {
            "title": "Cầu Tình Húc",
            "slug": "cau-tinh-huc",
            "objective": "Nối hai bờ sông.",
            "field": "Giao thông",
            "project_type": "nhom_b",
            "start_year": "2026",
            "end_year": "2024",
            "total_investment": "500000000000",
            "funding_source": "von_vay",
            "donor": "",
            "status": "chuan_bi",
            "location": "",
            "investor": "Sở Xây dựng",
            "description": streamfield([]),
        }
    )
    response = editor.post(
        f"/admin/pages/add/projects/investmentprojectpage/{index.pk}/", data, HTTP_HOST=HOST
    )
    assert response.status_code == 200
    assert "Năm hoàn thành (2024) không được trước năm khởi công (2026)." in (
        response.content.decode()
    )
    data["end_year"] = "2028"
    data["action-publish"] = "publish"
    response = editor.post(
        f"/admin/pages/add/projects/investmentprojectpage/{index.pk}/", data, HTTP_HOST=HOST
    )
    assert response.status_code == 302
    with in_site(sites.alpha):
        assert InvestmentProjectPage.objects.get().total_investment == Decimal("500000000000")


@pytest.mark.parametrize("which", ["index", "project"])
def test_query_budget(client, sites, no_page_cache, django_assert_max_num_queries, which):
    with in_site(sites.alpha):
        index, projects = make_projects(count=12)
        url = (index if which == "index" else projects[0]).url
    client.get(url, HTTP_HOST=HOST)
    # Serving and the layout cost 11 at depth 3, one more per level (routing, the alias
    # check and view restrictions, branding, language links, menu, breadcrumb). The index
    # adds 4: Wagtail's public() reads the view restrictions, then the fields offered in
    # the filter, the count and the page of projects. A project (depth 4) adds nothing.
    with django_assert_max_num_queries(15 if which == "index" else 13):
        assert client.get(url, HTTP_HOST=HOST).status_code == 200
