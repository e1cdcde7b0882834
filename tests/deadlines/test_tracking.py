"""Items tracked on save and publish, the due time in the editor, the dashboard
panel, the rollup into public, the secretary's reminder and the rule table's
validation, through the admin as the board members who use them."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from deadlines import figures, services
from deadlines.kinds import Kind
from deadlines.models import DeadlineItem, DeadlineRule
from deadlines.tasks import dispatch_deadlines
from documents.models import LegalDocumentPage
from operations.models import SiteFigures
from reports.collectors import rollup_site
from reports.services import build_report
from tests.conftest import in_site
from tests.documents.factories import LegalDocumentPageFactory
from tests.news.factories import NewsArticlePageFactory
from workdays.calendar import TIMEZONE, add_working_hours

pytestmark = pytest.mark.django_db


def local(y, m, d, hh=0, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=TIMEZONE)


def overdue_article(title="Hội nghị tổng kết năm quá hạn"):
    """An unpublished event article whose event ended two weeks ago."""
    return NewsArticlePageFactory(
        title=title,
        publish=False,
        deadline_kind=Kind.EVENT_NEWS,
        deadline_starts_at=timezone.now() - datetime.timedelta(days=14),
    )


def test_items_follow_save_and_publish(sites):
    with in_site(sites.alpha):
        document = LegalDocumentPageFactory(
            title="Quyết định phê duyệt giá đất",
            publish=False,
            deadline_kind=Kind.ADMINISTRATIVE,
            deadline_starts_at=local(2026, 12, 4, 9),
        )
        item = DeadlineItem.objects.get(page=document)
        assert item.due_at == local(2026, 12, 8, 17)
        assert item.published_at is None
        # published on time
        document.first_published_at = local(2026, 12, 8, 10)
        document.save_revision().publish()
        item.refresh_from_db()
        assert item.published_at == local(2026, 12, 8, 10) and item.met is True
        # late, and the kind taken off: the item goes
        article = overdue_article()
        assert DeadlineItem.objects.get(page=article).met is False
        article.deadline_kind, article.deadline_starts_at = "", None
        article.save()
        assert not DeadlineItem.objects.filter(page=article).exists()


def test_the_editor_shows_the_due_time(sites, editor_client):
    with in_site(sites.alpha):
        article = NewsArticlePageFactory(
            title="Khai mạc hội chợ chiều thứ Sáu",
            publish=False,
            deadline_kind=Kind.EVENT_NEWS,
            deadline_starts_at=local(2026, 12, 4, 16),
        )
    client = editor_client(sites.alpha, role="truong_ban")
    response = client.get(f"/admin/pages/{article.pk}/edit/", HTTP_HOST="alpha.test")
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-deadline-due" in html
    assert "Hạn đăng: 07/12/2026 16:30" in html
    assert "Chưa đăng: đã quá hạn." in html or "Chưa đăng: còn trong hạn." in html


def test_the_editor_records_a_documents_deadline(sites, editor_client, no_workflow):
    from tests.documents.test_admin import create, form_data

    client = editor_client(sites.alpha)
    with in_site(sites.alpha):
        data = form_data(
            slug="van-ban-nhan-truoc-tet",
            deadline_kind=Kind.LEGAL_NORMATIVE,
            deadline_starts_at="03/02/2027 15:30",  # received on the eve of Tết 2027
        )
        del data["action-publish"]  # saved as a draft
        response = create(client, data)
        assert response.status_code == 302, response.context["form"].errors
        page = LegalDocumentPage.objects.get(slug="van-ban-nhan-truoc-tet")
        item = DeadlineItem.objects.get(page=page)
        assert item.due_at == local(2027, 2, 19, 17) and item.published_at is None
    html = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_HOST="alpha.test").content.decode()
    assert "Hạn đăng: 19/02/2027 17:00" in html
    # a kind without the time it runs from: a Vietnamese message, nothing saved
    with in_site(sites.alpha):
        data = form_data(slug="van-ban-thieu-moc", deadline_kind=Kind.ADMINISTRATIVE)
        del data["action-publish"]
        response = create(client, data)
        assert response.status_code == 200
        assert "Hãy nhập thời điểm tính hạn" in response.content.decode()
        assert not LegalDocumentPage.objects.filter(slug="van-ban-thieu-moc").exists()


def test_dashboard_lists_an_overdue_item(sites, editor_client):
    with in_site(sites.beta):
        overdue_article("Tin hội nghị chưa đăng, đã quá hạn")
        NewsArticlePageFactory(
            title="Văn bản hành chính sắp đến hạn",
            publish=False,
            deadline_kind=Kind.EMERGENCY,
            deadline_starts_at=timezone.now(),
        )
    client = editor_client(sites.beta, role="thu_ky")
    html = client.get("/admin/", HTTP_HOST="beta.test").content.decode()
    assert "Hạn đăng tin: quá hạn và sắp đến hạn" in html
    assert "Tin hội nghị chưa đăng, đã quá hạn" in html
    assert "Quá hạn" in html
    # another site's board sees none of it
    other = editor_client(sites.alpha, role="thu_ky").get("/admin/", HTTP_HOST="alpha.test")
    assert "Tin hội nghị chưa đăng, đã quá hạn" not in other.content.decode()


def test_rollup_writes_figures_and_reminds_once(sites, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with in_site(sites.beta):
        overdue_article()
        overdue_article("Tin thứ hai quá hạn")
        soon = NewsArticlePageFactory(
            title="Tin cần đăng trong vài giờ tới",
            publish=False,
            deadline_kind=Kind.EVENT_NEWS,
            deadline_starts_at=timezone.now(),
        )
        due = DeadlineItem.objects.get(page=soon).due_at
        assert due <= add_working_hours(timezone.now(), 8)
    # as beat runs it: fanned out over every active site (the e-mail goes on commit)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_deadlines.apply()
    figures_row = SiteFigures.objects.get(tenant=sites.beta)
    assert figures_row.overdue_items == 2
    assert figures_row.deadlines_due_30d == 2 and figures_row.deadlines_met_30d == 0
    assert SiteFigures.objects.get(tenant=sites.alpha).overdue_items == 0
    reminders = [m for m in mail.outbox if "Tin cần đăng trong vài giờ tới" in m.subject]
    assert len(reminders) == 1
    assert reminders[0].to == ["thu_ky@beta.test"]
    assert "phải được đăng trước" in reminders[0].body
    with in_site(sites.beta):
        assert DeadlineItem.objects.get(page=soon).reminded_at is not None
        assert DeadlineItem.objects.filter(met=False).count() == 2
        day = timezone.localtime(DeadlineItem.objects.get(page=soon).due_at, TIMEZONE).date()
        assert figures.day_figures(day)["due"] >= 1
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_deadlines.apply()
    assert len([m for m in mail.outbox if "Tin cần đăng trong vài giờ tới" in m.subject]) == 1


def test_day_figures(sites):
    with in_site(sites.alpha):
        on_time = LegalDocumentPageFactory(
            publish=False,
            deadline_kind=Kind.ADMINISTRATIVE,
            deadline_starts_at=local(2026, 11, 2, 9),  # due Wednesday 04/11 17:00
        )
        on_time.first_published_at = local(2026, 11, 4, 9)
        on_time.save_revision().publish()
        late = LegalDocumentPageFactory(
            publish=False,
            deadline_kind=Kind.ADMINISTRATIVE,
            deadline_starts_at=local(2026, 11, 2, 10),
        )
        late.first_published_at = local(2026, 11, 5, 9)
        late.save_revision().publish()
        LegalDocumentPageFactory(
            publish=False,
            deadline_kind=Kind.ADMINISTRATIVE,
            deadline_starts_at=local(2026, 11, 2, 11),
        )
        assert figures.day_figures(datetime.date(2026, 11, 4)) == {"due": 3, "met": 1, "missed": 2}
        assert figures.day_figures(datetime.date(2026, 11, 5)) == {"due": 0, "met": 0, "missed": 0}
        # the periodic reports' rollup writes them to public: the on-time rate
        rollup_site([datetime.date(2026, 11, 4)])
    report = build_report(datetime.date(2026, 11, 1), datetime.date(2026, 11, 30), sites.alpha)
    assert report["has_deadlines"]
    assert (report["totals"]["deadlines_met"], report["totals"]["deadlines_missed"]) == (1, 2)
    assert report["on_time_rate"] == 33.3


def test_rule_table_for_the_head_only_and_no_negative_period(sites, editor_client):
    with in_site(sites.alpha):
        rule = DeadlineRule.objects.get(kind=Kind.OTHER)
    url = f"/admin/snippets/deadlines/deadlinerule/edit/{rule.pk}/"
    head = editor_client(sites.alpha, role="truong_ban")
    assert (
        head.get("/admin/snippets/deadlines/deadlinerule/", HTTP_HOST="alpha.test").status_code
        == 200
    )
    response = head.post(
        url,
        {"kind": Kind.OTHER, "amount": "-3", "unit": "working_days", "runs_from": "signed"},
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 200
    assert "Thời hạn không được là số âm." in response.content.decode()
    with in_site(sites.alpha):
        assert DeadlineRule.objects.get(pk=rule.pk).amount == 5
    response = head.post(
        url,
        {"kind": Kind.OTHER, "amount": "4", "unit": "working_days", "runs_from": "signed"},
        HTTP_HOST="alpha.test",
    )
    assert response.status_code == 302
    with in_site(sites.alpha):
        assert DeadlineRule.objects.get(pk=rule.pk).amount == 4
    # an editor may not change the rules
    editor = editor_client(sites.alpha, role="bien_tap_vien")
    response = editor.post(
        url,
        {"kind": Kind.OTHER, "amount": "9", "unit": "working_days", "runs_from": "signed"},
        HTTP_HOST="alpha.test",
    )
    assert response.status_code in (302, 403)
    with in_site(sites.alpha):
        assert DeadlineRule.objects.get(pk=rule.pk).amount == 4
    # the site administrator may
    admin = editor_client(sites.alpha, role="quan_tri")
    assert admin.get(url, HTTP_HOST="alpha.test").status_code == 200


def test_the_demo_has_deadlines(sites):
    from provisioning.demo_data import demo_deadlines

    with in_site(sites.beta):
        made = demo_deadlines()
        assert made >= 2
        assert services.overdue_items().exists()
        assert demo_deadlines() == 0  # once


def test_the_console_shows_overdue_and_on_time_rate(sites, operator_client):
    with in_site(sites.gamma):
        overdue_article("Tin Đảng bộ quá hạn")
        on_time = LegalDocumentPageFactory(
            publish=False,
            deadline_kind=Kind.PARTY_COMMITTEE,
            deadline_starts_at=timezone.now() - datetime.timedelta(days=10),
        )
        on_time.first_published_at = timezone.now() - datetime.timedelta(days=10)
        on_time.save_revision().publish()
    dispatch_deadlines.apply()
    html = operator_client.get(
        "/operations/sitefigures/", HTTP_HOST="console.localhost"
    ).content.decode()
    assert "Đăng đúng hạn 30 ngày qua" in html
    assert "50% (1/2)" in html


def test_the_panel_costs_the_same_queries_for_2_or_12_items(sites):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from deadlines.wagtail_hooks import DeadlinesPanel

    def measure():
        request = RequestFactory().get("/admin/", HTTP_HOST="beta.test")
        with in_site(sites.beta):
            request.user = get_user_model().objects.get(email="thu_ky@beta.test")
            request.tenant = sites.beta
            with CaptureQueriesContext(connection) as queries:
                panel = DeadlinesPanel(request)
                assert panel.is_shown()
                html = panel.render_html({"request": request})
        return len(queries), html.count('href="/admin/pages/')

    with in_site(sites.beta):
        for i in range(2):
            overdue_article(f"Quá hạn {i}")
    few = measure()
    with in_site(sites.beta):
        for i in range(2, 12):
            overdue_article(f"Quá hạn {i}")
    many = measure()
    assert few[0] <= 2 and many[0] <= 2, (few, many)  # bounded whatever the number
    assert (few[1], many[1]) == (2, 10)


def test_the_whole_list_behind_the_panel(sites, editor_client):
    with in_site(sites.beta):
        late = overdue_article("Tin hội nghị chưa đăng, quá hạn")
        done = LegalDocumentPageFactory(
            title="Công văn đã đăng đúng hạn",
            publish=False,
            deadline_kind=Kind.ADMINISTRATIVE,
            deadline_starts_at=timezone.now() - datetime.timedelta(hours=1),
        )
        done.save_revision().publish()
    client = editor_client(sites.beta, role="bien_tap_vien")
    everything = client.get("/admin/han-dang/", HTTP_HOST="beta.test")
    assert everything.status_code == 200
    html = everything.content.decode()
    assert late.title in html and done.title in html
    assert f"/admin/pages/{late.pk}/edit/" in html
    with in_site(sites.beta):
        assert services.format_local(late.deadline_item.due_at) in html
    overdue = client.get(
        "/admin/han-dang/ket-qua/", {"state": "qua_han"}, HTTP_HOST="beta.test"
    ).content.decode()
    assert late.title in overdue and done.title not in overdue
    in_time = client.get(
        "/admin/han-dang/ket-qua/", {"state": "dung_han"}, HTTP_HOST="beta.test"
    ).content.decode()
    assert done.title in in_time and late.title not in in_time
    # the dashboard panel links it
    assert "/admin/han-dang/" in client.get("/admin/", HTTP_HOST="beta.test").content.decode()
    # another site's list never shows beta's items
    other = editor_client(sites.alpha, role="bien_tap_vien").get(
        "/admin/han-dang/", HTTP_HOST="alpha.test"
    )
    assert late.title not in other.content.decode()
