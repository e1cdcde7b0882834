"""A visitor asks a question on a commune's Q&A page in headless Chromium (the
proof of work solved by the page's own script), reads the tracking code, looks the
question up with it; axe-core finds nothing serious on any of the pages."""

import pytest
from django_tenants.utils import schema_context

from participation.models import State, Submission
from tests.browser.test_tour import axe_problems
from tests.conftest import in_site
from tests.participation.test_worker import committed

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

HOST = "beta.test"
TITLE = "Đăng ký hộ kinh doanh tại nhà"


def test_visitor_asks_and_looks_up_a_question(browse, site_url, sites):
    try:
        problems, code = browse(lambda browser: _ask_and_look_up(browser, site_url))
        assert not problems, "\n".join(problems)
        with in_site(sites.beta):
            submission = Submission.objects.get(code=code)
            assert submission.title == TITLE and submission.state == State.RECEIVED
            assert submission.email == "hoa@nguoidan.test" and submission.consent_at
    finally:  # the server's thread committed it: removed on a connection of its own
        committed(_remove, sites.beta.schema_name)


def _remove(schema: str) -> None:
    with schema_context(schema):
        Submission.objects.filter(title=TITLE).delete()


def _ask_and_look_up(browser, site_url):
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    problems: list[str] = []

    page.goto(site_url(HOST, "/hoi-dap/"))
    page.wait_for_selector("form.p-form")
    problems += [f"Q&A page: {p}" for p in axe_problems(page)]
    form = page.locator("section.p-ask form")
    form.get_by_label("Họ và tên").fill("Đỗ Thị Hoa")
    form.get_by_label("Thư điện tử").fill("hoa@nguoidan.test")
    form.get_by_label("Điện thoại").fill("0915 222 333")
    field = form.get_by_label("Lĩnh vực")
    options = [v for v in field.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    field.select_option(options[0])
    form.get_by_label("Tiêu đề").fill(TITLE)
    form.get_by_label("Nội dung").fill(
        "Tôi muốn mở cửa hàng tạp hóa tại nhà, cần đăng ký hộ kinh doanh ở đâu và mất bao lâu?"
    )
    form.locator("input[name=consent]").check()
    # the widget solves the proof of work in the page (altcha.js) and fills the field
    page.wait_for_function(
        "document.querySelector('section.p-ask input[name=altcha]').value !== ''", timeout=90000
    )
    form.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_selector(".p-receipt")
    code = page.locator(".p-code").inner_text().strip()
    problems += [f"receipt: {p}" for p in axe_problems(page)]

    page.get_by_role("link", name="Quay lại trang Hỏi – đáp").click()
    lookup = page.locator("section.p-lookup form")
    lookup.get_by_label("Mã tra cứu").fill(code.lower())
    lookup.get_by_label("Thư điện tử hoặc số điện thoại đã gửi").fill("0915.222.333")
    lookup.get_by_role("button", name="Tra cứu", exact=True).click()
    page.wait_for_selector(".p-status")
    status = page.locator(".p-status").inner_text()
    if code not in status or "Đã tiếp nhận" not in status or TITLE not in status:
        problems.append(f"lookup shows: {status!r}")
    problems += [f"lookup: {p}" for p in axe_problems(page)]
    problems += [f"script error: {e}" for e in errors]
    context.close()
    return problems, code
