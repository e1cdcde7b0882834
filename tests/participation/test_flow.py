"""A visitor asks on a commune's Q&A page, follows the code, the board assigns and
answers, the approver publishes, the answer is listed and searched — through HTTP."""

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from participation.models import QAPage, State, Submission
from tests.conftest import in_site
from tests.participation.pow import fetch_proof

pytestmark = pytest.mark.django_db

HOST = "beta.test"
ORIGIN = {"HTTP_HOST": HOST, "HTTP_ORIGIN": f"http://{HOST}"}


def qa_page(site) -> QAPage:
    with in_site(site):
        return QAPage.objects.get(slug="hoi-dap")


def question(client, page, **extra):
    data = {
        "action": "ask",
        "name": "Nguyễn Văn An",
        "email": "an@example.vn",
        "phone": "",
        "address": "Thôn Đồng Mán",
        "field": "Đất đai, xây dựng",
        "title": "Thủ tục tách thửa đất",
        "body": "Gia đình tôi muốn tách thửa đất ở, cần những giấy tờ gì?",
        "consent": "on",
        "website": "",
        "altcha": fetch_proof(client, HOST),
    }
    data.update(extra)
    return client.post(f"/tham-gia/gui/{page.pk}/", data, **ORIGIN)


def test_the_skeleton_made_a_qa_page_that_shows_the_form(client, sites):
    page = qa_page(sites.beta)
    response = client.get("/hoi-dap/", HTTP_HOST=HOST)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="/tham-gia/gui/{page.pk}/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "themes/base/js/altcha.js" in html and "<noscript>" in html
    assert "Nghị định 13/2023" in html


def test_ask_lookup_assign_answer_approve_publish(
    client, sites, editor_client, django_capture_on_commit_callbacks
):
    page = qa_page(sites.beta)
    with django_capture_on_commit_callbacks(execute=True):
        response = question(client, page)
    assert response.status_code == 200, response.content.decode()[:2000]
    with in_site(sites.beta):
        submission = Submission.objects.get(title="Thủ tục tách thửa đất")
        assert submission.state == State.RECEIVED and submission.due_at
    assert submission.code in response.content.decode()
    # acknowledgement with the code (eager tasks in tests)
    assert any(submission.code in m.body and m.to == ["an@example.vn"] for m in mail.outbox)

    # lookup: code + e-mail (wrong contact: nothing)
    wrong = client.post(
        f"/tham-gia/gui/{page.pk}/",
        {"action": "lookup", "code": submission.code, "contact": "ai@khac.vn"},
        **ORIGIN,
    )
    assert wrong.status_code == 404 and "Không tìm thấy" in wrong.content.decode()
    found = client.post(
        f"/tham-gia/gui/{page.pk}/",
        {"action": "lookup", "code": submission.code.lower(), "contact": "AN@example.vn"},
        **ORIGIN,
    )
    assert "Đã tiếp nhận" in found.content.decode()

    # the board's secretary assigns, then writes the answer
    secretary = editor_client(sites.beta, role="thu_ky")
    inbox = secretary.get("/admin/hoi-dap/", HTTP_HOST=HOST)
    assert inbox.status_code == 200 and submission.code in inbox.content.decode()
    edit_url = f"/admin/hoi-dap/edit/{submission.pk}/"
    assert secretary.get(edit_url, HTTP_HOST=HOST).status_code == 200
    response = secretary.post(
        edit_url, {"action": "assign", "unit": "Công chức Địa chính – Xây dựng"}, HTTP_HOST=HOST
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_site(sites.beta):
        submission.refresh_from_db()
    assert submission.state == State.ASSIGNED
    found = client.post(
        f"/tham-gia/gui/{page.pk}/",
        {"action": "lookup", "code": submission.code, "contact": "an@example.vn"},
        **ORIGIN,
    )
    assert "Công chức Địa chính" in found.content.decode()

    response = secretary.post(
        edit_url,
        {
            "action": "answer",
            "answer": "Hồ sơ gồm đơn đề nghị tách thửa và giấy chứng nhận quyền sử dụng đất.",
            "answering_body": "UBND xã",
        },
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302
    with in_site(sites.beta):
        submission.refresh_from_db()
        answer_page = submission.answer_page
        assert submission.state == State.ANSWERED
        assert not answer_page.live  # waiting for the site's approval
    # not public before approval
    assert "Hồ sơ gồm đơn" not in client.get("/hoi-dap/", HTTP_HOST=HOST).content.decode()
    # nobody publishes it directly (editorial.permissions); the board's workflow does
    head = editor_client(sites.beta, role="truong_ban")
    with in_site(sites.beta):
        from django.contrib.auth import get_user_model

        members = {
            role: get_user_model().objects.get(email__startswith=role)
            for role in ("thu_ky", "pho_truong_ban", "truong_ban")
        }
        assert not answer_page.permissions_for_user(members["thu_ky"]).can_publish()
        assert not answer_page.permissions_for_user(members["truong_ban"]).can_publish()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            state = answer_page.get_workflow().start(answer_page, members["thu_ky"])
            for role in ("thu_ky", "pho_truong_ban", "truong_ban"):
                state.refresh_from_db()
                state.current_task_state.approve(user=members[role])
        answer_page.refresh_from_db()
        assert answer_page.live
        submission.refresh_from_db()
        assert submission.state == State.PUBLISHED
    assert head  # signed in as the approver
    assert any("Hồ sơ gồm đơn" in m.body and m.to == ["an@example.vn"] for m in mail.outbox)

    listing = client.get("/hoi-dap/", HTTP_HOST=HOST).content.decode()
    assert "Thủ tục tách thửa đất" in listing
    assert "an@example.vn" not in listing and "Nguyễn Văn An" not in listing
    # searched without diacritics, filtered by field and year
    year = answer_page.answered_on.year
    for query in ("?q=tach+thua", f"?linh-vuc=Đất đai, xây dựng&nam={year}"):
        assert (
            "Thủ tục tách thửa đất"
            in client.get(f"/hoi-dap/{query}", HTTP_HOST=HOST).content.decode()
        )
    assert (
        "Thủ tục tách thửa đất"
        not in client.get("/hoi-dap/?q=ho+tich", HTTP_HOST=HOST).content.decode()
    )
    detail = client.get(answer_page.url, HTTP_HOST=HOST).content.decode()
    assert "UBND xã" in detail and "an@example.vn" not in detail
    sitemap = client.get("/sitemap.xml", HTTP_HOST=HOST).content.decode()
    assert "an@example.vn" not in sitemap


def test_what_was_typed_is_kept_on_error(client, sites):
    page = qa_page(sites.beta)
    response = question(client, page, email="", phone="", title="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cần điền thư điện tử hoặc số điện thoại" in html
    assert "Cần điền tiêu đề" in html
    assert "Gia đình tôi muốn tách thửa" in html and "Thôn Đồng Mán" in html
    with in_site(sites.beta):
        assert not Submission.objects.exists()


def test_honeypot_and_bad_proof_store_nothing(client, sites):
    page = qa_page(sites.beta)
    assert question(client, page, website="http://spam.example").status_code == 400
    assert question(client, page, altcha="forged").status_code == 200
    proof = fetch_proof(client, HOST)
    assert question(client, page, altcha=proof).status_code == 200
    replay = question(client, page, altcha=proof, title="Lần hai")
    assert "đã được dùng" in replay.content.decode()
    with in_site(sites.beta):
        assert list(Submission.objects.values_list("title", flat=True)) == ["Thủ tục tách thửa đất"]


def test_an_attachment_that_is_not_what_it_claims_is_refused(client, sites):
    page = qa_page(sites.beta)
    spoof = SimpleUploadedFile("giay-to.pdf", b"<html><script>x</script></html>")
    response = question(client, page, attachment=spoof)
    assert "không đúng" in response.content.decode() or "hỏng" in response.content.decode()
    with in_site(sites.beta):
        assert not Submission.objects.exists()
    real = SimpleUploadedFile("giay-to.pdf", b"%PDF-1.4\n%...")
    assert question(client, page, attachment=real).status_code == 200
    with in_site(sites.beta):
        assert Submission.objects.get().attachment.name.endswith("giay-to.pdf")


def test_a_cached_page_still_posts(client, sites, settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    page = qa_page(sites.beta)
    client.get("/hoi-dap/", HTTP_HOST=HOST)
    cached = client.get("/hoi-dap/", HTTP_HOST=HOST)
    assert cached["X-Page-Cache"] == "hit"
    assert question(client, page).status_code == 200
    with in_site(sites.beta):
        assert Submission.objects.count() == 1


def test_a_board_sees_only_its_own_sites_items(client, sites, editor_client):
    question(client, qa_page(sites.beta))
    with in_site(sites.beta):
        code = Submission.objects.get().code
    alpha_board = editor_client(sites.alpha, role="thu_ky")
    inbox = alpha_board.get("/admin/hoi-dap/", HTTP_HOST="alpha.test")
    assert inbox.status_code == 200 and code not in inbox.content.decode()
    beta_board = editor_client(sites.beta, role="thu_ky")
    assert code in beta_board.get("/admin/hoi-dap/", HTTP_HOST=HOST).content.decode()
    dashboard = beta_board.get("/admin/", HTTP_HOST=HOST).content.decode()
    assert "participation-inbox" in dashboard
