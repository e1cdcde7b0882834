"""The editorial board provisioning makes: groups with the three access levels of the
regulations, and a reporter's draft going through every step of the site's workflow
(3 for a government site, 4 for a party site) in the Wagtail admin."""

import pytest
from django_tenants.utils import schema_context

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page, Workflow

from news.models import NewsArticlePage, NewsIndexPage
from provisioning import board
from tests.news.test_admin import _form
from tests.two_factor import verified_login

pytestmark = pytest.mark.django_db


def login(client, site, role):
    with schema_context(site.schema_name):
        user = get_user_model().objects.get(email=f"{role}@{site.slug}.test")
        verified_login(client, user)
    return user


def test_the_board_has_a_group_per_role_and_wagtails_defaults_are_gone(sites):
    with schema_context(sites.beta.schema_name):
        names = set(Group.objects.values_list("name", flat=True))
        assert names == {role["name"] for role in board.roles().values()}
        reporter = get_user_model().objects.get(email="phong_vien@beta.test")
        head = get_user_model().objects.get(email="truong_ban@beta.test")
        admin = get_user_model().objects.get(email="quan_tri@beta.test")
        news = NewsIndexPage.objects.get()
        # update: a reporter adds pages but publishes nothing, and edits no one else's page
        assert news.permissions_for_user(reporter).can_add_subpage()
        assert not news.permissions_for_user(reporter).can_publish()
        assert not news.permissions_for_user(reporter).can_edit()
        # approve: the head holds the publish permission (unpublish, privacy), but publishes
        # only through the workflow (editorial.permissions); administer: the branding
        assert "publish" in news.permissions_for_user(head).permissions
        assert not news.permissions_for_user(head).can_publish()
        assert not head.has_perm("branding.change_sitebranding")
        assert admin.has_perm("branding.change_sitebranding")
        assert not any(u.is_superuser for u in get_user_model().objects.all())


@pytest.mark.parametrize(
    "site_name, steps",
    [
        ("beta", [["thu_ky"], ["pho_truong_ban"], ["truong_ban"]]),
        ("gamma", [["bien_tap_vien"], ["pho_truong_ban"], ["truong_ban"], ["pho_truong_ban"]]),
    ],
)
def test_a_reporters_draft_goes_through_every_step_to_publication(client, sites, site_name, steps):
    site = getattr(sites, site_name)
    host = f"{site.slug}.test"
    with schema_context(site.schema_name):
        workflow = Workflow.objects.get(workflow_pages__page=Page.get_first_root_node())
        assert workflow.tasks.count() == len(steps)
        index = NewsIndexPage.objects.get(locale__language_code="vi")

    reporter = login(client, site, "phong_vien")
    form = _form()
    del form["action-publish"]
    form["action-submit"] = "submit"
    response = client.post(
        f"/admin/pages/add/news/newsarticlepage/{index.pk}/",
        form,
        HTTP_HOST=host,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with schema_context(site.schema_name):
        article = NewsArticlePage.objects.get(slug="khai-mac-hoi-cho-2026")
        assert not article.live and article.owner == reporter
    assert client.get("/tin-tuc/khai-mac-hoi-cho-2026/", HTTP_HOST=host).status_code in (302, 404)

    for number, (role,) in enumerate(steps, start=1):
        with schema_context(site.schema_name):
            state = article.current_workflow_state
            task_state = state.current_task_state
            assert task_state.task.specific.name == workflow.tasks.all()[number - 1].name
        # The reporter cannot approve any step.
        login(client, site, "phong_vien")
        url = f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/"
        client.post(url, {}, HTTP_HOST=host)
        with schema_context(site.schema_name):
            assert article.current_workflow_state.current_task_state.pk == task_state.pk
        login(client, site, role)
        response = client.post(url, {"comment": f"Bước {number} đồng ý."}, HTTP_HOST=host)
        assert response.status_code in (200, 302), response.content.decode()[:2000]
        with schema_context(site.schema_name):
            task_state.refresh_from_db()
            assert task_state.status == "approved", (number, role)

    with schema_context(site.schema_name):
        article.refresh_from_db()
        assert article.live
        assert article.current_workflow_state is None
    client.logout()
    assert client.get("/tin-tuc/khai-mac-hoi-cho-2026/", HTTP_HOST=host).status_code == 200
