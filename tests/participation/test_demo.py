"""The demo's inboxes: questions waiting (one overdue) on the portal and the commune,
and a question asked on the portal forwarded to the commune, imported and assigned
there; the portal's lookup shows the progress. Built twice: nothing doubles."""

import pytest

from django.core import mail
from django.db import connection

from forwarding.models import Forward
from participation.models import State, Submission
from provisioning.demo_data import DEMO_FORWARDED, build_demo_inbox
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


def test_demo_inboxes_and_a_forwarded_question(sites, editor_client, client):
    demo_sites = {"tuyenquang": sites.alpha, "minhxuan": sites.beta}
    build_demo_inbox(demo_sites)
    build_demo_inbox(demo_sites)  # again: nothing doubles
    code = DEMO_FORWARDED["item"]["code"]
    with in_site(sites.alpha):
        portal = {item.code: item for item in Submission.objects.filter(code__startswith="HD-TQ26")}
        assert portal["HD-TQ26-CHXA"].overdue and portal["HD-TQ26-CHXA"].state == State.RECEIVED
        assert portal["HD-TQ26-PKXB"].state == State.ASSIGNED
        assert (
            portal[code].state == State.FORWARDED and portal[code].forwarded_to == sites.beta.name
        )
        page_id = portal[code].page_id
    with in_site(sites.beta):
        received = Submission.objects.get(code=code)
        assert received.state == State.ASSIGNED and received.forwarded_from == sites.alpha.name
        assert received.unit == DEMO_FORWARDED["unit"] and received.assignee is not None
        assert Submission.objects.filter(code="HD-MX26-HTXC", state=State.RECEIVED).exists()
    row = Forward.objects.get(code=code)
    assert row.state == State.ASSIGNED and row.email == ""  # imported: contact blanked
    assert mail.outbox == []  # the demo sends no e-mail
    connection.set_schema_to_public()
    # the boards see them on their dashboards; the asker follows the forward
    dashboard = editor_client(sites.alpha, role="truong_ban").get("/admin/", HTTP_HOST="alpha.test")
    assert "mục đã quá hạn trả lời" in dashboard.content.decode()
    commune = editor_client(sites.beta, role="thu_ky").get("/admin/hoi-dap/", HTTP_HOST="beta.test")
    assert code in commune.content.decode()
    lookup = client.post(
        f"/tham-gia/gui/{page_id}/",
        {"action": "lookup", "code": code, "contact": DEMO_FORWARDED["item"]["email"]},
        HTTP_HOST="alpha.test",
        HTTP_ORIGIN="http://alpha.test",
    ).content.decode()
    assert sites.beta.name in lookup and DEMO_FORWARDED["unit"] in lookup
