"""The demo province's content: every page type, published, in the menu's order, served.

The builder runs on the session's sites (inside the test's transaction), with the
data of a demo site of the same kind: ``sonduong`` (commune) on ``beta``,
``tuyenquang`` (portal with English) on ``alpha``. ``manage.py demo`` itself is
not run here: creating six schemas takes a minute.
"""

import datetime as dt

import pytest

from django.db import connection
from django.utils import translation

from wagtail.models import Page

from provisioning.demo_data import build_demo_site, load, sections_of
from provisioning.skeleton.pages import NATIONAL_PROCEDURE_URL
from provisioning.skeleton.sections import refresh_schedule
from tests.conftest import in_site
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

#: every page type a state site publishes, as "app.Model"
STATE_SITE_TYPES = {
    "home.HomePage",
    "news.NewsIndexPage",
    "news.NewsArticlePage",
    "documents.DocumentIndexPage",
    "documents.LegalDocumentPage",
    "organisation.OrganisationPage",
    "sitepages.ContactPage",
    "sitepages.ProceduresPage",
    "schedule.WorkScheduleIndexPage",
    "schedule.WeeklySchedulePage",
    "projects.ProjectIndexPage",
    "projects.InvestmentProjectPage",
    "consultation.ConsultationIndexPage",
    "participation.QAPage",
    "participation.QAAnswerPage",
}
#: party bodies handle no administrative procedures and own no investment projects
PARTY_SITE_TYPES = STATE_SITE_TYPES - {
    "sitepages.ProceduresPage",
    "projects.ProjectIndexPage",
    "projects.InvestmentProjectPage",
}


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE_TIMEOUT = 0


def _live_pages():
    """[(type label, url path)] of every live page of the active schema but the root."""
    pages = []
    for page in Page.objects.live().filter(depth__gt=1).specific().select_related("locale"):
        with translation.override(page.locale.language_code):
            pages.append((page.specific_class._meta.label, page.get_url()))
    return pages


def _build(site, demo_slug):
    with in_site(site):
        build_demo_site(demo_slug)
        pages = _live_pages()
    connection.set_schema_to_public()
    return pages


def _assert_all_served(client, host, pages):
    for label, url in pages:
        response = client.get(url, HTTP_HOST=host)
        assert response.status_code == 200, (label, url, response.status_code)
        assert response.content.decode().count("<h1") == 1, url


@pytest.mark.parametrize(
    ("site", "demo_slug", "types"),
    [
        ("beta", "sonduong", STATE_SITE_TYPES),
        (
            "alpha",
            "tuyenquang",
            STATE_SITE_TYPES
            | {"sitepages.SiteDirectoryPage", "consultation.DraftConsultationPage"},
        ),
        ("gamma", "tuyenquang_dcs", PARTY_SITE_TYPES | {"sitepages.SiteDirectoryPage"}),
    ],
)
def test_every_page_type_is_published_and_renders(client, sites, site, demo_slug, types):
    pages = _build(getattr(sites, site), demo_slug)
    assert {label for label, _url in pages} == types
    _assert_all_served(client, f"{site}.test", pages)


def test_portal_has_english_organisation_contact_and_home(client, sites):
    pages = _build(sites.alpha, "tuyenquang")
    urls = {url for _label, url in pages}
    assert {"/en/about-us/", "/en/contact/"} <= urls
    about = client.get("/en/about-us/", HTTP_HOST="alpha.test").content.decode()
    assert "Chairman of the Provincial People&#x27;s Committee" in about
    assert "Nguyễn Văn An" in about
    english_home = client.get("/en/", HTTP_HOST="alpha.test").content.decode()
    assert "National portals" in english_home and "Latest news" in english_home

    # The component sites' directory reads the registry: beta is alpha's child.
    assert "Xã Bê Ta" in client.get("/trang-thanh-phan/", HTTP_HOST="alpha.test").content.decode()


def test_home_page_is_arranged_and_menu_follows_the_yaml_order(client, sites):
    _build(sites.alpha, "tuyenquang")
    html = client.get("/", HTTP_HOST="alpha.test").content.decode()
    # featured story, two categories, documents, schedule, national links
    for text in (
        "Ủy ban nhân dân tỉnh họp phiên thường kỳ",
        "Thời sự",
        "Kinh tế",
        "Văn bản mới",
        "Lịch công tác tuần",
        "Cổng Dịch vụ công quốc gia",
    ):
        assert text in html, text
    with in_site(sites.alpha):
        from home.models import HomePage

        home = HomePage.objects.get(locale__language_code="vi")
        menu = list(
            home.get_children().live().filter(show_in_menus=True).values_list("slug", flat=True)
        )
        english = list(home.get_translations().get().get_children().values_list("slug", flat=True))
    expected = [spec["slug"] for spec in sections_of("tuyenquang")["sections"]]
    assert menu == expected
    # the English pages follow the Vietnamese menu
    assert english == ["about-us", "news", "contact"]
    assert html.index(">Giới thiệu<") < html.index(">Tin tức<") < html.index(">Liên hệ<")


def test_branding_fills_the_footer(client, sites):
    _build(sites.beta, "sonduong")
    html = client.get("/", HTTP_HOST="beta.test").content.decode()
    data = sections_of("sonduong")["branding"]
    for name in ("agency", "address", "phone", "email", "responsible_person", "licence"):
        assert data[name] in html, name


def test_schedule_has_this_week_and_last_week_and_is_topped_up_later(sites):
    from schedule import weeks
    from schedule.models import WeeklySchedulePage

    this_monday = weeks.monday_of(weeks.today())
    with in_site(sites.beta):
        build_demo_site("sonduong")
        starts = set(WeeklySchedulePage.objects.live().values_list("week_start", flat=True))
        assert starts == {this_monday, this_monday - dt.timedelta(days=7)}
        assert all(week.entries.exists() for week in WeeklySchedulePage.objects.all())
        # Run again the same week: nothing to add.
        assert refresh_schedule(sections_of("sonduong")) == []
        # A run in a later week (here: this week's page gone) adds the missing week.
        WeeklySchedulePage.objects.get(week_start=this_monday).delete()
        added = refresh_schedule(sections_of("sonduong"))
        assert [week.week_start for week in added] == [this_monday]


def test_documents_have_a_file_and_articles_have_tags(client, sites):
    with in_site(sites.beta):
        build_demo_site("sonduong")
        from documents.models import LegalDocumentPage
        from news.models import NewsArticlePage

        assert all(doc.attachments.exists() for doc in LegalDocumentPage.objects.all())
        file_url = LegalDocumentPage.objects.first().attachments.first().document.url
        tagged = NewsArticlePage.objects.filter(tagged_items__isnull=False).distinct()
        assert tagged.exists()
    connection.set_schema_to_public()
    response = client.get(file_url, HTTP_HOST="beta.test")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


def test_demo_pages_open_in_the_editor_with_their_publication_in_history(client, sites):
    """Pages are published in one save (provisioning.skeleton.publishing): they still have a
    live revision and a history entry, as after an editor's "Publish"."""
    from django.contrib.auth import get_user_model

    from organisation.models import OrganisationPage

    with in_site(sites.beta):
        build_demo_site("sonduong")
        page = OrganisationPage.objects.get()
        assert page.live_revision_id == page.latest_revision_id is not None
        assert not page.has_unpublished_changes
        assert page.live_revision.as_object().leaders.count() == 3
        user = get_user_model().objects.create_superuser(
            "quantri-demo", "quantri-demo@beta.test", "mat-khau-2026"
        )
        verified_login(client, user)
    connection.set_schema_to_public()
    edit = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_HOST="beta.test")
    assert edit.status_code == 200
    assert "Hà Thị Duyên" in edit.content.decode()
    history = client.get(f"/admin/pages/{page.pk}/history/", HTTP_HOST="beta.test")
    assert history.status_code == 200
    assert "Đã xuất bản" in history.content.decode()  # the admin is in Vietnamese


DEMO_SLUGS = [site["slug"] for site in load("sites.yaml")["sites"]]
#: sections every demo site has; state sites and portals add theirs (the skeletons,
#: provisioning/skeletons/<kind>.yaml, follow Nghị định 42/2022/NĐ-CP)
REQUIRED_SECTIONS = {"organisation", "contact", "schedule", "consultations", "qa"}
STATE_SECTIONS = {"procedures", "projects"}


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_demo_data_is_complete_and_valid(slug):
    """What the builder does not validate itself: the inline rows (saved without
    ``full_clean``), the sections each kind of site must have, the home blocks' links
    to articles and categories of content.yaml."""
    from organisation.models import Leader, Unit
    from schedule.models import ScheduleEntry
    from sitepages.models import Procedure

    site = next(site for site in load("sites.yaml")["sites"] if site["slug"] == slug)
    data, content = sections_of(slug), load("content.yaml")[slug]
    types = [spec.get("type") for spec in data["sections"]]
    required = set(REQUIRED_SECTIONS)
    if not site["kind"].startswith("party"):
        required |= STATE_SECTIONS
    if site["kind"] in ("provincial_portal", "party_portal"):
        required.add("directory")
    assert required <= set(types)
    assert {"tin-tuc", "van-ban"} <= {spec["slug"] for spec in data["sections"]}
    assert set(data["branding"]) >= {
        "agency",
        "address",
        "phone",
        "email",
        "responsible_person",
        "licence",
    }

    rows = []
    for spec in data["sections"]:
        if spec.get("type") == "organisation":
            assert 3 <= len(spec["leaders"]) <= 5 and 2 <= len(spec["units"]) <= 4
            rows += [
                Leader(
                    full_name=x["name"],
                    title=x["title"],
                    phone=x["phone"],
                    email=x["email"],
                    responsibilities=x.get("responsibilities", ""),
                )
                for x in spec["leaders"]
            ]
            rows += [
                Unit(
                    name=x["name"],
                    head=x["head"],
                    phone=x["phone"],
                    email=x["email"],
                    address=x["address"],
                )
                for x in spec["units"]
            ]
        if spec.get("type") == "procedures":
            assert 4 <= len(spec["procedures"]) <= 6
            rows += [
                Procedure(
                    name=x["name"],
                    field=x["field"],
                    level=x["level"],
                    url=NATIONAL_PROCEDURE_URL.format(code=x["code"]),
                )
                for x in spec["procedures"]
            ]
        if spec.get("type") == "schedule":
            for entry in spec["last_week"] + spec["this_week"]:
                assert 0 <= entry["day"] <= 6
                rows.append(
                    ScheduleEntry(
                        date=dt.date(2026, 11, 23),
                        leaders=entry["leaders"],
                        content=entry["content"],
                        time=dt.time.fromisoformat(entry["time"]) if "time" in entry else None,
                    )
                )
        if spec.get("type") == "projects":
            assert 1 <= len(spec["projects"]) <= 3
    for row in rows:
        row.clean_fields(exclude=["page", "sort_order"])

    articles = {item["slug"] for item in content["news"]}
    categories = {item["slug"] for item in content["categories"]}
    for block in data["home"]:
        ((kind, value),) = block.items()
        if kind == "featured_story" and value.get("article"):
            assert value["article"] in articles
        if kind == "latest_news" and value.get("category"):
            assert value["category"] in categories
