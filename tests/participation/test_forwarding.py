"""A question asked on the provincial portal (alpha) is forwarded to the commune (beta)
whose board answers it; the portal and the asker follow it; the party portal (gamma)
never sees it. Across sites only through forwarding.Forward in ``public``."""

import pytest

from django.core import mail

from forwarding.models import Forward
from participation.models import QAPage, State, Submission
from tests.conftest import in_site
from tests.participation.pow import fetch_proof

pytestmark = pytest.mark.django_db

ALPHA, BETA, GAMMA = "alpha.test", "beta.test", "gamma.test"


def qa_page(site) -> QAPage:
    with in_site(site):
        return QAPage.objects.get(slug="hoi-dap")


def ask_on_portal(client, sites, title="Cấp phép xây nhà ở xã Beta") -> Submission:
    page = qa_page(sites.alpha)
    response = client.post(
        f"/tham-gia/gui/{page.pk}/",
        {
            "action": "ask",
            "kind": "question",
            "name": "Trần Thị Bình",
            "email": "binh@example.vn",
            "phone": "0912 345 678",
            "address": "Thôn Nà Héc",
            "field": page.field_choices()[0],
            "title": title,
            "body": "Nhà tôi ở thôn Nà Héc, xây nhà cấp bốn có cần giấy phép không?",
            "consent": "on",
            "website": "",
            "altcha": fetch_proof(client, ALPHA),
        },
        HTTP_HOST=ALPHA,
        HTTP_ORIGIN=f"http://{ALPHA}",
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    with in_site(sites.alpha):
        return Submission.objects.get(title=title)


def lookup(client, site, host, code, contact="binh@example.vn") -> str:
    page = qa_page(site)
    response = client.post(
        f"/tham-gia/gui/{page.pk}/",
        {"action": "lookup", "code": code, "contact": contact},
        HTTP_HOST=host,
        HTTP_ORIGIN=f"http://{host}",
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def forward(board, item, target, note=""):
    return board.post(
        f"/admin/hoi-dap/edit/{item.pk}/",
        {"action": "forward", "forward_to": str(target.pk), "forward_note": note},
        HTTP_HOST=ALPHA,
    )


def test_forward_answer_and_follow(
    client, sites, editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = ask_on_portal(client, sites)
    portal = editor_client(sites.alpha, role="thu_ky")
    edit = portal.get(f"/admin/hoi-dap/edit/{item.pk}/", HTTP_HOST=ALPHA).content.decode()
    # the choice: the portal's component sites only
    assert "Chuyển đến trang có thẩm quyền" in edit
    assert sites.beta.name in edit and sites.gamma.name not in edit

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = forward(portal, item, sites.beta, note="Thuộc thẩm quyền cấp xã")
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_site(sites.alpha):
        item.refresh_from_db()
    assert item.state == State.FORWARDED and item.forwarded_to == sites.beta.name
    row = Forward.objects.get(origin=sites.alpha, origin_item=item.pk)
    assert (row.target_id, row.code, row.email) == (sites.beta.pk, item.code, "binh@example.vn")
    assert row.target_item is None
    # the asker is told, once
    told = [m for m in mail.outbox if m.to == ["binh@example.vn"]]
    assert len(told) == 1 and sites.beta.name in told[0].body
    html = lookup(client, sites.alpha, ALPHA, item.code)
    assert "Đã chuyển cơ quan có thẩm quyền" in html and sites.beta.name in html

    # gamma's board: not in its inbox, nothing imported there
    gamma = editor_client(sites.gamma, role="thu_ky")
    assert item.code not in gamma.get("/admin/hoi-dap/", HTTP_HOST=GAMMA).content.decode()
    with in_site(sites.gamma):
        assert not Submission.objects.filter(code=item.code).exists()
    row.refresh_from_db()
    assert row.target_item is None

    # beta's board opens its inbox: the question is there, the row's contact blanked
    commune = editor_client(sites.beta, role="thu_ky")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        inbox = commune.get("/admin/hoi-dap/", HTTP_HOST=BETA).content.decode()
    assert item.code in inbox and sites.alpha.name in inbox
    with in_site(sites.beta):
        theirs = Submission.objects.get(code=item.code)
    assert theirs.forwarded_from == sites.alpha.name and theirs.email == "binh@example.vn"
    assert theirs.state == State.RECEIVED and theirs.page_id == qa_page(sites.beta).pk
    row.refresh_from_db()
    assert row.target_item == theirs.pk and (row.email, row.phone, row.name) == ("", "", "")
    assert not [m for m in mail.outbox if m.to == ["binh@example.vn"]]  # no second ack
    # opening it again imports nothing twice; a commune has no site to forward to
    commune.get("/admin/hoi-dap/", HTTP_HOST=BETA)
    with in_site(sites.beta):
        assert Submission.objects.filter(title=item.title).count() == 1
    edit_url = f"/admin/hoi-dap/edit/{theirs.pk}/"
    assert (
        "Chuyển đến trang có thẩm quyền"
        not in commune.get(edit_url, HTTP_HOST=BETA).content.decode()
    )

    # beta assigns: the portal sees the progress
    response = commune.post(
        edit_url, {"action": "assign", "unit": "Công chức Địa chính – Xây dựng"}, HTTP_HOST=BETA
    )
    assert response.status_code == 302
    inspect = portal.get(f"/admin/hoi-dap/inspect/{item.pk}/", HTTP_HOST=ALPHA).content.decode()
    assert "Đang xử lý" in inspect and "Công chức Địa chính" in inspect
    assert "Đang xử lý" in lookup(client, sites.alpha, ALPHA, item.code, contact="0912345678")

    # beta answers; the answer is not shown to the portal before beta's approval
    answer = "Nhà ở riêng lẻ cấp bốn ở nông thôn không thuộc khu bảo tồn được miễn giấy phép."
    response = commune.post(
        edit_url, {"action": "answer", "answer": answer, "answering_body": "UBND xã Beta"},
        HTTP_HOST=BETA,
    )  # fmt: skip
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.state == State.ANSWERED and row.answer == ""
    assert answer not in lookup(client, sites.alpha, ALPHA, item.code)
    mail.outbox.clear()
    with in_site(sites.beta):
        theirs.refresh_from_db()
        # beta's approval workflow ends in this publish (editorial.workflows; who may
        # approve is tested there)
        with django_capture_on_commit_callbacks(execute=True):
            theirs.answer_page.get_latest_revision().publish()
    row.refresh_from_db()
    assert row.state == State.PUBLISHED and row.answer == answer
    assert row.answer_url.startswith("http") and "beta" in row.answer_url
    # the portal's item and lookup show the answer, read from the row
    inspect = portal.get(f"/admin/hoi-dap/inspect/{item.pk}/", HTTP_HOST=ALPHA).content.decode()
    assert answer in inspect and "UBND xã Beta" in inspect
    html = lookup(client, sites.alpha, ALPHA, item.code)
    assert answer in html and row.answer_url in html
    # the asker gets the answer once (from the commune), and may look it up there too
    told = [m for m in mail.outbox if m.to == ["binh@example.vn"]]
    assert len(told) == 1 and answer in told[0].body
    assert answer in lookup(client, sites.beta, BETA, item.code)


def test_decline_reaches_the_portal_and_bad_targets_are_refused(
    client, sites, editor_client, django_capture_on_commit_callbacks
):
    item = ask_on_portal(client, sites, title="Hỏi về lịch tiếp dân")
    portal = editor_client(sites.alpha, role="thu_ky")
    # not a component site of the portal, or nothing chosen: refused, nothing written
    for target in (sites.gamma, sites.alpha):
        response = forward(portal, item, target)
        assert response.status_code == 200
        assert "Chọn trang có thẩm quyền nhận câu hỏi" in response.content.decode()
    assert not Forward.objects.filter(code=item.code).exists()
    with in_site(sites.alpha):
        item.refresh_from_db()
        assert item.state == State.RECEIVED

    assert forward(portal, item, sites.beta).status_code == 302
    # a forwarded item cannot be handled again on the portal
    again = portal.post(
        f"/admin/hoi-dap/edit/{item.pk}/", {"action": "decline", "decline_reason": "x"},
        HTTP_HOST=ALPHA,
    )  # fmt: skip
    assert "đã kết thúc xử lý" in again.content.decode()

    commune = editor_client(sites.beta, role="thu_ky")
    commune.get("/admin/", HTTP_HOST=BETA)  # the dashboard imports too
    with in_site(sites.beta):
        theirs = Submission.objects.get(code=item.code)
    # gamma's board cannot reach beta's item (its own schema has no such item)
    gamma = editor_client(sites.gamma, role="thu_ky")
    assert (
        item.title
        not in gamma.get(f"/admin/hoi-dap/inspect/{theirs.pk}/", HTTP_HOST=GAMMA).content.decode()
    )
    response = commune.post(
        f"/admin/hoi-dap/edit/{theirs.pk}/",
        {"action": "decline", "decline_reason": "Lịch tiếp dân đã đăng ở mục Lịch công tác."},
        HTTP_HOST=BETA,
    )
    assert response.status_code == 302
    html = lookup(client, sites.alpha, ALPHA, item.code)
    assert "Không tiếp nhận" in html and "Lịch tiếp dân đã đăng" in html


def test_the_periodic_sweep_imports_and_the_secretary_is_told(
    client, sites, editor_client, django_capture_on_commit_callbacks
):
    from participation.models import ParticipationSettings
    from participation.tasks import sweep_site

    item = ask_on_portal(client, sites, title="Đăng ký tạm trú")
    portal = editor_client(sites.alpha, role="thu_ky")
    assert forward(portal, item, sites.beta).status_code == 302
    mail.outbox.clear()
    with in_site(sites.beta):
        settings = ParticipationSettings.load()
        settings.secretary_email = "thuky@beta.test"
        settings.save()
        sweep_site()  # the beat's fan_out runs this in every site
        theirs = Submission.objects.get(code=item.code)
        assert theirs.board_notified and theirs.acknowledged
        assert sweep_site() == 0  # nothing twice
    assert [m.to for m in mail.outbox] == [["thuky@beta.test"]]
    row = Forward.objects.get(code=item.code)
    assert row.target_item == theirs.pk and row.email == ""
