"""The dashboard of my work (adminui.dashboard): my drafts, what became of my
submissions, the offers waiting for a portal's board; each item links to where the
work is done, and a panel's queries do not grow with its items."""

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import in_site
from tests.news.factories import NewsArticlePageFactory
from tests.syndication.test_exchange import publish_story

pytestmark = pytest.mark.django_db


def member(site, role):
    return get_user_model().objects.get(email=f"{role}@{site.slug}.test")


def draft(site, title, user):
    article = NewsArticlePageFactory(title=title, publish=False)
    article.save_revision(user=user)
    return article


def test_my_drafts_and_the_outcome_of_my_submissions(sites, editor_client):
    with in_site(sites.beta):
        writer, chief = member(sites.beta, "phong_vien"), member(sites.beta, "truong_ban")
        mine = draft(sites.beta, "Bản nháp về mùa gặt", writer)
        draft(sites.beta, "Bản nháp của người khác", chief)
        sent_back = draft(sites.beta, "Bài bị trả lại", writer)
        state = sent_back.get_workflow().start(sent_back, writer)
        state.current_task_state.reject(user=chief, comment="Thiếu nguồn ảnh, bổ sung giúp.")
    html = editor_client(sites.beta, role="phong_vien").get("/admin/", HTTP_HOST="beta.test")
    html = html.content.decode()
    assert 'id="my-drafts-section"' in html
    assert f'href="/admin/pages/{mine.pk}/edit/">Bản nháp về mùa gặt</a>' in html
    assert "Bản nháp của người khác" not in html
    assert 'id="my-submissions-section"' in html
    assert f'href="/admin/pages/{sent_back.pk}/edit/">Bài bị trả lại</a>' in html
    assert "Bị trả lại" in html and "Thiếu nguồn ảnh, bổ sung giúp." in html
    # the chief's own dashboard has no "my submissions" (they submitted nothing)
    chief_html = editor_client(sites.beta, role="truong_ban").get("/admin/", HTTP_HOST="beta.test")
    assert 'id="my-submissions-section"' not in chief_html.content.decode()


def test_the_portals_board_sees_the_offers_waiting_with_links(sites, editor_client):
    article = publish_story(sites.beta)
    from syndication.models import Offer

    offer = Offer.objects.get(page_id=article.pk)
    html = editor_client(sites.alpha, role="truong_ban").get("/admin/", HTTP_HOST="alpha.test")
    html = html.content.decode()
    assert 'id="syndication-inbox-section"' in html
    assert f'href="/admin/syndication/{offer.pk}/">{offer.title}</a>' in html
    assert "Xã Bê Ta" in html  # the source site


def panel_queries(site, user) -> dict[str, int]:
    """The queries each of the platform's panels makes to render, for ``user``."""
    from django.test import RequestFactory

    from adminui.panels import MyDraftsPanel, MySubmissionsPanel

    request = RequestFactory().get("/admin/", HTTP_HOST=f"{site.slug}.test")
    request.user, request.tenant = user, site
    counts = {}
    with in_site(site):
        for panel_class in (MyDraftsPanel, MySubmissionsPanel):
            with CaptureQueriesContext(connection) as queries:
                panel = panel_class(request)
                assert panel.is_shown()
                panel.render_html({"request": request})
            counts[panel_class.name] = len(queries)
    return counts


def add_work(site, writer, chief, numbers):
    with in_site(site):
        for i in numbers:
            page = draft(site, f"Bản nháp {i}", writer)
            page.get_workflow().start(page, writer).current_task_state.reject(
                user=chief, comment="Sửa"
            )
            draft(site, f"Nháp riêng {i}", writer)


def test_each_panel_costs_the_same_queries_for_2_or_12_items(sites):
    with in_site(sites.beta):
        writer = member(sites.beta, "phong_vien")
        chief = member(sites.beta, "truong_ban")
    add_work(sites.beta, writer, chief, range(2))
    few = panel_queries(sites.beta, writer)
    add_work(sites.beta, writer, chief, range(2, 12))
    many = panel_queries(sites.beta, writer)
    assert many == few, (few, many)
    assert few == {"my-drafts": 1, "my-submissions": 2}, few


def test_the_inbox_panel_costs_the_same_queries_for_1_or_7_offers(sites, editor_client):
    from django.test import RequestFactory

    from syndication.wagtail_hooks import InboxPanel

    def measure():
        request = RequestFactory().get("/admin/", HTTP_HOST="alpha.test")
        with in_site(sites.alpha):
            request.user, request.tenant = member(sites.alpha, "truong_ban"), sites.alpha
            with CaptureQueriesContext(connection) as queries:
                panel = InboxPanel(request)
                assert panel.is_shown()
                html = panel.render_html({"request": request})
        return len(queries), html.count('href="/admin/syndication/')

    publish_story(sites.beta)
    one = measure()
    with in_site(sites.beta):
        for i in range(6):
            NewsArticlePageFactory(title=f"Tin xã số {i}", lead="Tin.")
    seven = measure()
    assert one[0] == seven[0], (one, seven)
    assert (one[1], seven[1]) == (2, 6)  # items (at most 5) and the link to the inbox


def test_the_whole_dashboard_costs_the_same_queries_for_2_or_12_submissions(sites, editor_client):
    """Every panel of the page, Wagtail's included: its unbounded "your pages in a
    workflow" panel is left out (adminui.dashboard.drop_unbounded_wagtail_panels)."""
    with in_site(sites.beta):
        writer = member(sites.beta, "phong_vien")
        chief = member(sites.beta, "truong_ban")
    client = editor_client(sites.beta, role="phong_vien")

    def dashboard_queries():
        client.get("/admin/", HTTP_HOST="beta.test")  # warm caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/", HTTP_HOST="beta.test").status_code == 200
        return len(queries)

    add_work(sites.beta, writer, chief, range(2))
    few = dashboard_queries()
    add_work(sites.beta, writer, chief, range(2, 12))
    assert dashboard_queries() == few
