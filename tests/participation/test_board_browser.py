"""The citizens' whole flow in headless Chromium, the boards' side included.

1. A visitor asks on the commune (beta), the page's script solving the proof of work.
   Its secretary opens the inbox, opens the item by its code, assigns it (to the
   deputy head, with a unit), opens it again and writes the answer, which leads to
   the draft answer page's editor; there it is sent to the board's approval workflow
   (provisioning/board.yaml, "government": Thư ký, Phó Trưởng ban, Trưởng ban), and
   each of the three steps is approved in the browser by a member holding it. Not
   listed while it waits; once the head approves, the visitor finds it on the public
   Q&A list (a page the cache held before), reads it, and the lookup by code shows
   it answered and published with the answer.
2. A visitor asks on the portal (alpha); the portal's secretary forwards it to the
   commune ("Chuyển đến trang có thẩm quyền"); the commune's inbox brings it in,
   marked as from the portal, and its secretary answers and sends it for approval in
   the browser (the three steps then with the task state's ``approve``, what the
   admin's button calls); the portal's item page shows the commune's progress, then
   the answer, and so does the visitor's lookup on the portal.

Visitors and board members use two contexts of one Chromium; the board members'
sessions are made verified with both factors (tests/two_factor.py) and handed to the
browser as cookies. axe-core (tests/browser/test_tour.py's ``axe_problems``) runs on
every public and admin page visited. Afterwards every row the flow committed (items,
answer pages, the forwarding row in ``public``, sessions, devices, log entries,
settings made on first use) is removed, last_login and the site's publication figures
restored, and every table of the three schemas must have as many rows as before.
"""

import pytest
from django_tenants.utils import get_public_schema_name, schema_context

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import IntegrityError, connection, transaction
from django.test import Client

from forwarding.models import Forward
from operations.models import SiteFigures
from participation.models import QAAnswerPage, State, Submission
from tests.browser.test_tour import axe_problems
from tests.conftest import in_site
from tests.participation.test_worker import committed
from tests.two_factor import verified_login

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

ALPHA, BETA = "alpha.test", "beta.test"
OWN = {
    "title": "Xác nhận nơi cư trú để làm hồ sơ nhập học cho con",
    "body": "Con tôi vào lớp 1 năm nay, tôi cần xin giấy xác nhận cư trú ở đâu, mất mấy ngày?",
    "name": "Lường Văn Thắng",
    "email": "thang@nguoidan.test",
}
OWN_ANSWER = (
    "Từ ngày 01/7/2023 không cần giấy xác nhận cư trú: nhà trường tra cứu thông tin cư "
    "trú trên Cơ sở dữ liệu quốc gia về dân cư theo số định danh cá nhân của cháu."
)
FORWARDED = {
    "title": "Hỗ trợ sửa nhà bị tốc mái sau bão ở thôn Khuổi Phìn",
    "body": "Nhà tôi bị tốc mái trong cơn bão vừa rồi, gia đình có được hỗ trợ sửa nhà không?",
    "name": "Hoàng Thị Mai",
    "email": "mai@nguoidan.test",
}
FORWARDED_ANSWER = (
    "Gia đình làm đơn gửi trưởng thôn; UBND xã kiểm tra thiệt hại và đề nghị hỗ trợ "
    "theo mức của tỉnh trong 10 ngày làm việc."
)
UNIT = "Công chức Tư pháp – Hộ tịch"
ANSWERING_BODY = "UBND xã"
#: the board members who sign in, per site (tests/conftest.py's ``board()``)
SIGN_INS = {"beta": ("thu_ky", "pho_truong_ban", "truong_ban"), "alpha": ("thu_ky",)}

#: every message list of the page has finished fading in (public pages have none)
MESSAGES_SHOWN = """() => [...document.querySelectorAll('.messages > ul')].every(
    (list) => getComputedStyle(list).opacity === '1')"""


@pytest.fixture
def board_sessions(sites):
    """Committed, two-factor-verified sessions of the board members who sign in
    (``SIGN_INS``), by "slug:role"; afterwards every row the flow committed is removed
    and what it changed restored, and each table of the three schemas touched has as
    many rows as before."""
    schemas = [sites.alpha.schema_name, sites.beta.schema_name, get_public_schema_name()]
    before = committed(_snapshot, sites, schemas)
    sessions: dict[str, str] = {}
    try:
        for slug, roles in SIGN_INS.items():
            site = getattr(sites, slug)
            for role in roles:
                sessions[f"{slug}:{role}"] = committed(
                    _sign_in, site.schema_name, f"{role}@{site.slug}.test"
                )
        yield sessions
    finally:
        committed(_clean_up, sites, schemas, before)
    grown = committed(_grown, schemas, before["counts"])
    assert not grown, f"rows left behind: {grown}"


def _sign_in(schema: str, email: str) -> str:
    """The key of a session of ``email`` verified with both factors."""
    with schema_context(schema):
        client = Client()
        verified_login(client, get_user_model().objects.get(email=email))
        return client.cookies[settings.SESSION_COOKIE_NAME].value


def _tables(cursor, schema: str) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [schema])
    return [f'"{schema}"."{row[0]}"' for row in cursor.fetchall()]


def _counts(schemas) -> dict[str, int]:
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT '{t}', count(*) FROM {t}" for t in _tables(cursor, schema)
                )
            )
            counts.update(dict(cursor.fetchall()))
    return counts


def _highest_ids(schemas) -> dict[str, int]:
    """The highest id of each table with an integer ``id`` (what was there before)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema, table_name FROM information_schema.columns "
            "WHERE table_schema = ANY(%s) AND column_name = 'id' "
            "AND data_type IN ('integer', 'bigint')",
            [list(schemas)],
        )
        tables = [f'"{schema}"."{name}"' for schema, name in cursor.fetchall()]
        cursor.execute(
            " UNION ALL ".join(f"SELECT '{t}', coalesce(max(id), 0) FROM {t}" for t in tables)
        )
        return dict(cursor.fetchall())


def _snapshot(sites, schemas) -> dict:
    emails = {
        site.schema_name: [f"{role}@{site.slug}.test" for role in roles]
        for slug, roles in SIGN_INS.items()
        for site in [getattr(sites, slug)]
    }
    last_logins = {}
    for schema, addresses in emails.items():
        with schema_context(schema):
            last_logins[schema] = dict(
                get_user_model().objects.filter(email__in=addresses).values_list("pk", "last_login")
            )
    with schema_context(get_public_schema_name()):
        figures = SiteFigures.objects.filter(tenant_id=sites.beta.pk).values().first()
    sessions = {}
    for site in (sites.alpha, sites.beta):
        with schema_context(site.schema_name):
            sessions[site.schema_name] = list(Session.objects.values_list("session_key", flat=True))
    return {
        "sessions": sessions,
        "counts": _counts(schemas),
        "ids": _highest_ids(schemas),
        "last_logins": last_logins,
        "figures": figures,
    }


def _clean_up(sites, schemas, before) -> None:
    """The items and answer pages through their models (the page tree stays whole),
    then every row added since (sessions, devices, log entries, settings made on first
    use…); the sign-ins' last_login and the site's publication figures restored."""
    titles = [OWN["title"], FORWARDED["title"]]
    for site in (sites.alpha, sites.beta):
        with schema_context(site.schema_name):
            Submission.objects.filter(title__in=titles).delete()
            for answer_page in QAAnswerPage.objects.filter(title__in=titles):
                answer_page.delete()
            for pk, last_login in before["last_logins"].get(site.schema_name, {}).items():
                get_user_model().objects.filter(pk=pk).update(last_login=last_login)
    with schema_context(get_public_schema_name()):
        Forward.objects.filter(title__in=titles).delete()
        figures = before["figures"]
        if figures is None:
            SiteFigures.objects.filter(tenant_id=sites.beta.pk).delete()
        else:
            SiteFigures.objects.filter(pk=figures["id"]).update(**figures)
    for site in (sites.alpha, sites.beta):
        with schema_context(site.schema_name):
            Session.objects.exclude(session_key__in=before["sessions"][site.schema_name]).delete()
    _delete_added(schemas, before["ids"])


def _delete_added(schemas, ids) -> None:
    """Delete the rows whose id is above the highest before, referencing rows first
    (a statement a foreign key refuses is tried again after the others)."""
    pending = {t for t, highest in _highest_ids(schemas).items() if highest > ids.get(t, 0)}
    while pending:
        refused = set()
        for table in sorted(pending):
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(f"DELETE FROM {table} WHERE id > %s", [ids.get(table, 0)])
            except IntegrityError:
                refused.add(table)
        if refused == pending:
            raise AssertionError(f"cannot remove the rows added to {sorted(refused)}")
        pending = refused


def _grown(schemas, counts) -> dict[str, tuple[int, int]]:
    return {t: (counts.get(t, 0), n) for t, n in _counts(schemas).items() if n > counts.get(t, 0)}


def test_boards_answer_approve_and_forward(browse, site_url, sites, board_sessions, tmp_path):
    flow = Flow(sites, site_url, board_sessions, tmp_path)
    problems = browse(flow.run)
    assert not problems, "\n".join(problems)
    with in_site(sites.beta):
        own = Submission.objects.get(title=OWN["title"])
        assert own.state == State.PUBLISHED and own.answer_page.live
        assert own.unit == UNIT and own.assignee.email == "pho_truong_ban@beta.test"
        theirs = Submission.objects.get(title=FORWARDED["title"])
        assert theirs.state == State.PUBLISHED and theirs.forwarded_from == sites.alpha.name
    with in_site(sites.alpha):
        mine = Submission.objects.get(title=FORWARDED["title"])
        assert mine.state == State.FORWARDED and mine.forwarded_to == sites.beta.name
    row = Forward.objects.get(origin=sites.alpha, origin_item=mine.pk)
    assert row.target_item == theirs.pk and row.answer == FORWARDED_ANSWER


class Flow:
    """What the people do in the browser (run on the browser's thread): the visitors
    in one context of the browser, the board members in another (``self.page``)."""

    def __init__(self, sites, site_url, sessions, artifacts):
        self.artifacts = artifacts  # a screenshot and the HTML of a page that failed
        self.sites = sites
        self.url = site_url
        self.sessions = sessions
        self.problems: list[str] = []

    def run(self, browser) -> list[str]:
        errors: list[str] = []
        pages = {}
        for who in ("visitor", "board"):
            context = browser.new_context(locale="vi-VN", bypass_csp=True)
            pages[who] = context.new_page()
            pages[who].on("pageerror", lambda error, who=who: errors.append(f"{who}: {error}"))
            pages[who].set_default_timeout(20000)
        self.visitor, self.page = pages["visitor"], pages["board"]
        self.context = self.page.context
        try:
            self.commune_answers_its_own_question()
            self.portal_forwards_to_the_commune()
        except Exception:
            for who, page in pages.items():
                page.screenshot(path=self.artifacts / f"{who}.png", full_page=True)
                (self.artifacts / f"{who}.html").write_text(page.content())
            raise
        finally:
            for page in pages.values():
                page.context.close()
        return self.problems + [f"script error: {e}" for e in errors]

    # -- the two flows ---------------------------------------------------------------

    def commune_answers_its_own_question(self) -> None:
        page = self.page
        code = self.ask(BETA, OWN)
        self.sign_in(BETA, "beta:thu_ky")
        item = self.open_item(BETA, code)
        # the secretary gives it to the deputy head, with the unit that prepares it
        page.get_by_label("Giao xử lý").check()
        page.locator("#id_assignee").select_option(
            value=self.member(self.sites.beta, "pho_truong_ban")
        )
        page.locator("#id_unit").fill(UNIT)
        self.save_item(BETA, code)
        self.expect_state(item, State.ASSIGNED)
        # back in the inbox: the item again, to answer; the editor of the draft
        # answer page follows, where it goes to the board's workflow
        self.open_item(BETA, code, axe=False)
        answer_page = self.answer(BETA, code, item, OWN_ANSWER)
        self.submit_to_workflow(BETA, answer_page)
        # the secretary's step
        self.approve(BETA, answer_page, "Thư ký")
        # not public while it waits (the visitor's Q&A page, which the cache now holds)
        visitor = self.visitor
        visitor.goto(self.url(BETA, "/hoi-dap/"))
        visitor.locator(".p-answers").wait_for()
        if OWN["title"] in visitor.locator(".p-answers").inner_text():
            self.problems.append("the answer is listed before its approval")
        # the deputy head's step and the head's, which publishes
        self.sign_in(BETA, "beta:pho_truong_ban")
        self.approve(BETA, answer_page, "Phó Trưởng ban")
        self.sign_in(BETA, "beta:truong_ban")
        self.approve(BETA, answer_page, "Trưởng ban")
        self.expect_state(item, State.PUBLISHED)

        visitor.goto(self.url(BETA, "/hoi-dap/"))
        listed = visitor.locator(".p-answers .qa-item", has_text=OWN["title"])
        listed.wait_for()
        if ANSWERING_BODY not in listed.inner_text():
            self.problems.append(f"the public list shows: {listed.inner_text()!r}")
        self.axe("Q&A list with the answer", visitor)
        listed.get_by_role("link", name=OWN["title"]).click()
        visitor.get_by_role("heading", level=1, name=OWN["title"]).wait_for()
        if OWN_ANSWER not in (shown := visitor.locator("main").inner_text()):
            self.problems.append(f"the answer page shows: {shown!r}")
        self.axe("answer page", visitor)
        self.look_up(BETA, code, OWN, "Đã trả lời và công khai", OWN_ANSWER)

    def portal_forwards_to_the_commune(self) -> None:
        page = self.page
        beta = self.sites.beta
        code = self.ask(ALPHA, FORWARDED)
        self.sign_in(ALPHA, "alpha:thu_ky")
        mine = self.open_item(ALPHA, code)
        page.get_by_label("Chuyển đến trang có thẩm quyền").check()
        page.locator("#id_forward_to").select_option(label=beta.name)
        page.locator("#id_forward_note").fill("Thuộc thẩm quyền giải quyết của UBND xã.")
        self.save_item(ALPHA, code)
        self.expect_state(mine, State.FORWARDED, schema=self.sites.alpha.schema_name)

        # the commune's secretary: the inbox brings it in, marked with where it came from
        self.sign_in(BETA, "beta:thu_ky")
        theirs = self.open_item(BETA, code, came_from=self.sites.alpha.name)
        answer_page = self.answer(BETA, code, theirs, FORWARDED_ANSWER)
        self.submit_to_workflow(BETA, answer_page)
        self.portal_shows(mine, "Đã trả lời, chờ duyệt đăng", None)
        for role in ("thu_ky", "pho_truong_ban", "truong_ban"):
            committed(self.approve_step, beta.schema_name, answer_page, role)
        self.expect_state(theirs, State.PUBLISHED)
        self.portal_shows(mine, "Đã trả lời và công khai", FORWARDED_ANSWER)
        self.look_up(ALPHA, code, FORWARDED, "Đã trả lời và công khai", FORWARDED_ANSWER)

    # -- steps -----------------------------------------------------------------------

    def ask(self, host: str, question: dict) -> str:
        """A visitor asks on the site's Q&A page (the page's script solves the proof of
        work); returns the tracking code on the receipt."""
        page = self.visitor
        page.goto(self.url(host, "/hoi-dap/"))
        form = page.locator("section.p-ask form")
        form.get_by_label("Họ và tên").fill(question["name"])
        form.get_by_label("Thư điện tử").fill(question["email"])
        field = form.get_by_label("Lĩnh vực")
        values = field.locator("option").evaluate_all("os => os.map(o => o.value)")
        field.select_option([v for v in values if v][0])
        form.get_by_label("Tiêu đề").fill(question["title"])
        form.get_by_label("Nội dung").fill(question["body"])
        form.locator("input[name=consent]").check()
        page.wait_for_function(
            "document.querySelector('section.p-ask input[name=altcha]').value !== ''",
            timeout=60000,
        )
        form.get_by_role("button", name="Gửi", exact=True).click()
        page.locator(".p-receipt").wait_for()
        self.axe(f"{host} receipt", page)
        return page.locator(".p-code").inner_text().strip()

    def sign_in(self, host: str, who: str) -> None:
        """The member's verified session (board_sessions) in this browser, for the site."""
        self.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": self.sessions[who],
                    "domain": host,
                    "path": "/",
                    "httpOnly": True,
                }
            ]
        )

    def open_item(self, host: str, code: str, came_from: str = "", axe: bool = True) -> int:
        """The board opens its inbox and the item with ``code`` (its code links to it);
        returns its id."""
        page = self.page
        page.goto(self.url(host, "/admin/hoi-dap/"))
        row = page.locator("tbody tr", has_text=code)
        row.wait_for()
        if came_from not in row.inner_text():
            self.problems.append(f"{host} inbox: no “{came_from}” in {row.inner_text()!r}")
        if axe:
            self.axe(f"{host} inbox")
        row.get_by_role("link", name=code).click()
        page.locator("input[name=action]").first.wait_for()
        if axe:
            self.axe(f"{host} item {code}")
        return int(page.url.rstrip("/").rsplit("/", 1)[-1])

    def save_item(self, host: str, code: str) -> None:
        page = self.page
        with page.expect_navigation():
            page.locator("nav.footer__container button[type=submit]").first.click()
        if "/admin/hoi-dap/edit/" in page.url:
            errors = page.locator(".error-message, .help-critical, [role=alert]").all_inner_texts()
            raise AssertionError(f"{host} item {code} not saved: {errors}")

    def answer(self, host: str, code: str, item: int, text: str) -> int:
        """The board writes the answer on the item's page (open) and lands in the draft
        answer page's editor; returns the page's id."""
        page = self.page
        page.get_by_label("Trả lời (tạo bản nháp trang trả lời, đăng sau khi được duyệt)").check()
        page.locator("#id_answer").fill(text)
        page.locator("#id_answering_body").fill(ANSWERING_BODY)
        self.save_item(host, code)
        answer_page = committed(self.answer_page_of, self.sites.beta.schema_name, item)
        if not answer_page or f"/admin/pages/{answer_page}/edit/" not in page.url:
            raise AssertionError(f"answering {code} led to {page.url} (answer page {answer_page})")
        if "Gửi trang trả lời đi duyệt" not in page.locator(".messages").inner_text():
            self.problems.append(
                f"after answering {code}: {page.locator('.messages').inner_text()!r}"
            )
        return answer_page

    def submit_to_workflow(self, host: str, answer_page: int) -> None:
        """Sent to the approval from the answer page's editor (where answering led)."""
        page = self.page
        self.axe(f"{host} answer page editor")
        self.footer_action("button[name=action-submit]")
        page.wait_for_load_state()
        if (
            committed(self.workflow_status, self.sites.beta.schema_name, answer_page)
            != "in_progress"
        ):
            raise AssertionError("the answer page was not sent to the workflow")

    def approve(self, host: str, answer_page: int, who: str) -> None:
        page = self.page
        schema = self.sites.beta.schema_name
        before = committed(self.current_task, schema, answer_page)
        page.goto(self.url(host, f"/admin/pages/{answer_page}/edit/"))
        self.footer_action(
            "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        )
        page.wait_for_load_state()
        if committed(self.current_task, schema, answer_page) == before:
            raise AssertionError(f"{who}'s approval did not move the workflow on")

    def footer_action(self, selector: str) -> None:
        """Click an action of the page editor's footer, opening its menu if needed."""
        page = self.page
        button = page.locator(selector).first
        if not button.is_visible():
            page.locator("footer [data-w-dropdown-target=toggle]").first.click()
        with page.expect_navigation():
            button.click()

    def portal_shows(self, item: int, state: str, answer: str | None) -> None:
        page = self.page
        page.goto(self.url(ALPHA, f"/admin/hoi-dap/inspect/{item}/"))
        progress = page.locator("#forward-progress").locator("..")
        progress.wait_for()
        text = progress.inner_text()
        if state not in text or (answer and answer not in text):
            self.problems.append(f"the portal's item page shows: {text!r}")
        self.axe(f"portal item page ({state})")

    def look_up(self, host: str, code: str, question: dict, state: str, answer: str) -> None:
        page = self.visitor
        page.goto(self.url(host, "/hoi-dap/"))
        lookup = page.locator("section.p-lookup form")
        lookup.get_by_label("Mã tra cứu").fill(code)
        lookup.get_by_label("Thư điện tử hoặc số điện thoại đã gửi").fill(question["email"])
        lookup.get_by_role("button", name="Tra cứu", exact=True).click()
        page.locator(".p-status").wait_for()
        status = page.locator(".p-status").inner_text()
        if state not in status or answer not in status:
            self.problems.append(f"{host} lookup of {code} shows: {status!r}")
        self.axe(f"{host} lookup", page)

    def axe(self, where: str, page=None) -> None:
        page = page or self.page
        # the admin's messages fade in (opacity, 0.5 s): mid-way their colours are
        # blended and fail the contrast check on a slow machine
        page.wait_for_function(MESSAGES_SHOWN)
        self.problems += [f"{where}: {p}" for p in axe_problems(page)]

    def expect_state(self, item: int, state: str, schema: str | None = None) -> None:
        schema = schema or self.sites.beta.schema_name
        found = committed(self.state_of, schema, item)
        if found != state:
            raise AssertionError(f"item {item} is {found}, expected {state}")

    def member(self, site, role: str) -> str:
        return str(committed(self.user_id, site.schema_name, f"{role}@{site.slug}.test"))

    # -- reads and the middle approval step, on connections of their own ------------

    @staticmethod
    def user_id(schema: str, email: str) -> int:
        with schema_context(schema):
            return get_user_model().objects.get(email=email).pk

    @staticmethod
    def state_of(schema: str, item: int) -> str:
        with schema_context(schema):
            return Submission.objects.get(pk=item).state

    @staticmethod
    def answer_page_of(schema: str, item: int) -> int | None:
        with schema_context(schema):
            return Submission.objects.get(pk=item).answer_page_id

    @staticmethod
    def workflow_status(schema: str, answer_page: int) -> str | None:
        with schema_context(schema):
            state = QAAnswerPage.objects.get(pk=answer_page).current_workflow_state
            return state.status if state else None

    @staticmethod
    def current_task(schema: str, answer_page: int) -> int | None:
        with schema_context(schema):
            page = QAAnswerPage.objects.get(pk=answer_page)
            task_state = page.current_workflow_task_state
            return task_state.pk if task_state else (-1 if page.live else None)

    @staticmethod
    def approve_step(schema: str, answer_page: int, role: str) -> None:
        with schema_context(schema):
            user = get_user_model().objects.get(email__startswith=f"{role}@")
            page = QAAnswerPage.objects.get(pk=answer_page)
            page.current_workflow_task_state.approve(user=user)
