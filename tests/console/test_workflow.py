"""The operations centre chooses a site's approval workflow from the regulations'
presets (board.yaml: government 3 steps, Tuyên Quang Party 4 steps 000 Đ10,
Quảng Trị Party 3 steps 001 Đ10); pages already in moderation keep theirs."""

import pytest
from django_tenants.utils import schema_context

from django.contrib.auth import get_user_model

from wagtail.models import WorkflowState

from provisioning import board
from tenants.models import AuditEvent
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db
CONSOLE = {"HTTP_HOST": "console.localhost"}


def workflow_url(site):
    return f"/tenants/tenant/{site.pk}/workflow/"


def test_the_presets_are_the_regulations():
    presets = board.config()["workflows"]
    assert [len(presets[key]["steps"]) for key in ("government", "party", "party_quang_tri")] == [
        3,
        4,
        3,
    ]
    # the last step of each is the head's (Trưởng Ban)
    assert all("truong_ban" in spec["steps"][-1]["roles"] for spec in presets.values())


def test_a_change_applies_to_pages_not_yet_in_moderation(operator_client, sites):
    site = sites.gamma
    with schema_context(site.schema_name):
        assert board.current_preset() == "party"
        secretary = get_user_model().objects.get(email="thu_ky@gamma.test")
        pending = NewsArticlePageFactory(title="Tin đang duyệt", publish=False, live=False)
        pending.save_revision(user=secretary)
        running = pending.get_workflow().start(pending, secretary)
        old = running.workflow

    page = operator_client.get(workflow_url(site), **CONSOLE)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Quy trình duyệt tin bài Đảng bộ (4 bước)" in text and "Thẩm định" in text

    response = operator_client.post(workflow_url(site), {"preset": "party_quang_tri"}, **CONSOLE)
    assert response.status_code == 302
    with schema_context(site.schema_name):
        assert board.current_preset() == "party_quang_tri"
        new = board.current_workflow()
        assert [t.name for t in new.tasks.all()] == [
            "Tiếp nhận tin bài",
            "Biên tập",
            "Thẩm định, duyệt và đăng tải",
        ]
        # the page in moderation finishes in the workflow it was submitted to
        running.refresh_from_db()
        assert running.status == WorkflowState.STATUS_IN_PROGRESS and running.workflow == old
        old.refresh_from_db()
        assert old.active
        # a page submitted now goes through the new one
        fresh = NewsArticlePageFactory(title="Tin mới trình", publish=False, live=False)
        fresh.save_revision(user=secretary)
        assert fresh.get_workflow() == new
        assert fresh.get_workflow().start(fresh, secretary).workflow == new
    event = AuditEvent.objects.get(site_key=site.slug, action="board.workflow_changed")
    assert event.details["preset"] == "party_quang_tri" and event.details["in_moderation"] == 1


def test_bad_choices_are_refused_and_nothing_changes(operator_client, sites):
    site = sites.alpha
    with schema_context(site.schema_name):
        before = board.current_workflow()
    for preset in ("khong-co", "government"):  # unknown; the one in use
        response = operator_client.post(workflow_url(site), {"preset": preset}, **CONSOLE)
        assert response.status_code == 200
    assert "đã dùng quy trình" in response.content.decode()
    with schema_context(site.schema_name):
        assert board.current_workflow() == before
    assert not AuditEvent.objects.filter(site_key=site.slug, action="board.workflow_changed")
