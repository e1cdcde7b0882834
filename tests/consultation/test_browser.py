"""A visitor comments on an open draft in headless Chromium; axe-core on every page."""

import pytest

from django.db import transaction

from consultation.models import DraftComment
from tests.browser.test_tour import axe_problems
from tests.conftest import in_site

from .factories import DraftConsultationPageFactory, days

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

HOST = "beta.test"


@pytest.fixture(scope="module")
def draft(sites, django_db_blocker):
    """An open draft on the commune, committed for the server's threads, then removed."""
    with django_db_blocker.unblock(), transaction.atomic(), in_site(sites.beta):
        page = DraftConsultationPageFactory(
            title="Dự thảo Quy chế quản lý nhà văn hóa thôn",
            slug="du-thao-quy-che-nha-van-hoa",
            opens_at=days(-2),
            closes_at=days(6.5),
        )
        paths = {"index": page.get_parent().url, "draft": page.url}
        documents = [f.document for f in page.draft_files.all()]
    yield paths
    with django_db_blocker.unblock(), transaction.atomic(), in_site(sites.beta):
        page.specific.delete()
        for document in documents:
            document.delete()


def test_visitor_comments_on_an_open_draft(draft, browse, site_url, sites):
    problems, code = browse(lambda browser: _comment(browser, site_url, draft))
    assert not problems, "\n".join(problems)
    with in_site(sites.beta):
        comment = DraftComment.objects.get(code=code)
        assert comment.name == "Hà Thị Lan"
        assert comment.article == "Điều 2. Mức hỗ trợ"
        assert comment.status == "cho_xu_ly"
        comment.delete()


def _comment(browser, site_url, paths):
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    problems: list[str] = []
    page.goto(site_url(HOST, paths["index"]))
    item = page.locator(".draft-list__item").first
    assert "Dự thảo Quy chế quản lý nhà văn hóa thôn" in item.inner_text()
    assert "Còn" in item.inner_text()
    problems += [f"index: {p}" for p in axe_problems(page)]

    page.get_by_role("link", name="Dự thảo Quy chế quản lý nhà văn hóa thôn").click()
    page.wait_for_selector("form.visitor-form")
    problems += [f"draft: {p}" for p in axe_problems(page)]
    page.get_by_label("Họ và tên", exact=False).first.fill("Hà Thị Lan")
    page.locator("#id_email").fill("lan@nguoidan.test")
    page.get_by_label("Điều của dự thảo được góp ý").select_option("Điều 2. Mức hỗ trợ")
    page.locator("#id_text").fill(
        "Đề nghị quy định rõ mức đóng góp kinh phí sửa chữa nhà văn hóa của mỗi hộ."
    )
    page.locator("input[name=consent]").check()
    page.wait_for_function(
        "document.querySelector('input[name=altcha]').value !== ''", timeout=60000
    )
    page.get_by_role("button", name="Gửi ý kiến góp ý").click()
    page.wait_for_selector("#comment-received")
    text = page.locator("#comment-received").locator("..").inner_text()
    code = text.split("Mã tiếp nhận:")[1].split(".")[0].strip()
    problems += [f"received: {p}" for p in axe_problems(page)]
    problems += [f"script error: {e}" for e in errors]
    context.close()
    return problems, code
