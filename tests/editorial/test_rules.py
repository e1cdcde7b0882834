"""The board's rules (issue "The board's rules, enforced"): nobody publishes around the
approval workflow, the head publishes urgently with a reason and the board still
approves afterwards, delegations let a member act on a step for a period, and
scheduled publishing runs through the periodic dispatcher."""

from datetime import timedelta

import pytest
from django_tenants.utils import schema_context

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page, WorkflowState

from editorial.models import (
    BoardApprovalTask,
    DelegatedAction,
    Delegation,
    EmergencyPublication,
)
from news.models import NewsArticlePage
from provisioning import board
from tests.conftest import in_site
from tests.news.factories import NewsArticlePageFactory
from tests.news.test_admin import _form
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db

ROLES = list(board.roles())


def login(client, site, role):
    with schema_context(site.schema_name):
        user = get_user_model().objects.get(email=f"{role}@{site.slug}.test")
        verified_login(client, user)
    return user


def draft(site, title="Bài chờ duyệt", **kwargs):
    with in_site(site):
        return NewsArticlePageFactory(title=title, publish=False, live=False, **kwargs)


def steps(site):
    with in_site(site):
        return list(
            BoardApprovalTask.objects.filter(
                active=True, workflow_tasks__workflow__active=True
            ).order_by("workflow_tasks__sort_order")
        )


def edit_form(page):
    data = _form(title=page.title, slug=page.slug)
    return data


@pytest.mark.parametrize("site_name", ["alpha", "gamma"])
@pytest.mark.parametrize("role", ROLES)
def test_no_board_role_publishes_directly(client, sites, site_name, role):
    site = getattr(sites, site_name)
    page = draft(site, title=f"Bài của {role}", slug=f"bai-{role}")
    login(client, site, role)
    host = f"{site.slug}.test"
    data = _form(title=page.title, slug=page.slug)
    client.post(f"/admin/pages/{page.pk}/edit/", data, HTTP_HOST=host)
    # bulk publish and copy with "publish copies" neither
    client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}",
        {"include_descendants": ""},
        HTTP_HOST=host,
    )
    with in_site(site):
        page.refresh_from_db()
        assert not page.live, role
        assert not page.permissions_for_user(
            get_user_model().objects.get(email=f"{role}@{site.slug}.test")
        ).can_publish()


def test_a_superuser_of_the_site_does_not_publish_directly_either(client, sites, editor_client):
    page = draft(sites.alpha, slug="bai-sieu-nguoi-dung")
    admin = editor_client(sites.alpha)  # a superuser of the site (an operator's account)
    admin.post(
        f"/admin/pages/{page.pk}/edit/",
        _form(title=page.title, slug=page.slug),
        HTTP_HOST="alpha.test",
    )
    admin.post(
        f"/admin/pages/{page.pk}/copy/",
        {
            "new_title": "Bản sao",
            "new_slug": "ban-sao-sieu",
            "new_parent_page": page.get_parent().pk,
            "copy_subpages": "",
            "publish_copies": "on",
        },
        HTTP_HOST="alpha.test",
    )
    with in_site(sites.alpha):
        page.refresh_from_db()
        assert not page.live
        assert not Page.objects.filter(slug="ban-sao-sieu", live=True).exists()
        # nor approve a step they do not hold
        user = get_user_model().objects.get(username="quantri-thu-nghiem")
        assert steps(sites.alpha)[-1].get_actions(page, user) == []


def _approve_all(client, site, page, holders):
    host = f"{site.slug}.test"
    for role in holders:
        with in_site(site):
            task_state = page.current_workflow_state.current_task_state
        login(client, site, role)
        url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
        response = client.post(url, {"comment": "Đồng ý."}, HTTP_HOST=host)
        assert response.status_code in (200, 302)


def _submit(client, site, page, role="thu_ky", **fields):
    login(client, site, role)
    data = _form(title=page.title, slug=page.slug, **fields)
    del data["action-publish"]
    data["action-submit"] = "submit"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, HTTP_HOST=f"{site.slug}.test")
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_site(site):
        page.refresh_from_db()
        assert page.current_workflow_state is not None


def test_the_workflows_last_step_publishes(client, sites):
    page = draft(sites.alpha, slug="bai-qua-quy-trinh")
    _submit(client, sites.alpha, page)
    _approve_all(client, sites.alpha, page, ["thu_ky", "pho_truong_ban", "truong_ban"])
    with in_site(sites.alpha):
        page.refresh_from_db()
        assert page.live


def test_emergency_publish_needs_a_reason_and_leaves_the_approval_due(client, sites):
    from tenants.models import AuditEvent

    page = draft(sites.alpha, slug="canh-bao-lu")
    url = f"/admin/dang-khan/{page.pk}/"
    # not the deputy
    login(client, sites.alpha, "pho_truong_ban")
    denied = client.post(url, {"reason": "Lũ quét khẩn cấp"}, HTTP_HOST="alpha.test")
    assert denied.status_code in (302, 403)  # the admin sends a refusal to its dashboard
    with in_site(sites.alpha):
        page.refresh_from_db()
        assert not page.live
    head = login(client, sites.alpha, "truong_ban")
    edit = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_HOST="alpha.test").content.decode()
    assert url in edit  # the action is offered to the head
    refused = client.post(url, {"reason": "gấp"}, HTTP_HOST="alpha.test")
    assert refused.status_code == 200 and "lý do đăng khẩn" in refused.content.decode()
    with in_site(sites.alpha):
        page.refresh_from_db()
        assert not page.live

    reason = "Cảnh báo lũ quét trên sông Lô, phải đăng ngay trong ngày."
    assert client.post(url, {"reason": reason}, HTTP_HOST="alpha.test").status_code == 302
    with in_site(sites.alpha):
        page.refresh_from_db()
        assert page.live
        publication = EmergencyPublication.objects.get(page=page)
        assert publication.awaiting_approval and publication.published_by == head
        assert WorkflowState.objects.active().for_instance(page).exists()
    event = AuditEvent.objects.get(action="page.emergency_published")
    assert event.site_key == "alpha" and event.details["reason"] == reason
    listing = client.get("/admin/tin-dang-khan/", HTTP_HOST="alpha.test").content.decode()
    assert "Đăng khẩn – chưa được phê duyệt" in listing
    warned = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_HOST="alpha.test").content.decode()
    assert "chưa được phê duyệt" in warned

    _approve_all(client, sites.alpha, page, ["thu_ky", "pho_truong_ban", "truong_ban"])
    with in_site(sites.alpha):
        publication.refresh_from_db()
        assert publication.approved_at is not None


def test_a_delegation_lets_the_secretary_act_on_the_last_step_for_its_period(client, sites):
    last = steps(sites.alpha)[-1]
    now = timezone.now()
    head = login(client, sites.alpha, "truong_ban")
    with in_site(sites.alpha):
        secretary = get_user_model().objects.get(email="thu_ky@alpha.test")
    form = {
        "task": last.pk,
        "delegate": secretary.pk,
        "starts_at": (now - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "ends_at": (now + timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
        "reason": "Trưởng Ban đi công tác",
    }
    response = client.post("/admin/uy-quyen/", form, HTTP_HOST="alpha.test")
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_site(sites.alpha):
        delegation = Delegation.objects.get(delegate=secretary)
        assert delegation.in_force and delegation.delegator == head

    page = draft(sites.alpha, slug="bai-uy-quyen")
    _submit(client, sites.alpha, page)
    _approve_all(client, sites.alpha, page, ["thu_ky", "pho_truong_ban", "thu_ky"])
    with in_site(sites.alpha):
        page.refresh_from_db()
        assert page.live
        action = DelegatedAction.objects.get(delegation=delegation)
        assert action.action == "approve" and action.page_title == page.title
    # the board sees the delegation and what was done under it
    login(client, sites.alpha, "bien_tap_vien")
    listing = client.get("/admin/uy-quyen/", HTTP_HOST="alpha.test").content.decode()
    assert page.title in listing and "Đang hiệu lực" in listing
    # only the head delegates
    assert client.post("/admin/uy-quyen/", form, HTTP_HOST="alpha.test").status_code in (302, 403)
    with in_site(sites.alpha):
        assert Delegation.objects.count() == 1

    # once the period is over the secretary no longer holds the step
    with in_site(sites.alpha):
        Delegation.objects.filter(pk=delegation.pk).update(ends_at=now - timedelta(minutes=1))
        other = NewsArticlePage.objects.get(pk=draft(sites.alpha, slug="bai-het-han").pk)
        fresh = get_user_model().objects.get(pk=secretary.pk)
        assert BoardApprovalTask.objects.get(pk=last.pk).get_actions(other, fresh) == []


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"delegate": "outsider"}, "delegate", "Chỉ ủy quyền cho thành viên"),
        ({"ends_at": "backwards"}, "ends_at", "phải sau thời điểm bắt đầu"),
        ({"overlap": True}, "starts_at", "trùng lặp"),
    ],
)
def test_bad_delegations_are_refused_with_a_vietnamese_message(
    client, sites, change, field, message
):
    last = steps(sites.alpha)[-1]
    now = timezone.now()
    login(client, sites.alpha, "truong_ban")
    with in_site(sites.alpha):
        secretary = get_user_model().objects.get(email="thu_ky@alpha.test")
        outsider = get_user_model().objects.create_user("nguoi-ngoai", "ngoai@x.test", "x" * 12)
        if change.get("overlap"):
            Delegation.objects.create(
                task=last,
                delegator=get_user_model().objects.get(email="truong_ban@alpha.test"),
                delegate=secretary,
                starts_at=now,
                ends_at=now + timedelta(days=3),
            )
        count = Delegation.objects.count()
    starts, ends = now + timedelta(days=1), now + timedelta(days=2)
    if change.get("ends_at") == "backwards":
        starts, ends = ends, starts
    form = {
        "task": last.pk,
        "delegate": outsider.pk if change.get("delegate") == "outsider" else secretary.pk,
        "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
        "ends_at": ends.strftime("%Y-%m-%d %H:%M"),
    }
    response = client.post("/admin/uy-quyen/", form, HTTP_HOST="alpha.test")
    assert response.status_code == 200
    assert message in response.content.decode()
    with in_site(sites.alpha):
        assert Delegation.objects.count() == count


def test_scheduled_publishing_runs_through_the_dispatcher_and_only_approved_revisions(
    client, sites
):
    from editorial.tasks import dispatch_scheduled_publishing

    approved = draft(sites.alpha, slug="bai-hen-gio")
    unapproved = draft(sites.alpha, slug="bai-chua-duyet-hen-gio")
    go_live = timezone.localtime() + timedelta(minutes=2)
    with in_site(sites.alpha):
        unapproved.go_live_at = go_live
        unapproved.save_revision()
    # the deputy (who may set dates) schedules it and submits it to the workflow
    _submit(
        client,
        sites.alpha,
        approved,
        role="pho_truong_ban",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    _approve_all(client, sites.alpha, approved, ["thu_ky", "pho_truong_ban", "truong_ban"])
    with in_site(sites.alpha):
        approved.refresh_from_db()
        assert not approved.live  # scheduled, not yet
        revision = approved.get_latest_revision()
        assert revision.approved_go_live_at is not None
        # two minutes later: the go-live time has come
        past = timezone.now() - timedelta(seconds=1)
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])
    # exactly as beat calls it
    assert dispatch_scheduled_publishing.apply().get() >= 3
    with in_site(sites.alpha):
        approved.refresh_from_db()
        unapproved.refresh_from_db()
        assert approved.live
        assert not unapproved.live


def test_expired_pages_are_unpublished_on_active_sites_only(sites):
    from editorial.tasks import dispatch_scheduled_publishing
    from tenants import lifecycle

    with in_site(sites.alpha):
        live_alpha = NewsArticlePageFactory(title="Hết hạn alpha", slug="het-han-alpha")
        NewsArticlePage.objects.filter(pk=live_alpha.pk).update(
            expire_at=timezone.now() - timedelta(minutes=1)
        )
    with in_site(sites.beta):
        live_beta = NewsArticlePageFactory(title="Hết hạn beta", slug="het-han-beta")
        NewsArticlePage.objects.filter(pk=live_beta.pk).update(
            expire_at=timezone.now() - timedelta(minutes=1)
        )
    lifecycle.suspend(sites.beta, "tests")
    dispatch_scheduled_publishing.apply()
    with in_site(sites.alpha):
        assert not NewsArticlePage.objects.get(pk=live_alpha.pk).live
    with in_site(sites.beta):
        assert NewsArticlePage.objects.get(pk=live_beta.pk).live  # suspended: untouched
